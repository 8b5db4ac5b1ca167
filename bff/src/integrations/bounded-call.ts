/**
 * One call to WeChat or WeChat Pay under a time budget, tried again a bounded number of times
 * when an attempt failed quickly without an answer that decides anything (the connection was
 * reset or refused, or a 5xx). Every attempt shares the one deadline, so whoever waits on the
 * call (a member's request) waits at most the budget; an attempt that ran out of time is never
 * repeated, since the budget is spent. Only for requests that are safe to send twice: WeChat
 * Pay answers a repeated out_trade_no or out_refund_no with what it did the first time.
 */

/** Attempts per call at most: the first and two retries. */
export const MAX_ATTEMPTS = 3;
/** Pause before the second and the third attempt: a reset keep-alive socket needs none, a 5xx a moment. */
const RETRY_DELAYS_MS = [50, 200];

export interface BoundedCallOptions<T> {
  budgetMs: number;
  maxAttempts: number;
  /** True when this outcome may change on another attempt (and the request is safe to repeat). */
  worthRetrying: (outcome: T) => boolean;
}

export async function boundedCall<T>(
  options: BoundedCallOptions<T>,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  const signal = AbortSignal.timeout(options.budgetMs);
  for (let attempts = 1; ; attempts++) {
    const outcome = await attempt(signal);
    const delay = RETRY_DELAYS_MS[attempts - 1] ?? RETRY_DELAYS_MS.at(-1)!;
    const timeLeft = deadline - Date.now() - delay;
    if (attempts >= options.maxAttempts || !options.worthRetrying(outcome) || signal.aborted || timeLeft <= 0) {
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
