/**
 * The quizzes' background job: attempts left open past their deadline are finished on what they
 * saved, so the ranking does not wait for their owners to come back. Reads finish them lazily too;
 * each finish is a conditional change, so the job may run beside the routes and on several instances.
 */
import type { Logger } from '../../logger';
import { finishExpiredAttempts } from './attempt-finish';

export interface QuizJobsHandle {
  stop(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 60_000;

export function startQuizJobs(logger: Logger, intervalMs = SWEEP_INTERVAL_MS): QuizJobsHandle {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = finishExpiredAttempts(new Date())
      .catch((error: unknown) => logger.error({ err: error }, 'quiz attempt sweep failed'))
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
