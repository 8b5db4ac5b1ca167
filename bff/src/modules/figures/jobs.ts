/**
 * The figures' background work: settle marked counters every few seconds, and rebuild the last
 * two days every ten minutes (healing a write whose process died before it marked). Both are
 * recounts, so several instances could run them at once; one instance at a time does
 * (jobs/leased-job.ts), and the rebuild counts that instance's passes, so a change of leader
 * only delays it.
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Runtime } from '../../runtime';
import { reconcileRecentFigures, settleFigureCounters } from './counters';

export type FigureJobsHandle = IntervalJobHandle;

const SETTLE_INTERVAL_MS = 5_000;
const RECONCILE_EVERY = 120; // settle passes, i.e. ten minutes

export function startFigureJobs(
  runtime: Pick<Runtime, 'logger' | 'metrics'>,
  intervalMs = SETTLE_INTERVAL_MS,
): FigureJobsHandle {
  let passes = 0;
  const run = async () => {
    passes += 1;
    if (passes % RECONCILE_EVERY === 0) await reconcileRecentFigures(new Date());
    await settleFigureCounters();
  };
  return startLeasedJob('figure counters job', runtime.logger, intervalMs, run, {
    observe: runtime.metrics.observeJob,
  });
}
