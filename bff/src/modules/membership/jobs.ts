/**
 * The membership's background job: approvals cut off between the decision and the member's
 * creation are completed while the service runs, not only when an instance next starts. One
 * instance at a time runs it (jobs/leased-job.ts); completing is idempotent, so a request still
 * finishing its own approval meanwhile is harmless.
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Runtime } from '../../runtime';
import { completeInterruptedApprovals } from './join-review.service';

const REPAIR_INTERVAL_MS = 60_000;
/** Far longer than any gap a live request leaves; start-up looks a week back. */
const LOOK_BACK_MS = 24 * 3_600_000;

export function startApprovalRepair(
  runtime: Pick<Runtime, 'logger' | 'metrics'>,
  intervalMs = REPAIR_INTERVAL_MS,
): IntervalJobHandle {
  return startLeasedJob(
    'interrupted approval repair',
    runtime.logger,
    intervalMs,
    () => completeInterruptedApprovals(new Date(Date.now() - LOOK_BACK_MS)),
    { observe: runtime.metrics.observeJob },
  );
}
