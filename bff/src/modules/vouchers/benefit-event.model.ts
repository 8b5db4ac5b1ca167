import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { BENEFIT_EVENT_KINDS } from '@union/shared';

/**
 * The append-only audit trail of benefit money and voucher state: who (account and a role
 * label, never a full name), when, what, and the amount. Never updated, never deleted.
 */
const benefitEventSchema = new Schema({
  kind: { type: String, enum: BENEFIT_EVENT_KINDS, required: true },
  at: { type: Date, required: true },
  actorKind: {
    type: String,
    enum: ['member', 'merchant_staff', 'union_staff', 'wechat_pay', 'system'],
    required: true,
  },
  actorAccountId: { type: Schema.Types.ObjectId, default: null },
  actorLabel: { type: String, required: true },
  voucherId: { type: Schema.Types.ObjectId, default: null },
  orderId: { type: Schema.Types.ObjectId, default: null },
  offerId: { type: Schema.Types.ObjectId, default: null },
  merchantId: { type: Schema.Types.ObjectId, default: null },
  amountFen: { type: Number, default: null },
  summary: { type: String, required: true },
  detail: { type: Schema.Types.Mixed, default: null },
});
benefitEventSchema.index({ voucherId: 1, at: 1 });
benefitEventSchema.index({ orderId: 1, at: 1 });
benefitEventSchema.index({ offerId: 1, at: 1 });
benefitEventSchema.index({ merchantId: 1, at: 1 });

export type BenefitEventDoc = InferSchemaType<typeof benefitEventSchema> & { _id: Types.ObjectId };
export const BenefitEventModel = mongoose.model('BenefitEvent', benefitEventSchema);
