import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ORDER_STATUSES } from '@union/shared';

/**
 * An order for a product (see products.ts). Inserted (with the product's unit held) before
 * WeChat Pay is asked for a prepay id, so a notification can never arrive for an order we do
 * not know. Every status change is a conditional update on the current status;
 * `fulfilmentId` is set once what was bought exists. One full refund at a time, kept inline:
 * a refund WeChat Pay closed may be followed by another (refund number …R2); the event trail
 * keeps the history. A payment that reaches an order we had closed is refunded the same way.
 */
const orderSchema = new Schema({
  orderNo: { type: String, required: true },
  requestKey: { type: String, required: true },
  /** What is bought: the product kind (its adapter) and the thing on sale. */
  product: {
    type: new Schema(
      {
        kind: { type: String, required: true },
        ref: { type: Schema.Types.ObjectId, required: true },
        /** The product's own facts when ordered, read back by its adapter. */
        facts: { type: Schema.Types.Mixed, default: {} },
      },
      { _id: false },
    ),
    required: true,
  },
  /** What the member buys, in a few words (the event trail names the order by it). */
  title: { type: String, required: true },
  /** The order's description at WeChat Pay (at most 40 characters are sent). */
  description: { type: String, required: true },
  /** The payer: a member, paying from this account's WeChat. */
  memberId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  payerOpenid: { type: String, required: true },
  /** A role label and masked name for the event trail, e.g. 会员 张**. */
  payerLabel: { type: String, required: true },
  /** What the payer pays (the WeChat Pay amount). */
  amountFen: { type: Number, required: true },
  /** The terms when ordered, so the order keeps saying what the union paid towards it. */
  totalFen: { type: Number, required: true },
  unionSubsidyFen: { type: Number, required: true },
  status: { type: String, enum: ORDER_STATUSES, default: 'pending_payment' },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  prepayId: { type: String, default: null },
  paidAt: { type: Date, default: null },
  transactionId: { type: String, default: null },
  closedAt: { type: Date, default: null },
  closedReason: { type: String, default: null },
  /** What fulfilling the paid order delivered (its id in the product's own records). */
  fulfilmentId: { type: Schema.Types.ObjectId, default: null },
  /** Where WeChat Pay sends this order's notifications (PUBLIC_BASE_URL, or in development the request's origin). */
  notifyBaseUrl: { type: String, required: true },
  /** Refunds asked for so far; the refund number ends in it (R1, R2 after a closed one). */
  refundAttempts: { type: Number, default: 0 },
  refund: {
    type: new Schema(
      {
        outRefundNo: { type: String, required: true },
        /** The member's request id (a retried tap finds its refund); null for a refund we started ourselves. */
        requestId: { type: String, default: null },
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
orderSchema.index({ 'refund.outRefundNo': 1 });
orderSchema.index({ 'refund.status': 1, 'refund.requestedAt': 1 });
orderSchema.index({ status: 1, fulfilmentId: 1 });
// The figures recount a day's payments and refunds, and rebuild any range (vouchers/figures.ts).
orderSchema.index({ paidAt: 1 });
orderSchema.index({ 'refund.finishedAt': 1 });

export type OrderDoc = InferSchemaType<typeof orderSchema> & { _id: Types.ObjectId };
export const OrderModel = mongoose.model('BenefitOrder', orderSchema);
