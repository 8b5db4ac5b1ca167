import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { JOIN_APPLICATION_STATUSES, OCCUPATIONS } from '@union/shared';

const joinApplicationSchema = new Schema({
  accountId: { type: Schema.Types.ObjectId, required: true },
  orgId: { type: Schema.Types.ObjectId, required: true },
  orgPath: { type: [Schema.Types.ObjectId], required: true },
  name: { type: String, required: true },
  idNumberSealed: { type: String, required: true },
  idNumberIndex: { type: String, required: true },
  mobileSealed: { type: String, required: true },
  mobileIndex: { type: String, required: true },
  occupation: { type: String, enum: OCCUPATIONS, required: true },
  employer: { type: String, required: true },
  status: { type: String, enum: JOIN_APPLICATION_STATUSES, default: 'pending' },
  submittedAt: { type: Date, required: true },
  decidedAt: { type: Date, default: null },
  decidedBy: { type: Schema.Types.ObjectId, default: null },
  rejectReason: { type: String, default: null },
  memberId: { type: Schema.Types.ObjectId, default: null },
  memberNo: { type: String, default: null },
  /** Set while pending so that a partial unique index allows one open application per person and per account. */
  openIdNumberIndex: { type: String },
  openAccountId: { type: Schema.Types.ObjectId },
});
joinApplicationSchema.index({ openIdNumberIndex: 1 }, { unique: true, sparse: true });
joinApplicationSchema.index({ openAccountId: 1 }, { unique: true, sparse: true });
joinApplicationSchema.index({ orgPath: 1, status: 1, submittedAt: 1 });
joinApplicationSchema.index({ accountId: 1, submittedAt: -1 });
// The figures' recount of one org's decisions of a day (membership/figures.ts).
joinApplicationSchema.index({ orgPath: 1, decidedAt: 1 });

export type JoinApplicationDoc = InferSchemaType<typeof joinApplicationSchema> & { _id: Types.ObjectId };
export const JoinApplicationModel = mongoose.model('JoinApplication', joinApplicationSchema);
