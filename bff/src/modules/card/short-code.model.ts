import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * The card's 8-digit 核验码s a member's phone currently holds, one document per member:
 * each window of the member's QR batches has its own random code, looked up through the
 * multikey index on `windows.code`. One small document per active member (rewritten
 * when a batch is issued, gone once its last window is over) keeps lookups and writes
 * flat however many members there are, instead of a document per code.
 */
const shortCodeWindowSchema = new Schema(
  {
    code: { type: String, required: true },
    validFrom: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { _id: false },
);

const cardShortCodeSchema = new Schema(
  {
    memberId: { type: Schema.Types.ObjectId, required: true },
    windows: { type: [shortCodeWindowSchema], default: [] },
    /** Compare-and-set counter: two batches issued at once must not drop each other's codes. */
    version: { type: Number, required: true },
    /** The end of the last window held: the database removes the document after it. */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'card_short_codes' },
);
cardShortCodeSchema.index({ memberId: 1 }, { unique: true });
cardShortCodeSchema.index({ 'windows.code': 1 });
cardShortCodeSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type CardShortCodeDoc = InferSchemaType<typeof cardShortCodeSchema> & { _id: Types.ObjectId };
export interface ShortCodeWindow {
  code: string;
  validFrom: Date;
  expiresAt: Date;
}
export const CardShortCodeModel = mongoose.model('CardShortCode', cardShortCodeSchema);
