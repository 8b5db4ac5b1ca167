/**
 * What a merchant write means for offers, registered with merchants/catalogue.ts at start-up
 * (app.ts; merchants sit below offers and do not import them): this instance's offer index is rebuilt, offers
 * copy their merchant's category for browsing by category, and the staff's merchant list
 * counts each merchant's active offers.
 */
import type { Types } from 'mongoose';
import type { CatalogueHooks } from '../merchants/catalogue';
import { catalogueChanged } from './offer-search';
import { OfferModel } from './offer.model';

export const offerCatalogueHooks: CatalogueHooks = {
  refresh: catalogueChanged,
  async merchantCategoryChanged(merchantId, category, revision) {
    await OfferModel.updateMany({ merchantId }, { $set: { category, revision } });
  },
  async activeOfferCounts(merchantIds) {
    const rows = await OfferModel.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { merchantId: { $in: merchantIds }, status: 'active' } },
      { $group: { _id: '$merchantId', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [String(row._id), row.count]));
  },
};
