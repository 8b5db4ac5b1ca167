import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * An invitation for a merchant's clerks to bind their WeChat account to the merchant.
 * Only a keyed hash of the code is stored; `uses` is taken with a conditional $inc so
 * that parallel bindings never exceed `maxUses`.
 */
const merchantInvitationSchema = new Schema({
  merchantId: { type: Schema.Types.ObjectId, required: true },
  codeHash: { type: String, required: true },
  expiresAt: { type: Date, required: true },
  maxUses: { type: Number, required: true },
  uses: { type: Number, default: 0 },
  createdByAccountId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
});
merchantInvitationSchema.index({ codeHash: 1 }, { unique: true });
merchantInvitationSchema.index({ merchantId: 1, createdAt: -1 });

export type MerchantInvitationDoc = InferSchemaType<typeof merchantInvitationSchema> & { _id: Types.ObjectId };
export const MerchantInvitationModel = mongoose.model('MerchantInvitation', merchantInvitationSchema);
