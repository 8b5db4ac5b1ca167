import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One recorded payment run. `requestId` is unique, so a retried submission finds the
 * batch it already made instead of paying twice. `state` is `pending` while its
 * applications are being moved to disbursed, `done` once all of them are. A batch a
 * crash interrupted ends `done` or, via `failing`, `failed` (see disbursement-recovery.ts).
 */
const aidDisbursementBatchSchema = new Schema(
  {
    programmeId: { type: Schema.Types.ObjectId, required: true },
    requestId: { type: String, required: true },
    paidOn: { type: String, required: true },
    reference: { type: String, required: true },
    applicationIds: { type: [Schema.Types.ObjectId], required: true },
    totalFen: { type: Number, required: true },
    state: { type: String, enum: ['pending', 'done', 'failing', 'failed'], default: 'pending' },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
aidDisbursementBatchSchema.index({ requestId: 1 }, { unique: true });
aidDisbursementBatchSchema.index({ programmeId: 1, createdAt: -1 });

export type AidDisbursementBatchDoc = InferSchemaType<typeof aidDisbursementBatchSchema> & { _id: Types.ObjectId };
export const AidDisbursementBatchModel = mongoose.model('AidDisbursementBatch', aidDisbursementBatchSchema);
