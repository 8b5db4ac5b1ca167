import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One judge's score sheet for one entrant in one round. Saves are compare-and-set on
 * `revision`; `submitRequestKey` makes a replayed submit answer the same. Corrections after
 * submit keep before/after, who, when and why.
 */
const scoresSchema = { _id: false, items: Schema.Types.Mixed, value: Number, total: Number };
const sheetSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  roundId: { type: String, required: true },
  entrantId: { type: Schema.Types.ObjectId, required: true },
  judgeId: { type: Schema.Types.ObjectId, required: true },
  items: { type: Schema.Types.Mixed, default: {} },
  value: { type: Number, default: null },
  total: { type: Number, default: null },
  status: { type: String, enum: ['draft', 'submitted'], required: true },
  revision: { type: Number, required: true },
  submittedAt: { type: Date, default: null },
  submitRequestId: { type: String, default: null },
  corrections: {
    type: [
      {
        _id: false,
        at: Date,
        by: String,
        reason: String,
        requestId: String,
        before: scoresSchema,
        after: scoresSchema,
      },
    ],
    default: [],
  },
  updatedAt: { type: Date, required: true },
});
sheetSchema.index({ activityId: 1, roundId: 1, entrantId: 1, judgeId: 1 }, { unique: true });
sheetSchema.index({ activityId: 1, judgeId: 1 });

export type ScoreSheetDoc = InferSchemaType<typeof sheetSchema> & { _id: Types.ObjectId };
export const ScoreSheetModel = mongoose.model('ContestScoreSheet', sheetSchema);
