/**
 * Claiming a free coupon (or a voucher the union pays for entirely). Idempotent by the
 * client's requestId: the voucher's issue key is `claim:<memberId>:<requestId>`, so a
 * retried or double-tapped claim returns the voucher of the first. Stock and the
 * per-member limit are held by claim-core.
 */
import { offerNeedsPayment } from '@union/shared';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { ConflictError, ForbiddenError, HttpError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { ELIGIBILITY_REASONS, offerEligibilityReasons } from '../offers/eligibility';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import {
  claimedInPeriod,
  claimHoldKey,
  eligibilityRefusal,
  holdsStock,
  issueVoucher,
  releaseUnwritten,
  reservationFor,
  reserveClaim,
  settleStock,
  type Reservation,
} from './claim-core';
import { memberActor, recordEvent } from '../event-trail/record';
import { presentVoucher } from './presenter';
import { VoucherModel, type VoucherDoc } from './voucher.model';

/**
 * How long a claim refused for the member's limit waits for a parallel duplicate of itself
 * (same requestId, on another BFF instance) to finish issuing before answering 409.
 */
const DUPLICATE_WAIT_MS = [50, 150, 300];

/** Claims being worked on by this instance, by issue key: a double tap waits for the first tap's answer. */
const inFlight = new Map<string, Promise<VoucherDoc>>();

const claimIssueKey = (memberId: string, requestId: string) => `claim:${memberId}:${requestId}`;

/** The voucher a request already produced, which must be of the offer asked for now. */
function ofThisOffer(voucher: VoucherDoc, offerId: string): VoucherDoc {
  if (String(voucher.offerId) !== offerId) {
    throw ConflictError('该请求编号已用于领取其他优惠，请重新领取', 'request_reused');
  }
  return voucher;
}

async function voucherOfRequest(issueKey: string, offerId: string): Promise<VoucherDoc | null> {
  const voucher = await VoucherModel.findOne({ issueKey }).lean<VoucherDoc>();
  return voucher && ofThisOffer(voucher, offerId);
}

/** Claims and answers the voucher as the member sees it. */
export async function claimAndPresent(actor: Actor, offerId: string, requestId: string, now: Date) {
  return presentVoucher(await claimOffer(actor, offerId, requestId, now), now);
}

export async function claimOffer(actor: Actor, offerId: string, requestId: string, now: Date): Promise<VoucherDoc> {
  if (!actor.memberId) throw ForbiddenError(ELIGIBILITY_REASONS.notMember);
  const issueKey = claimIssueKey(actor.memberId, requestId);
  const running = inFlight.get(issueKey);
  if (running) return ofThisOffer(await running, offerId);
  const claiming = claimOnce(actor as Actor & { memberId: string }, offerId, issueKey, now);
  inFlight.set(issueKey, claiming);
  try {
    return await claiming;
  } finally {
    inFlight.delete(issueKey);
  }
}

async function claimOnce(
  actor: Actor & { memberId: string },
  offerId: string,
  issueKey: string,
  now: Date,
): Promise<VoucherDoc> {
  const existing = await voucherOfRequest(issueKey, offerId);
  if (existing) return finishIssued(actor, existing, null, now);

  const offer = await OfferModel.findById(offerId).lean<OfferDoc>();
  if (!offer || offer.status === 'draft') throw NotFoundError('优惠不存在');
  if (offerNeedsPayment(offer)) {
    throw ConflictError('这是付费券，请点击购买', 'payment_required');
  }
  const member = await MemberModel.findById(actor.memberId).lean<MemberDoc>();
  const holdKey = claimHoldKey(issueKey);
  // A parallel duplicate of this very request (on another instance) may hold the last unit or
  // the member's quota: its voucher is the answer, not 已领完. Only worth waiting for when the
  // member holds a unit this period.
  const duplicateOr = async (caught: unknown) => {
    if (caught instanceof HttpError && caught.status === 409) {
      const patient = caught.code === 'claim_limit_reached' || (await claimedInPeriod(offer, actor.memberId, now)) > 0;
      const duplicate = await awaitDuplicate(issueKey, offerId, patient);
      if (duplicate) return duplicate;
    }
    throw caught;
  };
  try {
    // An earlier attempt of this request that was cut off may hold the last unit: not sold out for it.
    const resumed = await holdsStock(offer, holdKey);
    await requireEligible(resumed ? { ...offer, stockRemaining: offer.stockRemaining + 1 } : offer, member, now);
  } catch (caught) {
    return duplicateOr(caught);
  }

  let reservation;
  try {
    reservation = await reserveClaim(offer, actor.memberId, now, holdKey);
  } catch (caught) {
    return duplicateOr(caught);
  }

  let issued;
  try {
    issued = await issueVoucher({
      offer,
      merchantOrgPath: offer.orgPath,
      reservation,
      accountId: actor.accountId,
      issueKey,
      orderId: null,
      paidFen: 0,
      now,
    });
  } catch (caught) {
    // Only a voucher that could not be written at all: a cut-off database leaves the hold to the retry or the sweep.
    if (!isDatabaseUnavailable(caught)) await releaseUnwritten(reservation);
    throw caught;
  }
  // Written by this attempt or by a parallel duplicate of it: one voucher, one unit, one trail entry.
  return finishIssued(actor, issued.voucher, reservation, now, member?.name);
}

/**
 * The steps after a claim's voucher is written, done again by a retry when the first attempt
 * was cut off after writing it: the stock hold settled and the claim on the member's trail.
 */
async function finishIssued(
  actor: Actor & { memberId: string },
  voucher: VoucherDoc,
  reservation: Reservation | null,
  now: Date,
  memberName?: string,
): Promise<VoucherDoc> {
  const ours =
    reservation ??
    reservationFor({ _id: voucher.offerId, limitPeriod: 'total' }, actor.memberId, now, claimHoldKey(voucher.issueKey));
  await settleStock(ours, voucher.holdToken ?? null);
  const name = memberName ?? (await MemberModel.findById(actor.memberId, { name: 1 }).lean())?.name ?? '';
  await recordEvent({
    kind: 'voucher.claimed',
    actor: memberActor(actor.accountId, name),
    at: voucher.claimedAt,
    voucherId: voucher._id,
    offerId: voucher.offerId,
    merchantId: voucher.merchantId,
    amountFen: 0,
    summary: `领取「${voucher.title}」`,
    once: `voucher.claimed:${String(voucher._id)}`,
  });
  return voucher;
}

/** 403 with the reasons (Chinese) when the member may not claim; 409 when only the stock ran out. */
async function requireEligible(offer: OfferDoc, member: MemberDoc | null, now: Date): Promise<void> {
  const reasons = await offerEligibilityReasons(offer, member, now);
  if (reasons.length > 0) throw eligibilityRefusal(reasons, '领取');
}

async function awaitDuplicate(issueKey: string, offerId: string, patient: boolean): Promise<VoucherDoc | null> {
  const waits = patient ? DUPLICATE_WAIT_MS : [0];
  for (const wait of waits) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    const voucher = await voucherOfRequest(issueKey, offerId);
    if (voucher) return voucher;
  }
  return null;
}
