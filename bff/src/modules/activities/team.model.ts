import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A team in a team group: its captain's entry holds the group's place; `memberCount` (captain
 * included) only grows by a conditional `$inc` below `max`, so parallel joins never overfill it.
 */
const teamSchema = new Schema(
  {
    activityId: { type: Schema.Types.ObjectId, required: true },
    groupId: { type: String, required: true },
    name: { type: String, required: true },
    code: { type: String, required: true },
    captainMemberId: { type: Schema.Types.ObjectId, required: true },
    captainEntryId: { type: Schema.Types.ObjectId, required: true },
    memberCount: { type: Number, required: true },
    min: { type: Number, required: true },
    max: { type: Number, required: true },
    status: { type: String, enum: ['open', 'locked', 'cancelled'], default: 'open' },
  },
  { timestamps: true },
);
teamSchema.index({ code: 1 }, { unique: true });
teamSchema.index({ captainEntryId: 1 }, { unique: true });
teamSchema.index({ status: 1, activityId: 1 });

/**
 * One member of a team. `liveKey` (`activityId:memberId`) under a sparse unique index keeps a
 * member in at most one team per activity; it is removed when they leave.
 */
const teamMemberSchema = new Schema(
  {
    teamId: { type: Schema.Types.ObjectId, required: true },
    activityId: { type: Schema.Types.ObjectId, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    captain: { type: Boolean, default: false },
    liveKey: { type: String },
    /** `memberId:requestId`: a replayed join answers with the same team. */
    requestKey: { type: String, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    left: { type: Boolean, default: false },
  },
  { timestamps: true },
);
teamMemberSchema.index({ liveKey: 1 }, { unique: true, sparse: true });
teamMemberSchema.index({ requestKey: 1 }, { unique: true });
teamMemberSchema.index({ teamId: 1, left: 1 });

export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
export type TeamMemberDoc = InferSchemaType<typeof teamMemberSchema> & { _id: Types.ObjectId };
export const TeamModel = mongoose.model('ActivityTeam', teamSchema);
export const TeamMemberModel = mongoose.model('ActivityTeamMember', teamMemberSchema);
