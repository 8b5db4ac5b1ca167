/**
 * The concurrency heart of claiming and buying: a unit of an offer is reserved by taking
 * one from the offer's stock and one from the member's per-period quota, each with a single
 * conditional update, so neither can be exceeded however many requests race (500 parallel
 * claims on 100 units give exactly 100).
 *
 * Each unit is held under its request's key in the same update (db/holds.ts), so a
 * request cut off half-way — the database gone after the stock was taken, the process killed
 * before the voucher was written — is resumed by its retry with the same key (which finds its
 * own unit instead of taking another) or given back by `sweepAbandonedHolds` when nobody
 * retries. Stock first, then quota: a request cut off in between leaves a stock hold, which is
 * what the sweep looks for. Once the voucher or order exists the stock hold is settled (the
 * record now stands for the unit); the quota hold stays and is released with the unit.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { limitPeriodKey, luhnCheckDigit, offerSplit, VOUCHER_CODE_LENGTH } from '@union/shared';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { heldRecord, releaseHold, settleHold, takeHold, type Counter, type HoldMatch } from '../../db/holds';
import { ConflictError, HttpError } from '../../http/errors';
import { ELIGIBILITY_REASONS } from '../offers/eligibility';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { headlineOf } from '../offers/presenter';
import { ClaimQuotaModel } from './claim-quota.model';
import { BENEFIT_METRICS, markBenefitFigures } from './figures';
import { VoucherModel, type VoucherDoc } from './voucher.model';

export interface Reservation {
  offerId: Types.ObjectId;
  memberId: Types.ObjectId;
  periodKey: string;
  /** The request's key (a claim's issue key, `order:<request key>`); the holds are kept under it. */
  holdKey: string;
  /**
   * The record id of this reservation's stock hold (db/holds.ts): the voucher or order written
   * for it keeps it as its `holdToken`, so a hold whose record keeps another one is surplus.
   */
  holdToken: string | null;
}

type Id = string | Types.ObjectId;

/** 409 `sold_out`, the same words whether the eligibility check or the stock update found it. */
export const soldOut = () => ConflictError('已经领完了，下次早点来', 'sold_out');

/**
 * The refusal of a claim or purchase the offer's eligibility check turned down: 409 `sold_out`
 * when only the stock stands in the way (the member lost the race for the last unit, which is
 * no rule about them), 403 `not_eligible` with every reason otherwise.
 */
export function eligibilityRefusal(reasons: string[], doing: '领取' | '购买'): HttpError {
  if (reasons.length === 1 && reasons[0] === ELIGIBILITY_REASONS.soldOut) return soldOut();
  return new HttpError(403, 'not_eligible', `暂不能${doing}：${reasons.join('；')}`);
}
const oid = (id: Id) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

const stockOf = (offerId: Types.ObjectId, now?: Date): Counter => ({
  model: OfferModel,
  target: { _id: offerId },
  field: 'stockRemaining',
  step: -1,
  // One unit, only while the offer is open and has one: the database decides between racers.
  when: now && {
    status: 'active',
    validFrom: { $lte: now },
    validUntil: { $gt: now },
    stockRemaining: { $gte: 1 },
  },
});

const quotaOf = (reservation: Reservation, limit = 0): Counter => ({
  model: ClaimQuotaModel,
  target: { offerId: reservation.offerId, memberId: reservation.memberId, periodKey: reservation.periodKey },
  field: 'count',
  step: 1,
  when: { count: { $lt: limit } },
});

export function reservationFor(
  offer: Pick<OfferDoc, '_id' | 'limitPeriod'>,
  memberId: Id,
  now: Date,
  holdKey: string,
  holdToken: string | null = null,
): Reservation {
  return {
    offerId: offer._id,
    memberId: oid(memberId),
    periodKey: limitPeriodKey(offer.limitPeriod as never, now),
    holdKey,
    holdToken,
  };
}

