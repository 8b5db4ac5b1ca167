/**
 * A background job run every `intervalMs` by each instance: a tick is skipped while the
 * previous run is still going, a failure is logged as `<name> failed` (the next tick tries
 * again), the timer never keeps the process alive, and `stop()` waits for the run in progress
 * so a shutdown does not cut it off. A cluster-wide job is started through jobs/leased-job.ts,
 * so only the instance holding its lease runs each tick.
 */
import type { Logger } from './logger';

export interface IntervalJobHandle {
  stop(): Promise<void>;
}

/** Told how each run ended and how long it took (the metrics count job runs and failures). */
export type IntervalJobObserver = (name: string, outcome: 'success' | 'failure', seconds: number) => void;

export function startIntervalJob(
  name: string,
  logger: Logger,
  intervalMs: number,
  run: () => Promise<unknown>,
  observe?: IntervalJobObserver,
): IntervalJobHandle {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    const started = performance.now();
    let outcome: 'success' | 'failure' = 'success';
    running = Promise.resolve()
      .then(run)
      .catch((error: unknown) => {
        outcome = 'failure';
        logger.error({ err: error }, `${name} failed`);
      })
      .finally(() => {
        running = null;
        observe?.(name, outcome, (performance.now() - started) / 1000);
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
