import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ENTRY_STATUSES } from '@union/shared';

/**
 * A member's entry (报名) in one group of an activity. One live entry per member per activity:
 * `liveKey` (`activityId:memberId`) is set while the entry is live and removed when it is
 * cancelled, under a sparse unique index (portable to the embedded database, which has no
 * partial indexes), so a cancelled entry never blocks signing up again. `requestKey` makes a
 * replayed sign-up return the same entry.
 */
const entrySchema = new Schema(
  {
    activityId: { type: Schema.Types.ObjectId, required: true },
    groupId: { type: String, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    /** The member's WeChat account; absent for an entry made on their behalf (代报名) for a worker without one. */
    accountId: { type: Schema.Types.ObjectId, default: null },
    /** The staff account that signed the member up on their behalf (代报名); null for the member's own sign-up. */
    onBehalfBy: { type: Schema.Types.ObjectId, default: null },
    status: { type: String, enum: ENTRY_STATUSES, required: true },
    liveKey: { type: String },
    /** `memberId:requestId`. */
    requestKey: { type: String, required: true },
    /**
     * The waitlist's order: entries wait in increasing `queueOrder` (for first come, arrival
     * order: `arrivalOrder` in places.ts; for a draw, the rank drawn). A position is the rank
     * among those still waiting, so positions stay consecutive as entries ahead leave.
     */
    queueOrder: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    offeredUntil: { type: Date, default: null },
    /** Paid entries (entry-product.ts): the order whose payment confirmed this entry. */
    paidOrderId: { type: Schema.Types.ObjectId, default: null },
    /**
     * Set, in the same update that ends a paid entry, until its refund has been asked of WeChat
     * Pay (entry-payment.ts `settleOwedRefunds`): a crash between the two, or WeChat Pay down
     * then, leaves it here for the activity sweep, so no cancelled paid entry keeps the money.
     */
    refundOwedAt: { type: Date },
    /**
     * Set, in the same update that ends an entry holding a place, until that place has been
     * passed on (place-pass.ts): a crash between the two leaves it here for the activity sweep,
     * so no freed place is lost.
     */
    placePassOwedAt: { type: Date },
    /** The pass (place-pass.ts) whose place this entry was offered: what makes offering it once. */
    offeredFor: { type: String },
    /**
     * The ticket of the hold (places.ts `holdPlaceForEntry`) whose place this entry took when an
     * organiser's approval or a draw gave it one: whether a hold cut off before it was closed was used.
     */
    placeHold: { type: String },
    rejectReason: { type: String, default: null },
    /** Set when the organiser removed the entry (roster.service.ts); the trail keeps who. */
    removedReason: { type: String, default: null },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
entrySchema.index({ liveKey: 1 }, { unique: true, sparse: true });
entrySchema.index({ requestKey: 1 }, { unique: true });
entrySchema.index({ activityId: 1, groupId: 1, status: 1, queueOrder: 1 });
entrySchema.index({ memberId: 1, _id: -1 });
entrySchema.index({ status: 1, offeredUntil: 1 });
entrySchema.index({ refundOwedAt: 1 }, { sparse: true });
entrySchema.index({ placePassOwedAt: 1 }, { sparse: true });

export type EntryDoc = InferSchemaType<typeof entrySchema> & { _id: Types.ObjectId };
export const EntryModel = mongoose.model('ActivityEntry', entrySchema);
