import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ORDER_STATUSES } from '@union/shared';

/**
 * A paid-voucher order. Inserted (with its stock and quota reserved) before WeChat Pay is
 * asked for a prepay id, so a notification can never arrive for an order we do not know.
 * Every status change is a conditional update on the current status; `voucherId` is set
 * once the voucher (issueKey `order:<id>`) exists. One full refund per order, kept inline.
 */
const orderSchema = new Schema({
  orderNo: { type: String, required: true },
  requestKey: { type: String, required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  payerOpenid: { type: String, required: true },
  offerId: { type: Schema.Types.ObjectId, required: true },
  merchantId: { type: Schema.Types.ObjectId, required: true },
  offerTitle: { type: String, required: true },
  merchantName: { type: String, required: true },
  amountFen: { type: Number, required: true },
  periodKey: { type: String, required: true },
  status: { type: String, enum: ORDER_STATUSES, default: 'pending_payment' },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  prepayId: { type: String, default: null },
  paidAt: { type: Date, default: null },
  transactionId: { type: String, default: null },
  closedAt: { type: Date, default: null },
  closedReason: { type: String, default: null },
  voucherId: { type: Schema.Types.ObjectId, default: null },
  refund: {
    type: new Schema(
      {
        outRefundNo: { type: String, required: true },
        reason: { type: String, required: true },
        requestedAt: { type: Date, required: true },
        /** requested: not yet accepted by WeChat Pay; processing: accepted; then succeeded/closed/abnormal. */
        status: { type: String, enum: ['requested', 'processing', 'succeeded', 'closed', 'abnormal'], required: true },
        refundId: { type: String, default: null },
        finishedAt: { type: Date, default: null },
      },
      { _id: false },
    ),
    default: null,
  },
  /** When the reconciliation job last asked WeChat Pay about this order. */
  lastCheckedAt: { type: Date, default: null },
});
orderSchema.index({ orderNo: 1 }, { unique: true });
orderSchema.index({ requestKey: 1 }, { unique: true });
orderSchema.index({ status: 1, expiresAt: 1 });
orderSchema.index({ memberId: 1, createdAt: -1 });

export type OrderDoc = InferSchemaType<typeof orderSchema> & { _id: Types.ObjectId };
export const OrderModel = mongoose.model('BenefitOrder', orderSchema);
