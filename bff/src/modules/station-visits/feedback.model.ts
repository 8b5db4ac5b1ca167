import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { FEEDBACK_KINDS } from '@union/shared';

/** A rider's rating and comment, or a wish (微心愿), and the station's answer to it. */
const feedbackSchema = new Schema(
  {
    stationId: { type: Schema.Types.ObjectId, required: true },
    /** The station's org path, kept with it when the station moves (station-moved.ts): the open queue is one match on a subtree. */
    orgPath: { type: [Schema.Types.ObjectId], default: undefined },
    accountId: { type: Schema.Types.ObjectId, required: true },
    /** Shown to staff as the member's masked name; null for non-members (匿名骑手). */
    memberId: { type: Schema.Types.ObjectId, default: null },
    kind: { type: String, enum: FEEDBACK_KINDS, required: true },
    rating: { type: Number, default: null },
    comment: { type: String, default: '' },
    status: { type: String, enum: ['open', 'handled'], default: 'open' },
    reply: { type: String, default: null },
    /** The latest answer's time (shown); a new answer replaces it. */
    repliedAt: { type: Date, default: null },
    repliedBy: { type: Schema.Types.ObjectId, default: null },
    /** The first answer's time, never replaced: the figures' reply count and reply time. */
    firstRepliedAt: { type: Date, default: null },
    /** When it was last marked handled; null while open (reopening clears it). */
    handledAt: { type: Date, default: null },
  },
  { timestamps: true },
);
feedbackSchema.index({ stationId: 1, createdAt: -1 });
// The figures' recounts of one station's replies and handled wishes of a day (feedback-figures.ts).
feedbackSchema.index({ stationId: 1, firstRepliedAt: 1 });
feedbackSchema.index({ stationId: 1, handledAt: 1 });
// The open-feedback queue across a caller's stations (feedback.service.ts).
feedbackSchema.index({ status: 1, orgPath: 1, _id: 1 });

export type StationFeedbackDoc = InferSchemaType<typeof feedbackSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const StationFeedbackModel = mongoose.model('StationFeedback', feedbackSchema);

/** How many feedbacks an account gave a station on one China day, `_id` = `${stationId}:${accountId}:${date}`. */
const feedbackQuotaSchema = new Schema(
  { _id: { type: String, required: true }, used: { type: Number, default: 0 } },
  { versionKey: false },
);
export const FeedbackQuotaModel = mongoose.model('StationFeedbackQuota', feedbackQuotaSchema);