/** The key an order's unit is held under, from the order's request key. */
export const orderHoldKey = (requestKey: string) => `order:${requestKey}`;
/** The key a free claim's unit is held under: its voucher's issue key (`claim:<member>:<request>`). */
export const claimHoldKey = (issueKey: string) => issueKey;

/** Whether this request already holds a unit of the offer's stock (an earlier attempt took it). */
export const holdsStock = async (offer: OfferDoc, holdKey: string) =>
  (await heldRecord(stockOf(offer._id), holdKey)) !== null;

/**
 * Takes one unit of stock and one of quota, or neither — or finds them already held by an
 * earlier attempt of the same request. Throws 409 `claim_limit_reached`, `sold_out` or
 * `offer_unavailable` (paused, ended, outside its window) in Chinese.
 */
export async function reserveClaim(offer: OfferDoc, memberId: Id, now: Date, holdKey: string): Promise<Reservation> {
  const stock = await takeHold(stockOf(offer._id, now), holdKey, randomUUID(), now);
  if (!stock) {
    const current = await OfferModel.findById(offer._id, { status: 1, validFrom: 1, validUntil: 1 }).lean();
    // Active and within its window, so only the stock can have failed the update (a unit a
    // parallel request gave back since then may already show again: still "sold out" now).
    const open = current?.status === 'active' && current.validFrom <= now && current.validUntil > now;
    if (open) throw soldOut();
    throw ConflictError('该优惠当前不可领取', 'offer_unavailable');
  }
  const reservation = reservationFor(offer, memberId, now, holdKey, stock.record);
  if (!(await takeQuota(reservation, offer.limitPerMember, now))) {
    if (!stock.adopted) await releaseHold(stockOf(offer._id), holdKey, { owner: stock.owner });
    throw ConflictError(limitMessage(offer), 'claim_limit_reached');
  }
  return reservation;
}

/**
 * The voucher or order of this request is written, keeping `writtenToken`: it now stands for
 * that stock hold, which is settled. A reservation holding another token took a second unit
 * after the written one's hold was settled (a duplicate arriving late): that unit goes back.
 */
export async function settleStock(reservation: Reservation, writtenToken: string | null): Promise<void> {
  const stock = stockOf(reservation.offerId);
  if (reservation.holdToken && reservation.holdToken !== writtenToken) {
    await releaseHold(stock, reservation.holdKey, { record: reservation.holdToken });
  }
  if (writtenToken) await settleHold(stock, reservation.holdKey, { record: writtenToken });
}

/**
 * Undoes a reservation whose voucher or order was never written: its stock hold and the
 * quota held under its key go back, once however often this runs. The sweep passes the owner
 * and age it saw: a retry that adopted the hold since (renewing it) keeps both.
 */
export async function releaseUnwritten(
  reservation: Reservation,
  seen: Pick<HoldMatch, 'owner' | 'takenBy'> = {},
): Promise<boolean> {
  const stock = stockOf(reservation.offerId);
  const released = await releaseHold(stock, reservation.holdKey, {
    record: reservation.holdToken ?? undefined,
    ...seen,
  });
  if (!released && seen.owner !== undefined) return false;
  await releaseHold(quotaOf(reservation), reservation.holdKey);
  return released;
}

/**
 * Gives the unit of a written voucher or order back to the offer's stock and the member's
 * quota. Callers run it at most once per unit, behind their own conditional state change.
 * The stock goes back through the hold when it was never settled (or was never written), by
 * a plain increment otherwise: exactly once either way, even racing the sweep's settle.
 */
export async function releaseClaim(reservation: Reservation): Promise<void> {
  const token = reservation.holdToken ?? undefined;
  if (!token || !(await releaseHold(stockOf(reservation.offerId), reservation.holdKey, { record: token }))) {
    await OfferModel.updateOne({ _id: reservation.offerId }, { $inc: { stockRemaining: 1 } });
  }
  if (await releaseHold(quotaOf(reservation), reservation.holdKey)) return;
  // A quota taken before units were held by key.
  await ClaimQuotaModel.updateOne(
    { ...quotaOf(reservation).target, holds: { $exists: false }, count: { $gte: 1 } },
    { $inc: { count: -1 } },
  );
}

