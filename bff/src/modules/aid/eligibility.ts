/** The shared eligibility rules applied to stored programmes and members, and their reasons as HTTP errors. */
import { checkAidEligibility, type AidEligibilityInput, type EligibilityCheck } from '@union/shared';
import { HttpError } from '../../http/errors';
import type { MemberDoc } from '../membership/member.model';
import type { AidProgrammeDoc } from './aid-programme.model';
import { programmeEligibility } from './presenter';

export function checkEligibility(
  programme: AidProgrammeDoc,
  member: Pick<MemberDoc, 'status' | 'joinedAt'>,
  today: Date,
  details: Pick<AidEligibilityInput, 'child' | 'household'> = {},
): EligibilityCheck {
  return checkAidEligibility({
    programme: {
      applyFrom: programme.applyFrom,
      applyTo: programme.applyTo,
      eligibility: programmeEligibility(programme),
      tiers: programme.tiers.map((tier) => ({ educationLevel: tier.educationLevel!, amountFen: tier.amountFen! })),
    },
    member: { status: member.status, joinedAt: member.joinedAt },
    today,
    ...details,
  });
}

/** The form field each reason is about, so the mini-program can show it beside that field. */
const REASON_FIELDS: Record<string, string> = {
  admission_year: 'child.admissionYear',
  no_tier: 'child.educationLevel',
  hardship_category: 'household.hardshipCategory',
  income_ceiling: 'household.annualIncomeFen',
};

export function notEligibleError(check: EligibilityCheck): HttpError {
  return new HttpError(
    400,
    'not_eligible',
    `暂不符合申请条件：${check.reasons.map((reason) => reason.message).join('；')}`,
    check.reasons.map((reason) => ({ path: REASON_FIELDS[reason.code] ?? reason.code, message: reason.message })),
  );
}
