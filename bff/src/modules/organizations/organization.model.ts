import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ORG_LEVELS } from '@union/shared';

/**
 * The union hierarchy. `path` lists the ancestors from the top down and the
 * organisation itself, so "everything in this subtree" is `{ orgPath: orgId }`
 * on any document that copies it: an indexed equality match on an array, which
 * every MongoDB (and the embedded one) answers without recursion.
 */
const organizationSchema = new Schema({
  name: { type: String, required: true },
  level: { type: String, enum: ORG_LEVELS, required: true },
  kind: { type: String, enum: ['regional', 'industry'], default: 'regional' },
  parentId: { type: Schema.Types.ObjectId, default: null },
  path: { type: [Schema.Types.ObjectId], required: true },
  acceptsMembers: { type: Boolean, default: false },
  sortOrder: { type: Number, default: 0 },
  /** 职工人数, set by the union office (入会率's denominator); null while unknown. */
  employeeCount: { type: Number, default: null, min: 0 },
});
organizationSchema.index({ parentId: 1, sortOrder: 1 });
organizationSchema.index({ path: 1 });

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: Types.ObjectId };
export const OrganizationModel = mongoose.model('Organization', organizationSchema);
