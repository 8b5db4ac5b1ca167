/**
 * The vouchers' background job: units of stock held by claims and orders that were cut off
 * and never retried go back to their offers (hold-sweep.ts). One instance at a time runs it
 * (jobs/leased-job.ts); each step is conditional on the hold's token, so overlapping runs are safe.
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Runtime } from '../../runtime';
import { sweepAbandonedHolds } from './hold-sweep';

const SWEEP_INTERVAL_MS = 60_000;

export function startHoldSweep(
  runtime: Pick<Runtime, 'logger' | 'metrics'>,
  intervalMs = SWEEP_INTERVAL_MS,
): IntervalJobHandle {
  return startLeasedJob(
    'abandoned stock hold sweep',
    runtime.logger,
    intervalMs,
    () => sweepAbandonedHolds(new Date()),
    {
      observe: runtime.metrics.observeJob,
    },
  );
}
