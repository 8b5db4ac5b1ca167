import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { AID_STATUSES, DOCUMENT_KINDS, EDUCATION_LEVELS, HARDSHIP_CATEGORIES } from '@union/shared';

/**
 * One child's application to one programme. Personal numbers (the child's ID number,
 * the bank account) are sealed like members' (crypto/field-encryption.ts); the child's
 * blind index makes "one application per child per programme" a unique index, across
 * the whole federation even when both parents apply from different unions.
 *
 * Every state change is a conditional update on `version` (optimistic concurrency):
 * of two reviewers acting at once exactly one matches, the other gets 409.
 * The timeline is its own collection (aid-timeline.model.ts): no $push on jongodb.
 */
const aidApplicationSchema = new Schema(
  {
    programmeId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    /** Copied from the roster when the draft starts, so lists never need a second lookup. */
    applicantName: { type: String, required: true },
    /** The applicant member's organisation and its ancestors, for reviewers' scope. */
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    status: { type: String, enum: AID_STATUSES, default: 'draft' },
    currentStep: { type: Number, default: null },
    version: { type: Number, default: 0 },
    child: {
      name: String,
      idNumberSealed: String,
      school: String,
      major: String,
      educationLevel: { type: String, enum: EDUCATION_LEVELS },
      admissionYear: Number,
    },
    /** Set once the child's ID number is known; unique per programme while the application is live. */
    childKey: { type: String },
    household: {
      members: Number,
      annualIncomeFen: Number,
      hardshipCategory: { type: String, enum: HARDSHIP_CATEGORIES },
      situation: String,
    },
    payment: {
      method: { type: String, enum: ['bank_card', 'union_card'] },
      bankName: String,
      accountName: String,
      accountNumberSealed: String,
    },
    declarationAccepted: { type: Boolean, default: false },
    documents: {
      type: [
        {
          _id: Schema.Types.ObjectId,
          kind: { type: String, enum: DOCUMENT_KINDS },
          fileKey: String,
          contentType: String,
          size: Number,
          uploadedAt: Date,
        },
      ],
      default: [],
    },
    amountFen: { type: Number, default: null },
    submittedAt: { type: Date, default: null },
    /** When it became approved (the last step's approval, or the end of its public notice): the figures' day. */
    approvedAt: { type: Date, default: null },
    stepStartedAt: { type: Date, default: null },
    noticeEndsAt: { type: Date, default: null },
    disbursementBatchId: { type: Schema.Types.ObjectId, default: null },
    /**
     * What a state change still has to record (timeline entries, figure marks), written in the
     * same update as the change and removed once recorded: a crash in between leaves it here for
     * the repair (aid-review/change-record.ts), so no decision is ever without its timeline.
     */
    pendingChange: { type: Schema.Types.Mixed, default: undefined },
  },
  { timestamps: true },
);
// `${programmeId}:${childBlindIndex}` while not withdrawn or rejected; unset when it ends.
aidApplicationSchema.index({ childKey: 1 }, { unique: true, sparse: true });
aidApplicationSchema.index({ programmeId: 1, status: 1, currentStep: 1, submittedAt: 1 });
aidApplicationSchema.index({ orgPath: 1, programmeId: 1 });
aidApplicationSchema.index({ accountId: 1, createdAt: -1 });
aidApplicationSchema.index({ 'pendingChange.at': 1 }, { sparse: true });

export type AidApplicationDoc = InferSchemaType<typeof aidApplicationSchema> & { _id: Types.ObjectId };
export const AidApplicationModel = mongoose.model('AidApplication', aidApplicationSchema);
