import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { DOCUMENT_KINDS, EDUCATION_LEVELS, HARDSHIP_CATEGORIES, ORG_LEVELS } from '@union/shared';

/** A tuition-aid programme (金秋助学) run by a city or district federation for members in its subtree. */
const aidProgrammeSchema = new Schema(
  {
    name: { type: String, required: true },
    year: { type: Number, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    /** China dates, inclusive. */
    applyFrom: { type: String, required: true },
    applyTo: { type: String, required: true },
    tiers: {
      type: [{ _id: false, educationLevel: { type: String, enum: EDUCATION_LEVELS }, amountFen: Number }],
      required: true,
    },
    eligibility: {
      minMembershipMonths: { type: Number, required: true },
      admissionYear: { type: Number, required: true },
      hardshipCategories: { type: [{ type: String, enum: HARDSHIP_CATEGORIES }], default: [] },
      perCapitaMonthlyIncomeCeilingFen: { type: Number, default: null },
    },
    requiredDocuments: { type: [{ type: String, enum: DOCUMENT_KINDS }], default: [] },
    reviewChain: { type: [{ type: String, enum: ORG_LEVELS }], required: true },
    noticeDays: { type: Number, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
aidProgrammeSchema.index({ orgPath: 1, year: -1 });

export type AidProgrammeDoc = InferSchemaType<typeof aidProgrammeSchema> & { _id: Types.ObjectId };
export const AidProgrammeModel = mongoose.model('AidProgramme', aidProgrammeSchema);
