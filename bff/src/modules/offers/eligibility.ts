/**
 * Whether a member may claim or buy an offer now, and if not, why (in Chinese, shown on
 * the offer page). Claims and orders check this before they reserve stock.
 */
import { OCCUPATION_LABELS, type Occupation } from '@union/shared';
import { isHardshipFamily } from '../aid/hardship';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import type { MemberDoc } from '../membership/member.model';
import type { OfferDoc } from './offer.model';

export const ELIGIBILITY_REASONS = {
  notMember: '请先实名绑定会员',
  memberInactive: '会籍状态异常',
  hardshipOnly: '仅限困难职工家庭',
  notStarted: '优惠未开始',
  ended: '已结束',
  paused: '已暂停',
  soldOut: '已领完',
  merchantSuspended: '商家暂停合作',
} as const;

function occupationsOnlyReason(occupations: readonly Occupation[]): string {
  return `仅限${occupations.map((occupation) => OCCUPATION_LABELS[occupation]).join('、')}`;
}

/** Empty when the member may claim now. Pass the offer's merchant if already read (the offer page has it). */
export async function offerEligibilityReasons(
  offer: OfferDoc,
  member: MemberDoc | null,
  now: Date,
  merchant?: Pick<MerchantDoc, 'status'> | null,
): Promise<string[]> {
  const reasons = offerStateReasons(offer, now);
  const seller =
    merchant === undefined ? await MerchantModel.findById(offer.merchantId, { status: 1 }).lean() : merchant;
  if (seller?.status !== 'active') reasons.push(ELIGIBILITY_REASONS.merchantSuspended);
  if (!member) return [ELIGIBILITY_REASONS.notMember, ...reasons];
  if (member.status !== 'active') reasons.push(ELIGIBILITY_REASONS.memberInactive);
  const occupations = (offer.audience?.occupations ?? []) as Occupation[];
  if (occupations.length > 0 && !occupations.includes(member.occupation as Occupation)) {
    reasons.push(occupationsOnlyReason(occupations));
  }
  if (offer.audience?.hardshipFamiliesOnly && !(await isHardshipFamily(member, now))) {
    reasons.push(ELIGIBILITY_REASONS.hardshipOnly);
  }
  return reasons;
}

function offerStateReasons(offer: OfferDoc, now: Date): string[] {
  if (offer.status === 'ended') return [ELIGIBILITY_REASONS.ended];
  if (offer.status === 'draft' || offer.validFrom.getTime() > now.getTime()) return [ELIGIBILITY_REASONS.notStarted];
  if (offer.validUntil.getTime() <= now.getTime()) return [ELIGIBILITY_REASONS.ended];
  if (offer.status === 'paused') return [ELIGIBILITY_REASONS.paused];
  if (offer.stockRemaining < 1) return [ELIGIBILITY_REASONS.soldOut];
  return [];
}
