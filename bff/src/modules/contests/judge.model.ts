import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A judge (评委) of one contest: a WeChat account bound through an invitation code, scoped to
 * groups (and rounds; empty = all). Not an account grant: it reaches only this activity.
 * A removed judge keeps the document (their sheets stay) and loses access at once.
 */
const judgeSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  displayName: { type: String, required: true },
  groupIds: { type: [String], default: [] },
  roundIds: { type: [String], default: [] },
  status: { type: String, enum: ['active', 'removed'], default: 'active' },
  invitationId: { type: Schema.Types.ObjectId, required: true },
  boundAt: { type: Date, required: true },
  removedAt: { type: Date, default: null },
});
judgeSchema.index({ activityId: 1, accountId: 1 }, { unique: true });
judgeSchema.index({ accountId: 1, status: 1 });

export type ContestJudgeDoc = InferSchemaType<typeof judgeSchema> & { _id: Types.ObjectId };
export const ContestJudgeModel = mongoose.model('ContestJudge', judgeSchema);

/**
 * An invitation for judges: only a keyed hash of the code is stored; `uses` is taken with a
 * conditional $inc, so parallel binds never exceed `maxUses`.
 */
const invitationSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  codeHash: { type: String, required: true },
  groupIds: { type: [String], default: [] },
  roundIds: { type: [String], default: [] },
  expiresAt: { type: Date, required: true },
  maxUses: { type: Number, required: true },
  uses: { type: Number, default: 0 },
  createdByAccountId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});
invitationSchema.index({ codeHash: 1 }, { unique: true });
export const JudgeInvitationModel = mongoose.model('ContestJudgeInvitation', invitationSchema);
