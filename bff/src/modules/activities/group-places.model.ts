import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { holdFields } from '../../db/holds';

/**
 * One group's places: `free` is what a sign-up takes with a conditional `$inc` (free ≥ 1), so
 * the capacity holds however many requests race. A freed place goes straight to the first
 * waiting entry (the count does not change), or back to `free` when nobody waits. A member's
 * sign-up takes its place as a keyed hold (`holds`, db/holds.ts: places.ts `holdPlace`), closed
 * once the entry is written, so a sign-up the database dies under mid-way leaks no place.
 */
const groupPlacesSchema = new Schema(
  {
    activityId: { type: Schema.Types.ObjectId, required: true },
    groupId: { type: String, required: true },
    capacity: { type: Number, required: true },
    free: { type: Number, required: true },
    ...holdFields,
  },
  { versionKey: false },
);
groupPlacesSchema.index({ activityId: 1, groupId: 1 }, { unique: true });

export type GroupPlacesDoc = InferSchemaType<typeof groupPlacesSchema> & { _id: Types.ObjectId };
export const GroupPlacesModel = mongoose.model('ActivityGroupPlaces', groupPlacesSchema);
