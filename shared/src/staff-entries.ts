/**
 * The staff workbench as one table: each entry, the roles that may use it, and the request
 * its page opens with. The mini-program shows an entry to these roles only, the BFF guards
 * that request with the same role list, and a test of each side reads this table, so an
 * entry cannot be offered to someone its page refuses.
 */
import { activityEndpoints } from './contract/activities';
import { aidEndpoints } from './contract/aid';
import { cardEndpoints } from './contract/card';
import { contestEndpoints } from './contract/contests';
import { figureEndpoints } from './contract/figures';
import type { Endpoint } from './endpoint';
import { membershipEndpoints } from './contract/membership';
import { merchantEndpoints } from './contract/merchants';
import { offerEndpoints } from './contract/offers';
import { quizAdminEndpoints } from './contract/quizzes';
import { voucherEndpoints } from './contract/vouchers';
import {
  MERCHANT_CLERK_ROLES,
  STAFF_ROLES,
  STATION_OPERATOR_ROLES,
  UNION_OFFICE_ROLES,
  type Role,
  type RoleGrant,
} from './roles';
import { stationAdminEndpoints } from './contract/station-admin';

export interface StaffEntryRule {
  roles: readonly Role[];
  /** Clerk entries also need the account bound to a merchant (an unbound clerk binds first). */
  needsMerchant?: boolean;
  /** The first request the entry's page makes: if it is refused, the page is useless. */
  opensWith: Endpoint;
}

/** In workbench order: a clerk's daily work first. */
export const STAFF_ENTRIES = {
  merchantRedeem: { roles: MERCHANT_CLERK_ROLES, needsMerchant: true, opensWith: voucherEndpoints.workbench },
  merchantToday: { roles: MERCHANT_CLERK_ROLES, needsMerchant: true, opensWith: voucherEndpoints.todayRedemptions },
  verifyCard: { roles: STAFF_ROLES, opensWith: cardEndpoints.verify },
  joinReview: { roles: UNION_OFFICE_ROLES, opensWith: membershipEndpoints.queue },
  aidReview: { roles: UNION_OFFICE_ROLES, opensWith: aidEndpoints.staffProgrammes },
  aidProgrammes: { roles: UNION_OFFICE_ROLES, opensWith: aidEndpoints.staffProgrammes },
  stations: { roles: STATION_OPERATOR_ROLES, opensWith: stationAdminEndpoints.staffList },
  benefitMerchants: { roles: UNION_OFFICE_ROLES, opensWith: merchantEndpoints.adminMerchants },
  benefitOffers: { roles: UNION_OFFICE_ROLES, opensWith: offerEndpoints.adminOffers },
  benefitSettlement: { roles: UNION_OFFICE_ROLES, opensWith: voucherEndpoints.settlement },
  activities: { roles: UNION_OFFICE_ROLES, opensWith: activityEndpoints.staffActivities },
  quizzes: { roles: UNION_OFFICE_ROLES, opensWith: quizAdminEndpoints.staffQuizzes },
  skillContests: { roles: UNION_OFFICE_ROLES, opensWith: contestEndpoints.staffContests },
  figures: { roles: UNION_OFFICE_ROLES, opensWith: figureEndpoints.figures },
} satisfies Record<string, StaffEntryRule>;

export type StaffEntryKey = keyof typeof STAFF_ENTRIES;
export const STAFF_ENTRY_KEYS = Object.keys(STAFF_ENTRIES) as StaffEntryKey[];

/** What deciding needs to know of an account: its grants and whether it is bound to a merchant. */
export interface StaffEntryHolder {
  roles: readonly Pick<RoleGrant, 'role'>[];
  merchant: unknown;
}

export function mayUseStaffEntry(holder: StaffEntryHolder, key: StaffEntryKey): boolean {
  const rule: StaffEntryRule = STAFF_ENTRIES[key];
  if (rule.needsMerchant && !holder.merchant) return false;
  return holder.roles.some((grant) => rule.roles.includes(grant.role));
}

/** The entries this account may use, in workbench order. */
export function staffEntriesOf(holder: StaffEntryHolder): StaffEntryKey[] {
  return STAFF_ENTRY_KEYS.filter((key) => mayUseStaffEntry(holder, key));
}
