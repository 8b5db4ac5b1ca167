/**
 * The figures' background work: settle marked counters every few seconds, and rebuild the last
 * two days every ten minutes (healing a write whose process died before it marked). Both are
 * recounts, so several instances may run them at once.
 */
import { startIntervalJob, type IntervalJobHandle } from '../../interval-job';
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
  return startIntervalJob('figure counters job', runtime.logger, intervalMs, run, runtime.metrics.observeJob);
}
