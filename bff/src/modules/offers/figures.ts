/** The offer states the cadres' figures show (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import { OfferModel } from './offer.model';

/** 在架优惠: active offers within their validity now, by category, over the org's subtree. */
export async function liveOffersByCategory(orgId: Types.ObjectId, now = new Date()): Promise<Map<string, number>> {
  const rows = await OfferModel.aggregate<{ _id: string; count: number }>([
    { $match: { orgPath: orgId, status: 'active', validFrom: { $lte: now }, validUntil: { $gt: now } } },
    { $group: { _id: '$category', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.count]));
}
