/**
 * The concurrency heart of claiming and buying: a unit of an offer is reserved by taking
 * one from the member's per-period quota and one from the offer's stock, each with a single
 * conditional update, so neither can be exceeded however many requests race (500 parallel
 * claims on 100 units give exactly 100). A reservation is turned into a voucher by
 * `issueVoucher` (idempotent by issue key) or given back by `releaseClaim`, which callers
 * run at most once per reservation, behind their own conditional state change.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { limitPeriodKey, luhnCheckDigit, offerSplit, VOUCHER_CODE_LENGTH } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError } from '../../http/errors';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { headlineOf } from '../offers/presenter';
import { ClaimQuotaModel } from './claim-quota.model';
import { BENEFIT_METRICS, markBenefitFigures } from './figures';
import { VoucherModel, type VoucherDoc } from './voucher.model';

export interface Reservation {
  offerId: Types.ObjectId;
  memberId: Types.ObjectId;
  periodKey: string;
}

type Id = string | Types.ObjectId;

/** 409 `sold_out`, the same words whether the eligibility check or the stock update found it. */
export const soldOut = () => ConflictError('已经领完了，下次早点来', 'sold_out');
const oid = (id: Id) => (typeof id === 'string' ? new Types.ObjectId(id) : id);

/**
 * Takes one unit of quota and one of stock, or neither. Throws 409 `claim_limit_reached`,
 * `sold_out` or `offer_unavailable` (paused, ended, outside its window) in Chinese.
 */
export async function reserveClaim(offer: OfferDoc, memberId: Id, now: Date): Promise<Reservation> {
  const reservation: Reservation = {
    offerId: offer._id,
    memberId: oid(memberId),
    periodKey: limitPeriodKey(offer.limitPeriod as never, now),
  };
  if (!(await takeQuota(reservation, offer.limitPerMember))) {
    throw ConflictError(limitMessage(offer), 'claim_limit_reached');
  }
  // One unit, only while the offer is open and has one: the database decides between racers.
  const taken = await updateIf(
    OfferModel,
    {
      key: { _id: offer._id },
      when: { status: 'active', validFrom: { $lte: now }, validUntil: { $gt: now }, stockRemaining: { $gte: 1 } },
    },
    { $inc: { stockRemaining: -1 } },
  );
  if (!taken) {
    await giveBackQuota(reservation);
    const current = await OfferModel.findById(offer._id, { status: 1, validFrom: 1, validUntil: 1 }).lean();
    // Active and within its window, so only the stock can have failed the update (a unit a
    // parallel request gave back since then may already show again: still "sold out" now).
    const open = current?.status === 'active' && current.validFrom <= now && current.validUntil > now;
    if (open) throw soldOut();
    throw ConflictError('该优惠当前不可领取', 'offer_unavailable');
  }
  return reservation;
}

/** Gives a reservation's unit back to the offer's stock and the member's quota. */
export async function releaseClaim(reservation: Reservation): Promise<void> {
  await OfferModel.updateOne({ _id: reservation.offerId }, { $inc: { stockRemaining: 1 } });
  await giveBackQuota(reservation);
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

async function takeQuota(reservation: Reservation, limit: number): Promise<boolean> {
  const take = () =>
    updateIf(ClaimQuotaModel, { key: reservation, when: { count: { $lt: limit } } }, { $inc: { count: 1 } });
  // The first claim of a period inserts the quota, and the unique index decides between
  // parallel first claims. (An earlier `findOneAndUpdate` upsert let a member past the limit on
  // jongodb; the `updateOne` upsert is safe too, as db/conformance.test.ts shows.)
  if (await take()) return true;
  try {
    await ClaimQuotaModel.create({ ...reservation, count: 1 });
    return true;
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    // The period's document exists: either the member is at the limit, or a parallel first
    // claim created it a moment ago. Once more, conditionally.
    return take();
  }
}

async function giveBackQuota(reservation: Reservation): Promise<void> {
  await ClaimQuotaModel.updateOne({ ...reservation, count: { $gte: 1 } }, { $inc: { count: -1 } });
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
