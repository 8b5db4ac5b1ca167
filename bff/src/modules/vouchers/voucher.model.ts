import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { OFFER_KINDS, VOUCHER_STATUSES } from '@union/shared';

/**
 * A member's voucher. The offer's title and money are copied at issue, so later edits of
 * the offer never change what a member holds or what the union owes. `issueKey` makes
 * issuing idempotent: `order:<orderId>` for a paid voucher (however many times the payment
 * is confirmed), `claim:<memberId>:<requestId>` for a free one (however many times the
 * member's phone retries). Status changes are conditional updates; nothing is deleted.
 */
const voucherSchema = new Schema({
  code: { type: String, required: true },
  issueKey: { type: String, required: true },
  /** The token of the offer stock hold this voucher (or its order) stands for: see claim-core.ts. */
  holdToken: { type: String, default: null },
  offerId: { type: Schema.Types.ObjectId, required: true },
  merchantId: { type: Schema.Types.ObjectId, required: true },
  merchantOrgPath: { type: [Schema.Types.ObjectId], required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  orderId: { type: Schema.Types.ObjectId, default: null },
  kind: { type: String, enum: OFFER_KINDS, required: true },
  title: { type: String, required: true },
  headline: { type: String, required: true },
  usageNotes: { type: String, default: '' },
  faceValueFen: { type: Number, required: true },
  paidFen: { type: Number, required: true },
  unionSubsidyFen: { type: Number, required: true },
  validFrom: { type: Date, required: true },
  validUntil: { type: Date, required: true },
  /** The per-member limit bucket this voucher counts in (see limitPeriodKey). */
  periodKey: { type: String, required: true },
  status: { type: String, enum: VOUCHER_STATUSES, default: 'unused' },
  claimedAt: { type: Date, required: true },
  redeemedAt: { type: Date, default: null },
  redeemedByAccountId: { type: Schema.Types.ObjectId, default: null },
  redeemRequestId: { type: String, default: null },
  refundedAt: { type: Date, default: null },
  /**
   * While `refunding`: the attempt number of the order's refund holding it (refund numbers end
   * R1, R2…). A refund called off releases only its own hold, never a newer refund's.
   */
  refundHold: { type: Number, default: null },
});
voucherSchema.index({ code: 1 }, { unique: true });
voucherSchema.index({ issueKey: 1 }, { unique: true });
// 我的券 pages newest first by id; the settlement reads a month of redemptions within an org subtree.
voucherSchema.index({ memberId: 1, _id: -1 });
voucherSchema.index({ merchantOrgPath: 1, redeemedAt: 1 });
voucherSchema.index({ merchantId: 1, redeemedAt: 1 });
voucherSchema.index({ offerId: 1 });
// The figures recount a day's claims and redemptions, and rebuild any range (figures.ts).
voucherSchema.index({ claimedAt: 1 });
voucherSchema.index({ redeemedAt: 1 });

export type VoucherDoc = InferSchemaType<typeof voucherSchema> & { _id: Types.ObjectId };
export const VoucherModel = mongoose.model('Voucher', voucherSchema);
