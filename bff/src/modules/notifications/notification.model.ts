import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { NOTIFICATION_KINDS } from '@union/shared';

/** A message in a member's in-app inbox. */
const notificationSchema = new Schema({
  accountId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
  title: { type: String, required: true },
  body: { type: String, required: true },
  link: { type: String, default: null },
  createdAt: { type: Date, required: true },
  readAt: { type: Date, default: null },
  /** Whether the WeChat subscribe message went out (false: not subscribed or WeChat unavailable). */
  pushed: { type: Boolean, default: false },
});
notificationSchema.index({ accountId: 1, createdAt: -1 });

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };
export const NotificationModel = mongoose.model('Notification', notificationSchema);
