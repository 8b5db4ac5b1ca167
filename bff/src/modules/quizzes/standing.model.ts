/**
 * A member's standing in one quiz, one document per (quiz, member): how many attempts they
 * took, the one open now, the start requests already answered (for replays), and their best
 * result — so the attempt limit is one compare-and-set and the ranking is an indexed query.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const startSchema = new Schema(
  { requestId: { type: String, required: true }, attemptId: { type: Schema.Types.ObjectId, required: true } },
  { _id: false },
);
const bestSchema = new Schema(
  {
    attemptId: { type: Schema.Types.ObjectId, required: true },
    score: { type: Number, required: true },
    durationSeconds: { type: Number, required: true },
    submittedAt: { type: Date, required: true },
  },
  { _id: false },
);

const standingSchema = new Schema(
  {
    quizId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    /** Copied from the roster at the first start: the ranking shows it masked and filters by org. */
    memberName: { type: String, required: true },
    memberOrgId: { type: Schema.Types.ObjectId, required: true },
    memberOrgPath: { type: [Schema.Types.ObjectId], required: true },
    attemptsUsed: { type: Number, default: 0 },
    openAttemptId: { type: Schema.Types.ObjectId, default: null },
    starts: { type: [startSchema], default: [] },
    best: { type: bestSchema, default: null },
  },
  { versionKey: false },
);
standingSchema.index({ quizId: 1, memberId: 1 }, { unique: true });
standingSchema.index({ quizId: 1, 'best.score': -1, 'best.durationSeconds': 1, 'best.submittedAt': 1 });
standingSchema.index({ quizId: 1, memberOrgPath: 1, 'best.score': -1, 'best.durationSeconds': 1 });

export type StandingDoc = InferSchemaType<typeof standingSchema> & { _id: Types.ObjectId };
export const StandingModel = mongoose.model('QuizStanding', standingSchema);
