import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, ALLOCATION_MODES, OCCUPATIONS } from '@union/shared';

/**
 * An activity (活动) run by a union office for members of its subtree. Places are not counted
 * here: each group's counters live in `ActivityGroupPlaces`, one document per group, so a
 * sign-up's conditional `$inc` touches a small document without positional operators.
 */
const venueSchema = new Schema(
  {
    kind: { type: String, enum: ['online', 'place'], required: true },
    name: { type: String, required: true },
    address: { type: String, default: '' },
    /** GCJ-02, as the mini-program's map takes it; null when online. */
    location: { type: { _id: false, lat: Number, lng: Number }, default: null },
  },
  { _id: false },
);

const audienceSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    occupations: { type: [{ type: String, enum: OCCUPATIONS }], default: [] },
    gender: { type: String, enum: ['male', 'female', null], default: null },
    minAge: { type: Number, default: null },
    maxAge: { type: Number, default: null },
    hardshipFamiliesOnly: { type: Boolean, default: false },
  },
  { _id: false },
);

const activitySchema = new Schema(
  {
    title: { type: String, required: true },
    kind: { type: String, enum: ACTIVITY_KINDS, required: true },
    description: { type: String, default: '' },
    orgId: { type: Schema.Types.ObjectId, required: true },
    orgPath: { type: [Schema.Types.ObjectId], required: true },
    venue: { type: venueSchema, required: true },
    sessions: {
      type: [
        {
          _id: false,
          date: String,
          start: String,
          end: String,
          startsAt: Date,
          endsAt: Date,
        },
      ],
      required: true,
    },
    groups: {
      type: [
        {
          _id: false,
          id: { type: String, required: true },
          name: { type: String, required: true },
          capacity: { type: Number, required: true },
          allocation: { type: String, enum: ALLOCATION_MODES, required: true },
          /** Null for individual entries; a team group's entry is one team of min–max members. */
          team: { type: { _id: false, min: Number, max: Number }, default: null },
        },
      ],
      required: true,
    },
    audience: { type: audienceSchema, required: true },
    questions: { type: [Schema.Types.Mixed], default: [] },
    signUpOpensAt: { type: Date, required: true },
    signUpClosesAt: { type: Date, required: true },
    cancelDeadline: { type: Date, required: true },
    offerHoldHours: { type: Number, default: 12 },
    /** In fen; the member pays price − subsidy, the union owes the organiser the subsidy. */
    fee: {
      type: { _id: false, priceFen: { type: Number, default: 0 }, subsidyFen: { type: Number, default: 0 } },
      default: () => ({ priceFen: 0, subsidyFen: 0 }),
    },
    /** A course's completion rule (attended at least N sessions); null means every session. */
    requiredSessions: { type: Number, default: null },
    lotteryWeights: {
      type: {
        _id: false,
        newEmploymentForm: { type: Number, default: 1 },
        firstTime: { type: Number, default: 1 },
        repeatedNoShow: { type: Number, default: 1 },
        repeatedNoShowAfter: { type: Number, default: 2 },
      },
      default: () => ({ newEmploymentForm: 1, firstTime: 1, repeatedNoShow: 1, repeatedNoShowAfter: 2 }),
    },
    /**
     * The uploaded poster (sniffed like every image upload), kept in the FileStore (poster.service.ts).
     * `version` is random and new with each upload: it is in the poster's URL, so a replaced
     * poster is never served from a cache, and a draft's poster reaches only those given its URL.
     */
    poster: {
      type: { _id: false, key: String, contentType: String, version: String },
      default: null,
    },
    firstSessionStartsAt: { type: Date, required: true },
    status: { type: String, enum: ACTIVITY_STATUSES, default: 'draft' },
    cancelReason: { type: String, default: null },
    /** When the closing job (closing.ts) settled the entries after the last session; null until then. */
    closedAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);
activitySchema.index({ orgPath: 1, _id: -1 });
activitySchema.index({ status: 1, 'audience.orgId': 1, _id: -1 });
// The reminder job (reminders.ts) looks up the sessions starting in the next day.
activitySchema.index({ 'sessions.startsAt': 1 });

export type ActivityDoc = InferSchemaType<typeof activitySchema> & { _id: Types.ObjectId };
export const ActivityModel = mongoose.model('Activity', activitySchema);
