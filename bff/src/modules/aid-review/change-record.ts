/**
 * A staff-side state change and what it records (the timeline entries the applicant follows,
 * the figure marks) cannot be one write: the timeline is its own collection. So the change
 * carries its record: the conditional update that changes the state also stores
 * `pendingChange`, then the entries are written once-only (keyed by the change's version) and
 * the marks made, and `pendingChange` is removed. Cut off anywhere in between, the repair
 * (`completePendingChanges`, each pass of the aid notice sweep: every minute on one instance,
 * and at start-up) finishes what is missing, without doubling an entry or a message.
 */
import type { Types } from 'mongoose';
import type { AidStatus } from '@union/shared';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { markAidFigures, type AidMetric } from '../aid/figures';
import type { TimelineAction } from '../aid/timeline';
import { recordChange, type AidReviewDeps } from './events';

/** Left to the request that made the change before the repair takes it over. */
export const CHANGE_REPAIR_AFTER_MS = 60_000;
const REPAIR_BATCH = 100;

export interface ChangeRecord {
  /** The application's version after the change: the change's identity. */
  version: number;
  /**
   * The status the change set: what the applicant is told. Absent on records written before
   * it was carried (the status read back stands in for it then).
   */
  status?: AidStatus;
  at: Date;
  entries: {
    action: TimelineAction;
    actorAccountId: string | Types.ObjectId;
    actorLabel: string;
    step: number | null;
    note: string | null;
    at: Date;
  }[];
  metrics: AidMetric[];
}

/** The fields to `$set` with a change from `version`: its record travels with it. */
export function carryRecord(
  version: number,
  status: AidStatus,
  at: Date,
  entries: ChangeRecord['entries'],
  metrics: AidMetric[],
): { pendingChange: ChangeRecord } {
  return { pendingChange: { version: version + 1, status, at, entries, metrics } };
}

/** Records what the application's pending change carries (idempotent), then clears it. */
export async function completeChange(deps: AidReviewDeps, application: AidApplicationDoc): Promise<void> {
  const change = application.pendingChange as ChangeRecord | undefined;
  if (!change) return;
  await recordChange(
    deps,
    application,
    change.entries,
    change.status ?? application.status,
    `${String(application._id)}:${change.version}`,
  );
  await markAidFigures(change.metrics, application, change.at);
  await AidApplicationModel.updateOne(
    { _id: application._id, 'pendingChange.version': change.version },
    { $unset: { pendingChange: 1 } },
    { timestamps: false },
  );
}

/** Completes the changes whose request was cut off (pending for longer than it could still be running). */
export async function completePendingChanges(deps: AidReviewDeps, now: Date): Promise<number> {
  const stalled = await AidApplicationModel.find({
    'pendingChange.at': { $lte: new Date(now.getTime() - CHANGE_REPAIR_AFTER_MS) },
  })
    .limit(REPAIR_BATCH)
    .lean<AidApplicationDoc[]>();
  for (const application of stalled) await completeChange(deps, application);
  return stalled.length;
}
