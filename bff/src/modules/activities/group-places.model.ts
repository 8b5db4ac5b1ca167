import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { holdFields } from '../../db/holds';

/**
 * One group's places: `free` is what a sign-up takes with a conditional `$inc` (free ≥ 1), so
 * the capacity holds however many requests race. A freed place goes straight to the first
 * waiting entry (the count does not change), or back to `free` when nobody waits. A member's
 * sign-up takes its place as a keyed hold (`holds`, db/holds.ts: places.ts `holdPlace`), closed
 * once the entry is written, so a sign-up the database dies under mid-way leaks no place. A
 * freed place moves as a pass (`passes`, place-pass.ts), so it is handed on exactly once
 * whichever step the process dies at.
 */
const groupPlacesSchema = new Schema(
  {
    activityId: { type: Schema.Types.ObjectId, required: true },
    groupId: { type: String, required: true },
    capacity: { type: Number, required: true },
    free: { type: Number, required: true },
    ...holdFields,
    /** Places in transit from an ended entry (or from `free`) to a waiting one (place-pass.ts): pass key → state. */
    passes: { type: Schema.Types.Mixed, default: undefined },
    /** How many passes are stored: what the sweep looks for. */
    passing: { type: Number, default: 0 },
  },
  { versionKey: false },
);
groupPlacesSchema.index({ activityId: 1, groupId: 1 }, { unique: true });

export type GroupPlacesDoc = InferSchemaType<typeof groupPlacesSchema> & { _id: Types.ObjectId };
export const GroupPlacesModel = mongoose.model('ActivityGroupPlaces', groupPlacesSchema);
