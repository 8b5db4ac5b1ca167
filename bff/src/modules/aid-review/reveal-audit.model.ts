import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Every time staff saw a family's full personal number: one entry per reveal, and
 * one per transfer-list export (which shows every account of the listed applications).
 * Append-only; nothing in the API edits or deletes it.
 */
const aidRevealAuditSchema = new Schema({
  accountId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
  programmeId: { type: Schema.Types.ObjectId, required: true },
  applicationIds: { type: [Schema.Types.ObjectId], required: true },
  field: { type: String, enum: ['applicantIdNumber', 'childIdNumber', 'accountNumber'], required: true },
  reason: { type: String, required: true },
});
aidRevealAuditSchema.index({ applicationIds: 1, at: -1 });
aidRevealAuditSchema.index({ accountId: 1, at: -1 });

export type AidRevealAuditDoc = InferSchemaType<typeof aidRevealAuditSchema> & { _id: Types.ObjectId };
export const AidRevealAuditModel = mongoose.model('AidRevealAudit', aidRevealAuditSchema);
