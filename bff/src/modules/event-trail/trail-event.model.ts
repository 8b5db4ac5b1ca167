import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * What an event is about, by id: any of these may be set. A feature whose events name a new
 * kind of thing (an activity, an entry) adds its ref here and an index below.
 */
export const SUBJECT_REFS = ['voucherId', 'orderId', 'offerId', 'merchantId'] as const;
export type SubjectRef = (typeof SUBJECT_REFS)[number];

export const EVENT_ACTOR_KINDS = ['member', 'merchant_staff', 'union_staff', 'wechat_pay', 'system'] as const;

/**
 * The append-only trail of money and entitlement changes: who (account and a role label,
 * never a full name), when, what, about which subjects, and the amount. Never updated, never
 * deleted. Kept in the `benefitevents` collection, where it began.
 */
const trailEventSchema = new Schema({
  /** `subject.what_happened`, e.g. `order.paid`; each feature names its own. */
  kind: { type: String, match: /^[a-z_]+\.[a-z_]+$/, required: true },
  at: { type: Date, required: true },
  actorKind: { type: String, enum: EVENT_ACTOR_KINDS, required: true },
  actorAccountId: { type: Schema.Types.ObjectId, default: null },
  actorLabel: { type: String, required: true },
  ...Object.fromEntries(SUBJECT_REFS.map((ref) => [ref, { type: Schema.Types.ObjectId, default: null }])),
  amountFen: { type: Number, default: null },
  summary: { type: String, required: true },
  detail: { type: Schema.Types.Mixed, default: null },
  /** Set for events that happen once per subject (`order.paid:<id>`): a repeat is not written. */
  onceKey: { type: String },
});
for (const ref of SUBJECT_REFS) trailEventSchema.index({ [ref]: 1, at: 1 });
trailEventSchema.index({ onceKey: 1 }, { unique: true, sparse: true });

export type TrailEventDoc = InferSchemaType<typeof trailEventSchema> & {
  _id: Types.ObjectId;
} & Record<SubjectRef, Types.ObjectId | null>;
export const TrailEventModel = mongoose.model('BenefitEvent', trailEventSchema);
