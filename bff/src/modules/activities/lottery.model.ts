import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * An activity's lottery: the commitment published at first publish (never changed after), the
 * seed sealed with the field cipher until the draw, and `drawnAt`, whose conditional set from
 * null picks the single winner of parallel draws. Kept beside the activity, not in it, so the
 * activity document (edited by organisers) can never overwrite the commitment.
 */
const lotterySchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  commitment: { type: String, required: true },
  committedAt: { type: Date, required: true },
  seedSealed: { type: String, required: true },
  /** Published only once the draw has run. */
  seed: { type: String, default: null },
  drawnAt: { type: Date, default: null },
  finishedAt: { type: Date, default: null },
  drawnBy: { type: Schema.Types.ObjectId, default: null },
  /**
   * The activity's lottery weights as the draw read them (set with `drawnAt`): the published
   * result shows these, and a resumed draw weighs by them, whatever the activity says later.
   */
  weights: {
    type: {
      _id: false,
      newEmploymentForm: { type: Number, required: true },
      firstTime: { type: Number, required: true },
      repeatedNoShow: { type: Number, required: true },
      repeatedNoShowAfter: { type: Number, required: true },
    },
    default: null,
  },
  /** When the running draw (first or resumed) started; a resume needs it quiet for a while. */
  claimedAt: { type: Date, default: null },
});
lotterySchema.index({ activityId: 1 }, { unique: true });

export type LotteryDoc = InferSchemaType<typeof lotterySchema> & { _id: Types.ObjectId };
export const LotteryModel = mongoose.model('ActivityLottery', lotterySchema);

/** One drawn entry's published inputs and rank; `won` feeds the next lotteries' first_time tag. */
const ticketSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  groupId: { type: String, required: true },
  entryId: { type: Schema.Types.ObjectId, required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  weight: { type: Number, required: true },
  tags: { type: [String], default: [] },
  rank: { type: Number, required: true },
  won: { type: Boolean, required: true },
});
ticketSchema.index({ entryId: 1 }, { unique: true });
ticketSchema.index({ activityId: 1, groupId: 1, rank: 1 });
ticketSchema.index({ memberId: 1, won: 1 });

export type LotteryTicketDoc = InferSchemaType<typeof ticketSchema> & { _id: Types.ObjectId };
export const LotteryTicketModel = mongoose.model('ActivityLotteryTicket', ticketSchema);
