/** The offer states the cadres' figures show (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import { MerchantModel } from '../merchants/merchant.model';
import { OfferModel } from './offer.model';

/**
 * 在架优惠: the offers members see listed now (browse.service.ts) — active, within their
 * validity, of a merchant not suspended — by category, over the org's subtree.
 */
export async function liveOffersByCategory(orgId: Types.ObjectId, now = new Date()): Promise<Map<string, number>> {
  const suspended = await MerchantModel.find({ status: 'suspended' }, { _id: 1 }).lean();
  const rows = await OfferModel.aggregate<{ _id: string; count: number }>([
    {
      $match: {
        orgPath: orgId,
        status: 'active',
        validFrom: { $lte: now },
        validUntil: { $gt: now },
        merchantId: { $nin: suspended.map((merchant) => merchant._id) },
      },
    },
    { $group: { _id: '$category', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.count]));
}
