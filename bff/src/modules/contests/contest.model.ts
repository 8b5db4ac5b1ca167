import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A skill contest's judging state, one document per skill_contest activity. Every write is a
 * compare-and-set on `version`. `scoresRevision` counts score changes that matter to results:
 * a correction raises it before and after its sheet write and holds `correctionsOpen` meanwhile,
 * so a publish computed at revision R applies only if R still stands with no correction open.
 * A correction cut short by a crash would hold `correctionsOpen` for ever, so each correction
 * also sets `correctionsBusyUntil`: once that has passed, an open count is taken as stale.
 */
const roundStateSchema = new Schema(
  {
    id: { type: String, required: true },
    status: { type: String, enum: ['pending', 'open', 'closed'], required: true },
    closedAt: { type: Date, default: null },
    absentIds: { type: [String], default: [] },
    /** Frozen at close: who went on to the next round. */
    advancedIds: { type: [String], default: [] },
    /** Frozen at close: entrant id → round score, for the record. */
    closedScores: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

const contestSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  /** ContestSetupInput as validated; null until the organiser saves one. */
  setup: { type: Schema.Types.Mixed, default: null },
  rounds: { type: [roundStateSchema], default: [] },
  version: { type: Number, default: 0 },
  scoresRevision: { type: Number, default: 0 },
  correctionsOpen: { type: Number, default: 0 },
  correctionsBusyUntil: { type: Date, default: null },
  /** Set once; its rows are the published results, as they stood at `scoresRevision`. */
  publication: {
    type: {
      _id: false,
      number: Number,
      publishedAt: Date,
      scoresRevision: Number,
      notified: Number,
      publishedBy: Schema.Types.ObjectId,
      groups: Schema.Types.Mixed,
    },
    default: null,
  },
});
contestSchema.index({ activityId: 1 }, { unique: true });

/** A round's state as stored (plain, as read with lean()). */
export interface RoundState {
  id: string;
  status: 'pending' | 'open' | 'closed';
  closedAt: Date | null;
  absentIds: string[];
  advancedIds: string[];
  closedScores: Record<string, number | null> | null;
}
export type ContestDoc = Omit<InferSchemaType<typeof contestSchema>, 'rounds'> & {
  _id: Types.ObjectId;
  rounds: RoundState[];
};
export const ContestModel = mongoose.model('Contest', contestSchema);

/** A member's choice to show their full name in published results (default: masked). */
const consentSchema = new Schema({
  activityId: { type: Schema.Types.ObjectId, required: true },
  memberId: { type: Schema.Types.ObjectId, required: true },
  showFullName: { type: Boolean, required: true },
  updatedAt: { type: Date, required: true },
});
consentSchema.index({ activityId: 1, memberId: 1 }, { unique: true });
export const ContestConsentModel = mongoose.model('ContestConsent', consentSchema);

/** Far longer than a correction's two writes take; how long a crashed one can block publishing. */
const CORRECTION_LEASE_MS = 2 * 60_000;
export const correctionLeaseEnd = (now: Date) => new Date(now.getTime() + CORRECTION_LEASE_MS);

/** A correction is under way: one is open and its lease has not run out. */
export const correctionsBusy = (contest: Pick<ContestDoc, 'correctionsOpen' | 'correctionsBusyUntil'>, now: Date) =>
  contest.correctionsOpen > 0 && (contest.correctionsBusyUntil?.getTime() ?? 0) > now.getTime();

/** The same, as a filter for the publish's compare-and-set. */
export const noCorrectionBusy = (now: Date) => ({
  $or: [{ correctionsOpen: { $lte: 0 } }, { correctionsBusyUntil: { $lte: now } }],
});
