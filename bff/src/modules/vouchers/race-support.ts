/**
 * Shared by the claim race tests: a BFF with members ready to claim, and the way to put an
 * offer back to its starting state between trials and read what a trial left behind.
 */
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { createOrgTree } from '../../../test/fixtures';
import { RaceError, tally } from '../../../test/race';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { ClaimQuotaModel } from './claim-quota.model';
import { createMerchant, createOffer, memberSession, type MemberSession } from './test-support';
import { VoucherModel } from './voucher.model';

export interface ClaimRaceWorld {
  api: TestApi;
  members: MemberSession[];
  offer(overrides: Record<string, unknown>): Promise<OfferDoc>;
}

export async function startClaimRaceWorld(memberCount: number): Promise<ClaimRaceWorld> {
  // The races fire thousands of claims per account: the per-account rate limit is not under test here.
  const api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  const merchant = await createMerchant(orgs.xihuTech);
  const members: MemberSession[] = [];
  for (let i = 0; i < memberCount; i++) members.push(await memberSession(api, orgs.xihuTech, `会员${i}号`));
  return { api, members, offer: (overrides) => createOffer(merchant, overrides) };
}

export type Result = ApiResponse | RaceError;
export const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
export const ok = (results: Result[]) => results.filter((result) => status(result) === 200) as ApiResponse[];
export const codes = (results: Result[]) =>
  tally(results, (result) => (result instanceof RaceError ? 'error' : (result.body?.error?.code ?? result.status)));

/** Puts the offer back to `stock` units with nobody holding any (vouchers, quotas and events of a trial removed). */
export async function resetOffer(offer: OfferDoc, stock: number) {
  await Promise.all([
    VoucherModel.deleteMany({ offerId: offer._id }),
    ClaimQuotaModel.deleteMany({ offerId: offer._id }),
    TrailEventModel.deleteMany({ offerId: offer._id }),
  ]);
  await OfferModel.updateOne({ _id: offer._id }, { $set: { stockRemaining: stock } });
}

export async function stateOf(offer: OfferDoc) {
  const [stored, vouchers, quotas, claimedEvents] = await Promise.all([
    OfferModel.findById(offer._id, { stockRemaining: 1 }).lean(),
    VoucherModel.find({ offerId: offer._id }, { memberId: 1 }).lean(),
    ClaimQuotaModel.find({ offerId: offer._id }).lean(),
    TrailEventModel.countDocuments({ offerId: offer._id, kind: 'voucher.claimed' }),
  ]);
  const held = new Map<string, number>();
  for (const voucher of vouchers) held.set(String(voucher.memberId), (held.get(String(voucher.memberId)) ?? 0) + 1);
  // A quota that differs from what its member holds lost or invented a unit.
  const quotaMismatches = quotas.filter((quota) => quota.count !== (held.get(String(quota.memberId)) ?? 0));
  const unquotaed = [...held.keys()].filter((member) => !quotas.some((quota) => String(quota.memberId) === member));
  return {
    stock: stored!.stockRemaining,
    vouchers: vouchers.length,
    held,
    quotaProblems: quotaMismatches.length + unquotaed.length,
    claimedEvents,
  };
}
