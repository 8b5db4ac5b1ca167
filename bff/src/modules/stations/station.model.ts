import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { AMENITY_CODES, STATION_TYPES } from '@union/shared';

const intervalSchema = new Schema({ open: String, close: String }, { _id: false });

/**
 * A rest station (工会驿站). Location is GCJ-02 as WeChat reports it. Every write
 * takes a new `revision` from a federation-wide sequence (see station-revision.ts),
 * which is how every BFF instance keeps its in-memory spatial index current.
 */
const stationSchema = new Schema(
  {
    name: { type: String, required: true },
    type: { type: String, enum: STATION_TYPES, required: true },
    hostName: { type: String, default: '' },
    address: { type: String, required: true },
    location: {
      type: new Schema(
        { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
        { _id: false },
      ),
      required: true,
    },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    phone: { type: String, default: '' },
    amenities: { type: [{ type: String, enum: AMENITY_CODES }], default: [] },
    hours: {
      alwaysOpen: { type: Boolean, default: false },
      weekly: { type: [[intervalSchema]], default: () => [[], [], [], [], [], [], []] },
      exceptions: {
        type: [{ _id: false, date: String, intervals: [intervalSchema], note: String }],
        default: [],
      },
    },
    description: { type: String, default: '' },
    photos: { type: [{ _id: Schema.Types.ObjectId, key: String, contentType: String }], default: [] },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    closedReason: { type: String, default: null },
    /** False while a sheet import is being staged: invisible until the whole batch commits. */
    published: { type: Boolean, default: true },
    importBatchId: { type: String, default: null },
    revision: { type: Number, required: true },
    /**
     * The China date of the latest counted visit ('' before the first), written once per station
     * per day by station-visits/last-visit.ts and outside `revision` (search does not show it):
     * the workbench finds stations nobody visited with one indexed query instead of scanning visits.
     */
    lastVisitDate: { type: String, default: '' },
  },
  { timestamps: true },
);
stationSchema.index({ revision: 1 });
stationSchema.index({ orgPath: 1, name: 1 });
// The workbench's notice of open stations nobody visited lately (workbench/notices.service.ts).
stationSchema.index({ orgPath: 1, status: 1, lastVisitDate: 1 });
stationSchema.index({ importBatchId: 1 }, { sparse: true });

export type StationDoc = InferSchemaType<typeof stationSchema> & { _id: Types.ObjectId };
export const StationModel = mongoose.model('Station', stationSchema);
