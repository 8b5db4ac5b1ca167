/**
 * The figures' background work: settle marked counters every few seconds, and rebuild the last
 * two days every ten minutes (healing a write whose process died before it marked). Both are
 * recounts, so several instances may run them at once.
 */
import type { Logger } from '../../logger';
import { reconcileRecentFigures, settleFigureCounters } from './counters';

export interface FigureJobsHandle {
  stop(): Promise<void>;
}

const SETTLE_INTERVAL_MS = 5_000;
const RECONCILE_EVERY = 120; // settle passes, i.e. ten minutes

export function startFigureJobs(logger: Logger, intervalMs = SETTLE_INTERVAL_MS): FigureJobsHandle {
  let running: Promise<unknown> | null = null;
  let passes = 0;
  const timer = setInterval(() => {
    if (running) return;
    passes += 1;
    const reconcile = passes % RECONCILE_EVERY === 0;
    running = (reconcile ? reconcileRecentFigures(new Date()) : Promise.resolve())
      .then(() => settleFigureCounters())
      .catch((error: unknown) => logger.error({ err: error }, 'figure counters job failed'))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
