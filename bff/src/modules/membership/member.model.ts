import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { MEMBER_STATUSES, OCCUPATIONS } from '@union/shared';

/**
 * The union's roster. ID and mobile numbers are stored encrypted, with keyed
 * blind indexes for lookup and uniqueness (see crypto/field-encryption.ts).
 */
const memberSchema = new Schema(
  {
    memberNo: { type: String, required: true },
    name: { type: String, required: true },
    idNumberSealed: { type: String, required: true },
    idNumberIndex: { type: String, required: true },
    mobileSealed: { type: String, required: true },
    mobileIndex: { type: String, required: true },
    occupation: { type: String, enum: OCCUPATIONS, default: 'employee' },
    employer: { type: String, default: '' },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    joinedAt: { type: Date, required: true },
    status: { type: String, enum: MEMBER_STATUSES, default: 'active' },
    /**
     * When the member left this org's roster (转出: status `transferred`); null while on it. The
     * figures' 会员人数 is joined minus left up to a day. No screen moves a member out yet: the
     * write that does must set it together with the status, and mark `members.left`.
     */
    leftAt: { type: Date, default: null },
    /** The WeChat account currently bound to this member, if any. */
    boundAccountId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
memberSchema.index({ memberNo: 1 }, { unique: true });
memberSchema.index({ idNumberIndex: 1 }, { unique: true });
memberSchema.index({ orgPath: 1, joinedAt: 1 });
memberSchema.index({ orgPath: 1, leftAt: 1 });

export type MemberDoc = InferSchemaType<typeof memberSchema> & { _id: Types.ObjectId };
export const MemberModel = mongoose.model('Member', memberSchema);
