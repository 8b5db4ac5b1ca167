import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { LIMIT_PERIODS, MERCHANT_CATEGORIES, OCCUPATIONS, OFFER_KINDS } from '@union/shared';
import { holdFields } from '../../db/holds';

/**
 * An offer of a merchant. `stockRemaining` is the only stock counter: a claim or an order
 * takes a unit with a conditional `$inc: -1` on `stockRemaining >= 1`, and a closed order or
 * a refund gives it back, so stock can never go below zero however many requests race.
 * Money fields are fixed once published (vouchers snapshot them anyway).
 * `orgPath` and `category` are the merchant's, copied for scoped and category queries.
 */
const offerSchema = new Schema(
  {
    merchantId: { type: Schema.Types.ObjectId, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    category: { type: String, enum: MERCHANT_CATEGORIES, required: true },
    kind: { type: String, enum: OFFER_KINDS, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    usageNotes: { type: String, default: '' },
    coupon: {
      type: new Schema(
        {
          type: { type: String, enum: ['discount', 'threshold'], required: true },
          payPercent: Number,
          thresholdFen: Number,
          reductionFen: Number,
        },
        { _id: false },
      ),
      default: null,
    },
    faceValueFen: { type: Number, default: 0 },
    priceFen: { type: Number, default: 0 },
    unionSubsidyFen: { type: Number, default: 0 },
    validFrom: { type: Date, required: true },
    validUntil: { type: Date, required: true },
    stockTotal: { type: Number, required: true },
    stockRemaining: { type: Number, required: true },
    /**
     * Units taken by requests whose voucher or order is not written yet, by request key
     * (db/holds.ts): a retry resumes its own unit, a sweep gives back abandoned ones.
     */
    ...holdFields,
    limitPerMember: { type: Number, required: true },
    limitPeriod: { type: String, enum: LIMIT_PERIODS, required: true },
    audience: {
      occupations: { type: [{ type: String, enum: OCCUPATIONS }], default: [] },
      hardshipFamiliesOnly: { type: Boolean, default: false },
    },
    status: { type: String, enum: ['draft', 'active', 'paused', 'ended'], default: 'active' },
    redeemedCount: { type: Number, default: 0 },
    revision: { type: Number, required: true },
    createdByAccountId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
offerSchema.index({ merchantId: 1, status: 1 });
offerSchema.index({ status: 1, category: 1, createdAt: -1 });
offerSchema.index({ orgPath: 1, createdAt: -1 });
// The hold sweep looks only at offers with a unit in flight.
offerSchema.index({ held: 1 });

export type OfferDoc = InferSchemaType<typeof offerSchema> & { _id: Types.ObjectId };
export const OfferModel = mongoose.model('Offer', offerSchema);
