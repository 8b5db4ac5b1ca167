import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { holdFields } from '../../db/holds';

/**
 * How many units of an offer a member holds in one limit period (reserved orders included).
 * One document per (offer, member, period), unique, taken with a conditional `$inc` on
 * `count < limit`: parallel requests from one member can never exceed the limit. Each unit
 * is held under its request's key, so a retried request finds the unit it already took.
 */
const claimQuotaSchema = new Schema({
  offerId: { type: Schema.Types.ObjectId, required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  periodKey: { type: String, required: true },
  count: { type: Number, required: true },
  /** The requests whose units `count` includes, by key (db/holds.ts): a retry never counts twice. */
  ...holdFields,
});
claimQuotaSchema.index({ offerId: 1, memberId: 1, periodKey: 1 }, { unique: true });

export type ClaimQuotaDoc = InferSchemaType<typeof claimQuotaSchema> & { _id: Types.ObjectId };
export const ClaimQuotaModel = mongoose.model('ClaimQuota', claimQuotaSchema);
