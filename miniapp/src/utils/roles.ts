import { STAFF_ROLES, UNION_OFFICE_ROLES, type Me } from '@union/shared';

/** Every staff role may check a union card (stations and merchants serve members). */
export function canVerifyCards(me: Me): boolean {
  return me.roles.some((grant) => STAFF_ROLES.includes(grant.role));
}

export function canReviewJoinApplications(me: Me): boolean {
  return me.roles.some((grant) => UNION_OFFICE_ROLES.includes(grant.role));
}

/** Station keepers run their stations (walk-ins, feedback, poster, counts); union offices also manage them. */
export function canOperateStations(me: Me): boolean {
  return me.roles.some((grant) => grant.role === 'station_keeper' || UNION_OFFICE_ROLES.includes(grant.role));
}

/** Create, edit, close, photos and import: union office staff only. */
export function canManageStations(me: Me): boolean {
  return canReviewJoinApplications(me);
}

/** The organisations a manager may put stations under (their grants; the BFF accepts their subtrees). */
export function stationManagementOrgs(me: Me): { id: string; name: string }[] {
  const orgs = new Map<string, string>();
  for (const grant of me.roles) if (UNION_OFFICE_ROLES.includes(grant.role)) orgs.set(grant.orgId, grant.orgName);
  return [...orgs].map(([id, name]) => ({ id, name }));
}

/** 金秋助学 review: union office staff, each within their own organisation's subtree. */
export function canReviewAid(me: Me): boolean {
  return me.roles.some((grant) => UNION_OFFICE_ROLES.includes(grant.role));
}

/** 普惠商家: union office staff sign merchants, publish offers and settle with them, within their subtrees. */
export function canManageBenefits(me: Me): boolean {
  return me.roles.some((grant) => UNION_OFFICE_ROLES.includes(grant.role));
}

/** A clerk redeems vouchers for the one merchant their account is bound to. */
export function isMerchantClerk(me: Me): boolean {
  return me.merchant !== null && me.roles.some((grant) => grant.role === 'merchant_staff');
}
