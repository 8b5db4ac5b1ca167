import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Every action on an application, append-only: who (account, and the role label the
 * applicant sees instead of a name), when, what, at which step, and the note.
 */
const aidTimelineSchema = new Schema({
  applicationId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
  action: { type: String, required: true },
  actorAccountId: { type: Schema.Types.ObjectId, required: true },
  actorLabel: { type: String, required: true },
  step: { type: Number, default: null },
  note: { type: String, default: null },
  /**
   * `${applicationId}:${version}:${index}` for the entries a state change carries (aid-review/
   * change-record.ts): writing them again after a crash finds them instead of adding doubles.
   */
  onceKey: { type: String },
});
aidTimelineSchema.index({ applicationId: 1, at: 1 });
// The figures' rebuild finds the steps decided in a range (aid-review/figures.ts).
aidTimelineSchema.index({ action: 1, at: 1 });
aidTimelineSchema.index({ onceKey: 1 }, { unique: true, sparse: true });

export type AidTimelineDoc = InferSchemaType<typeof aidTimelineSchema> & { _id: Types.ObjectId };
export const AidTimelineModel = mongoose.model('AidTimeline', aidTimelineSchema);
