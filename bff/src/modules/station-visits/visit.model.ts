/**
 * Station visits: who checked in where (audit), the gate that makes a check-in
 * count once per person per station per half hour, walk-ins recorded by keepers,
 * and the per-station daily counts that the statistics add up.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One per person and station, `_id` = `${stationId}:${accountId}`. A check-in counts
 * only if it moves `lastCountedAt` forward by a conditional update, so parallel
 * scans cannot both count.
 */
const checkInGateSchema = new Schema(
  {
    _id: { type: String, required: true },
    stationId: { type: Schema.Types.ObjectId, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    lastCountedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const CheckInGateModel = mongoose.model('StationCheckInGate', checkInGateSchema);

/** Every scan, counted or not, kept for audit. */
const checkInSchema = new Schema(
  {
    stationId: { type: Schema.Types.ObjectId, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, default: null },
    counted: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
checkInSchema.index({ stationId: 1, at: -1 });
checkInSchema.index({ accountId: 1, at: -1 });
export type StationCheckInDoc = InferSchemaType<typeof checkInSchema> & { _id: Types.ObjectId };
export const StationCheckInModel = mongoose.model('StationCheckIn', checkInSchema);

/**
 * A keeper's tap on "record walk-ins". `_id` is the client's request id, so a
 * retried request finds its first attempt instead of counting again.
 */
const walkInSchema = new Schema(
  {
    _id: { type: String, required: true },
    stationId: { type: Schema.Types.ObjectId, required: true },
    count: { type: Number, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
walkInSchema.index({ stationId: 1, at: -1 });
export const WalkInRecordModel = mongoose.model('StationWalkIn', walkInSchema);

/**
 * Visits of one station on one China calendar day, `_id` = `${stationId}:${date}`.
 * `orgPath` is copied from the station so an organisation's figures are one
 * indexed match on its subtree.
 */
const dailyVisitsSchema = new Schema(
  {
    _id: { type: String, required: true },
    stationId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    date: { type: String, required: true },
    month: { type: String, required: true },
    checkIns: { type: Number, default: 0 },
    walkIns: { type: Number, default: 0 },
  },
  { versionKey: false },
);
dailyVisitsSchema.index({ orgPath: 1, date: 1 });
dailyVisitsSchema.index({ stationId: 1, date: 1 });
export type DailyVisitsDoc = InferSchemaType<typeof dailyVisitsSchema> & { _id: string };
export const DailyVisitsModel = mongoose.model('StationDailyVisits', dailyVisitsSchema);
