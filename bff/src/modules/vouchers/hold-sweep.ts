/**
 * Gives back units of stock held by requests that were cut off and never retried (see
 * claim-core.ts): a hold older than ABANDONED_AFTER_MS is settled when the voucher or order
 * written for it exists, and released otherwise — its quota too, unless a record of the same
 * request holds that. Requests finish in seconds, so a hold that old has no live request behind
 * it; every step is a conditional update on the hold (its record id; to release, also its owner
 * and age), so two sweeps never give a unit back twice, and a late retry that adopted the hold
 * (renewing it) keeps it.
 */
import { Types } from 'mongoose';
import { staleHolds } from '../../db/holds';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import { releaseUnwritten, reservationFor, settleStock } from './claim-core';
import { VoucherModel } from './voucher.model';

export const ABANDONED_AFTER_MS = 2 * 60_000;
const ORDER_PREFIX = 'order:';

interface Written {
  memberId: Types.ObjectId;
  periodKey: string;
  holdToken: string | null;
}

/** The voucher or order written for the request that took the hold, if any. */
async function writtenFor(key: string): Promise<Written | null> {
  if (key.startsWith(ORDER_PREFIX)) {
    const order = await OrderModel.findOne({ requestKey: key.slice(ORDER_PREFIX.length) }).lean<OrderDoc>();
    if (!order) return null;
    const facts = order.product.facts as { periodKey: string; holdToken?: string | null };
    return { memberId: order.memberId, periodKey: facts.periodKey, holdToken: facts.holdToken ?? null };
  }
  const voucher = await VoucherModel.findOne({ issueKey: key }, { memberId: 1, periodKey: 1, holdToken: 1 }).lean();
  return voucher && { memberId: voucher.memberId, periodKey: voucher.periodKey, holdToken: voucher.holdToken ?? null };
}

/** The member and period a request's key names: `claim:<memberId>:…` or `order:<memberId>:…`. */
function memberOfKey(key: string): Types.ObjectId | null {
  const memberId = key.split(':')[1];
  return memberId && Types.ObjectId.isValid(memberId) ? new Types.ObjectId(memberId) : null;
}

export async function sweepAbandonedHolds(now: Date): Promise<{ settled: number; released: number }> {
  const outcome = { settled: 0, released: 0 };
  const takenBy = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const abandoned = await staleHolds(OfferModel, takenBy);
  for (const { documentId, hold } of abandoned) {
    const offer = await OfferModel.findById(documentId, { limitPeriod: 1 }).lean<OfferDoc>();
    const written = await writtenFor(hold.key);
    const memberId = written?.memberId ?? memberOfKey(hold.key);
    if (!offer || !memberId) continue;
    // The quota period is the one the hold was taken (or last adopted) in, not today's.
    const reservation = { ...reservationFor(offer, memberId, hold.at, hold.key, hold.record) };
    if (written) reservation.periodKey = written.periodKey;
    if (written?.holdToken === hold.record) {
      await settleStock(reservation, hold.record);
      outcome.settled += 1;
    } else if (written) {
      // A second unit a late duplicate took after the record's own hold was settled.
      await settleStock(reservation, written.holdToken);
      outcome.released += 1;
    } else if (await releaseUnwritten(reservation, { owner: hold.owner, takenBy })) {
      outcome.released += 1;
    }
  }
  return outcome;
}
