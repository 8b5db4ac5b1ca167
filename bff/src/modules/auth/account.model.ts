import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '@union/shared';

/**
 * A way to sign in: a WeChat user (openid) or a staff login (username + password).
 * Staff roles are held within an organisation subtree; the member role comes from
 * the bound roster entry (`memberId`) instead of being stored here.
 */
const accountSchema = new Schema(
  {
    kind: { type: String, enum: ['wechat', 'staff'], required: true },
    openid: { type: String },
    unionid: { type: String },
    username: { type: String },
    passwordHash: { type: String },
    displayName: { type: String, required: true },
    grants: {
      type: [
        {
          _id: false,
          role: { type: String, enum: ROLES, required: true },
          orgId: { type: Schema.Types.ObjectId, required: true },
        },
      ],
      default: [],
    },
    memberId: { type: Schema.Types.ObjectId },
    /** Merchant staff: the one merchant whose vouchers this account may redeem (bound by invitation). */
    merchantId: { type: Schema.Types.ObjectId, default: null },
    merchantBoundAt: { type: Date, default: null },
    disabled: { type: Boolean, default: false },
  },
  { timestamps: true },
);
accountSchema.index({ openid: 1 }, { unique: true, sparse: true });
accountSchema.index({ username: 1 }, { unique: true, sparse: true });
// One member is bound to one account at a time.
accountSchema.index({ memberId: 1 }, { unique: true, sparse: true });

export type AccountDoc = InferSchemaType<typeof accountSchema> & { _id: Types.ObjectId };
export const AccountModel = mongoose.model('Account', accountSchema);
