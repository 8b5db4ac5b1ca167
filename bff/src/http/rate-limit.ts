import type { Middleware, ParameterizedContext } from 'koa';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { TooManyRequestsError } from './errors';

/**
 * Limits abuse-prone endpoints per client address (and per account once signed in).
 * In-process memory: with several BFF instances each enforces its own budget, which
 * is acceptable for login throttling; swap in RateLimiterRedis behind a shared store.
 */
export interface RateLimitOptions {
  name: string;
  points: number;
  durationSeconds: number;
}

export function rateLimit(options: RateLimitOptions): Middleware {
  const limiter = new RateLimiterMemory({
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
  });
  return async (ctx, next) => {
    const key = ctx.state.actor?.accountId ?? ctx.ip;
    try {
      await limiter.consume(key);
    } catch (rejection) {
      const retryAfterMs = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 1000;
      ctx.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
      throw TooManyRequestsError();
    }
    await next();
  };
}

/**
 * A failure budget per account rather than per address: `failures` failed attempts within
 * `windowSeconds` lock the key for `lockSeconds`, whichever addresses they came from.
 * Goes after the per-address limit and validation; `keyOf` names the account (e.g. the
 * normalised username, so unknown names are limited alike), `isFailure` tells a wrong
 * secret from any other error, and a success clears the key's failures.
 */
export interface FailureBudgetOptions {
  name: string;
  failures: number;
  windowSeconds: number;
  lockSeconds: number;
  keyOf(ctx: ParameterizedContext): string;
  isFailure(error: unknown): boolean;
  /** Called once when a key becomes locked (for the audit log). */
  onLock?(ctx: ParameterizedContext, key: string, failures: number): void | Promise<void>;
  /** The 429 message for the time left, in whole minutes. */
  lockedMessage(minutes: number): string;
}

export function failureBudget(options: FailureBudgetOptions): Middleware {
  const limiter = new RateLimiterMemory({
    keyPrefix: options.name,
    points: options.failures,
    duration: options.windowSeconds,
  });
  return async (ctx, next) => {
    const key = options.keyOf(ctx);
    const state = await limiter.get(key);
    // The store drops a record by timer; an expired one still present is no longer a lock.
    if (state && state.msBeforeNext > 0 && state.consumedPoints > options.failures) {
      ctx.set('Retry-After', String(Math.ceil(state.msBeforeNext / 1000)));
      throw TooManyRequestsError(options.lockedMessage(Math.max(1, Math.ceil(state.msBeforeNext / 60_000))));
    }
    try {
      await next();
    } catch (caught) {
      if (options.isFailure(caught)) {
        const counted = await limiter.penalty(key);
        if (counted.consumedPoints === options.failures) {
          await limiter.block(key, options.lockSeconds);
          await options.onLock?.(ctx, key, counted.consumedPoints);
        }
      }
      throw caught;
    }
    // A success clears the failures, but not a lock another request set meanwhile.
    const after = await limiter.get(key);
    if (!after || after.msBeforeNext <= 0 || after.consumedPoints <= options.failures) await limiter.delete(key);
  };
}
