import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A clerk unbound from a merchant by union staff. Kept (never deleted) so that binding refuses
 * this account every invitation of this merchant created at or before the revocation.
 */
const merchantStaffRevocationSchema = new Schema({
  merchantId: { type: Schema.Types.ObjectId, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  revokedAt: { type: Date, required: true },
  revokedByAccountId: { type: Schema.Types.ObjectId, required: true },
});
merchantStaffRevocationSchema.index({ accountId: 1, merchantId: 1, revokedAt: -1 });

export type MerchantStaffRevocationDoc = InferSchemaType<typeof merchantStaffRevocationSchema> & {
  _id: Types.ObjectId;
};
export const MerchantStaffRevocationModel = mongoose.model('MerchantStaffRevocation', merchantStaffRevocationSchema);
