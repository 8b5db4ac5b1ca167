/**
 * The cadres' figures are daily counters. One document holds one metric's daily values for
 * one organisation's own records (one key of the metric) over one China year: `days[i]` is
 * day i of the year (0 = 1 January), with the month sums and the year total beside them. A
 * report sums documents over a subtree (`orgPath`: ancestors and the org itself), so a year
 * of a metric for a city of 500 orgs is 500 documents, not 500 × 365. Documents change only by
 * compare-and-set on `rev` (figures/counters.ts).
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const counterSchema = new Schema(
  {
    metric: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    year: { type: Number, required: true },
    /** The metric's breakdown (FigureRecord.key); '' without one. */
    key: { type: String, default: '' },
    /** 366 values, day of the year from 0; the last stays 0 in a common year. */
    days: { type: [Number], required: true },
    months: { type: [Number], required: true },
    total: { type: Number, required: true },
    rev: { type: Number, default: 0 },
  },
  { versionKey: false },
);
counterSchema.index({ metric: 1, orgId: 1, year: 1, key: 1 }, { unique: true });
counterSchema.index({ metric: 1, orgPath: 1, year: 1 });

export type CounterDoc = InferSchemaType<typeof counterSchema> & { _id: Types.ObjectId };
export const FigureCounterModel = mongoose.model('FigureCounter', counterSchema);

/**
 * A bucket (metric × org × China day) some write changed since it was last counted. `marks`
 * counts those writes; a settler claims the bucket (`claimedUntil`) so two never write it at
 * once, and removes it only if no write marked it meanwhile.
 */
const markSchema = new Schema(
  {
    metric: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    /** YYYY-MM-DD, China date. */
    day: { type: String, required: true },
    marks: { type: Number, default: 0 },
    claimedUntil: { type: Date, default: () => new Date(0) },
  },
  { versionKey: false },
);
markSchema.index({ metric: 1, orgId: 1, day: 1 }, { unique: true });
markSchema.index({ claimedUntil: 1 });

export type FigureMarkDoc = InferSchemaType<typeof markSchema> & { _id: Types.ObjectId };
export const FigureMarkModel = mongoose.model('FigureMark', markSchema);
