/**
 * The quizzes' background job: attempts left open past their deadline are finished on what they
 * saved, so the ranking does not wait for their owners to come back. Reads finish them lazily too;
 * each finish is a conditional change, so the job may run beside the routes; one instance at a time
 * runs it (jobs/leased-job.ts).
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Runtime } from '../../runtime';
import { finishExpiredAttempts } from './attempt-finish';

export type QuizJobsHandle = IntervalJobHandle;

const SWEEP_INTERVAL_MS = 60_000;

export function startQuizJobs(
  runtime: Pick<Runtime, 'logger' | 'metrics'>,
  intervalMs = SWEEP_INTERVAL_MS,
): QuizJobsHandle {
  return startLeasedJob('quiz attempt sweep', runtime.logger, intervalMs, () => finishExpiredAttempts(new Date()), {
    observe: runtime.metrics.observeJob,
  });
}
