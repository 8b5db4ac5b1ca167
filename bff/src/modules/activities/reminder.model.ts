import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A reminder owed before one session to one entrant (the entry's member, or a member of its
 * team). It is written before the message is sent, under the unique `reminderKey`
 * (`entryId:memberId:sessionStartsAt`), so however many job runs or instances race, exactly one
 * writes it and only that one sends. A run that dies between the write and the send loses that
 * reminder rather than risk sending it twice. Keyed by the session's start, not its position:
 * a session moved to another time is a new session and is reminded again.
 */
const reminderSchema = new Schema(
  {
    reminderKey: { type: String, required: true },
    activityId: { type: Schema.Types.ObjectId, required: true },
    entryId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    sessionStartsAt: { type: Date, required: true },
  },
  { timestamps: true },
);
reminderSchema.index({ reminderKey: 1 }, { unique: true });
// What a run reads first: who has been reminded of this session already.
reminderSchema.index({ activityId: 1, sessionStartsAt: 1 });

export type ReminderDoc = InferSchemaType<typeof reminderSchema> & { _id: Types.ObjectId };
export const ReminderModel = mongoose.model('ActivityReminder', reminderSchema);
