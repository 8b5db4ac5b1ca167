/**
 * One daily counter: the value of a metric for one organisation's own records on one China
 * day. A report sums counters over a subtree (`orgPath`, ancestors and the org itself) and a
 * day range, never the raw records. `marks` counts the writes that touched the bucket since it
 * was made; `dirty` says a write came after the last settling (figures/counters.ts).
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const counterSchema = new Schema(
  {
    metric: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    /** YYYY-MM-DD, China date. */
    day: { type: String, required: true },
    /** The metric's breakdown (FigureRecord.key); '' without one. Only the '' counter carries marks. */
    key: { type: String, default: '' },
    value: { type: Number, default: 0 },
    marks: { type: Number, default: 0 },
    dirty: { type: Boolean, default: false },
  },
  { versionKey: false },
);
counterSchema.index({ metric: 1, orgId: 1, day: 1, key: 1 }, { unique: true });
counterSchema.index({ metric: 1, orgPath: 1, day: 1 });
counterSchema.index({ dirty: 1 });

export type CounterDoc = InferSchemaType<typeof counterSchema> & { _id: Types.ObjectId };
export const FigureCounterModel = mongoose.model('FigureCounter', counterSchema);
