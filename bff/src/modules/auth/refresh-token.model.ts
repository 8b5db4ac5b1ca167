import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Refresh tokens are stored as SHA-256 digests. Each use rotates to a new token in
 * the same family; presenting a used one again means it was stolen or replayed,
 * and the whole family is revoked.
 */
const refreshTokenSchema = new Schema({
  tokenHash: { type: String, required: true },
  familyId: { type: String, required: true },
  accountId: { type: Schema.Types.ObjectId, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
  revokedAt: { type: Date, default: null },
  createdAt: { type: Date, default: () => new Date() },
});
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });
// Production MongoDB deletes expired tokens; keep a week for reuse forensics.
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

export type RefreshTokenDoc = InferSchemaType<typeof refreshTokenSchema> & { _id: Types.ObjectId };
export const RefreshTokenModel = mongoose.model('RefreshToken', refreshTokenSchema);
