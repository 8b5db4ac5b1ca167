import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { MERCHANT_CATEGORIES } from '@union/shared';

const imageSchema = new Schema({ _id: Schema.Types.ObjectId, key: String, contentType: String }, { _id: false });

/**
 * A benefit merchant (普惠商家) signed by a union organisation. Location is GCJ-02. Every
 * write takes a new `revision` from the federation-wide `benefit-catalogue` sequence, which
 * is how each BFF instance knows to refresh its in-memory offer index.
 */
const merchantSchema = new Schema(
  {
    name: { type: String, required: true },
    category: { type: String, enum: MERCHANT_CATEGORIES, required: true },
    address: { type: String, required: true },
    location: {
      type: new Schema(
        { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
        { _id: false },
      ),
      required: true,
    },
    phone: { type: String, default: '' },
    description: { type: String, default: '' },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    status: { type: String, enum: ['active', 'suspended'], default: 'active' },
    logo: { type: imageSchema, default: null },
    photos: { type: [imageSchema], default: [] },
    revision: { type: Number, required: true },
    createdByAccountId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
merchantSchema.index({ orgPath: 1, name: 1 });
merchantSchema.index({ revision: 1 });

export type MerchantDoc = InferSchemaType<typeof merchantSchema> & { _id: Types.ObjectId };
export const MerchantModel = mongoose.model('Merchant', merchantSchema);