/** How many units the member holds in the current period (for the offer page). */
export async function claimedInPeriod(offer: OfferDoc, memberId: Id, now: Date): Promise<number> {
  const quota = await ClaimQuotaModel.findOne({
    offerId: offer._id,
    memberId: oid(memberId),
    periodKey: limitPeriodKey(offer.limitPeriod as never, now),
  }).lean();
  return quota?.count ?? 0;
}

async function takeQuota(reservation: Reservation, limit: number, now: Date): Promise<boolean> {
  // The quota's hold is never settled: it lives as long as the unit and is released with it.
  const take = async () =>
    (await takeHold(quotaOf(reservation, limit), reservation.holdKey, reservation.holdKey, now)) !== null;
  // The first claim of a period inserts the quota, and the unique index decides between
  // parallel first claims. (An earlier `findOneAndUpdate` upsert let a member past the limit on
  // jongodb; the `updateOne` upsert is safe too, as db/conformance.test.ts shows.)
  if (await take()) return true;
  try {
    await ClaimQuotaModel.create({ ...quotaOf(reservation).target, count: 0, held: 0 });
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    // A parallel first claim created it a moment ago.
  }
  return take();
}

function limitMessage(offer: OfferDoc): string {
  const period = { day: '每天', week: '每周', month: '每月', year: '每年', total: '活动期间' }[offer.limitPeriod];
  return `${period}每人限领 ${offer.limitPerMember} 张，您已领满`;
}

export interface IssueVoucherInput {
  offer: OfferDoc;
  merchantOrgPath: Types.ObjectId[];
  reservation: Reservation;
  accountId: Id;
  /** `order:<orderId>` or `claim:<memberId>:<requestId>`. */
  issueKey: string;
  orderId: Id | null;
  paidFen: number;
  now: Date;
}

/**
 * Creates the voucher for a reservation, once: a second call with the same issue key
 * returns the first voucher (`created: false`), and the caller must then release its own
 * reservation if it made a second one.
 */
export async function issueVoucher(input: IssueVoucherInput): Promise<{ voucher: VoucherDoc; created: boolean }> {
  const { offer } = input;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const voucher = await VoucherModel.create({
        code: newVoucherCode(),
        issueKey: input.issueKey,
        offerId: offer._id,
        merchantId: offer.merchantId,
        merchantOrgPath: input.merchantOrgPath,
        memberId: input.reservation.memberId,
        accountId: oid(input.accountId),
        orderId: input.orderId ? oid(input.orderId) : null,
        kind: offer.kind,
        title: offer.title,
        headline: headlineOf(offer),
        usageNotes: offer.usageNotes,
        faceValueFen: offer.faceValueFen,
        paidFen: input.paidFen,
        unionSubsidyFen: offerSplit(offer).unionSubsidyFen,
        validFrom: offer.validFrom,
        validUntil: offer.validUntil,
        periodKey: input.reservation.periodKey,
        holdToken: input.reservation.holdToken,
        status: 'unused',
        claimedAt: input.now,
      });
      await markBenefitFigures([BENEFIT_METRICS.claims], offer, input.now);
      return { voucher: voucher.toObject() as VoucherDoc, created: true };
    } catch (caught) {
      if (!isDuplicateKeyError(caught)) throw caught;
      const existing = await VoucherModel.findOne({ issueKey: input.issueKey }).lean();
      if (existing) return { voucher: existing as VoucherDoc, created: false };
      // Otherwise the random code collided with another voucher's: draw again.
    }
  }
  throw new Error('could not draw a unique voucher code');
}

/** 11 random digits and a Luhn check digit; the first digit is never 0 so the code reads as a number. */
export function newVoucherCode(): string {
  let payload = String(randomInt(1, 10));
  while (payload.length < VOUCHER_CODE_LENGTH - 1) payload += String(randomInt(0, 10));
  return payload + String(luhnCheckDigit(payload));
}
