import type { Middleware, ParameterizedContext } from 'koa';
import { TooManyRequestsError } from './errors';
import type { RateCounterFactory } from './rate-store';

/**
 * Limits abuse-prone endpoints per client address (and per account once signed in). The
 * counts live where `counters` keeps them (rate-store.ts): in the database when several
 * instances run, so the budget is one budget across them.
 */
export interface RateLimitOptions {
  name: string;
  points: number;
  durationSeconds: number;
}

const retryAfter = (ctx: ParameterizedContext, msBeforeNext: number) =>
  ctx.set('Retry-After', String(Math.max(1, Math.ceil(msBeforeNext / 1000))));

export function rateLimit(options: RateLimitOptions, counters: RateCounterFactory): Middleware {
  const counter = counters(options.name, options.durationSeconds);
  return async (ctx, next) => {
    const window = await counter.hit(ctx.state.actor?.accountId ?? ctx.ip);
    if (window.count > options.points) {
      retryAfter(ctx, window.msBeforeNext);
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
  /** Called when a key becomes locked (for the audit log); failures racing the lock may call it again. */
  onLock?(ctx: ParameterizedContext, key: string, failures: number): void | Promise<void>;
  /** The 429 message for the time left, in whole minutes. */
  lockedMessage(minutes: number): string;
}

export function failureBudget(options: FailureBudgetOptions, counters: RateCounterFactory): Middleware {
  const counter = counters(options.name, options.windowSeconds);
  const locked = (window: { count: number } | null) => window !== null && window.count > options.failures;
  return async (ctx, next) => {
    const key = options.keyOf(ctx);
    const state = await counter.peek(key);
    if (state && locked(state)) {
      retryAfter(ctx, state.msBeforeNext);
      throw TooManyRequestsError(options.lockedMessage(Math.max(1, Math.ceil(state.msBeforeNext / 60_000))));
    }
    try {
      await next();
    } catch (caught) {
      if (options.isFailure(caught)) {
        const counted = await counter.hit(key);
        // `>=`, not `===`: with a shared store racing failures may all read a count past the
        // limit, and each then (re)sets the lock; a failure already in flight when the lock
        // was set extends it, and may audit it once more.
        if (counted.count >= options.failures) {
          await counter.set(key, options.failures + 1, options.lockSeconds);
          await options.onLock?.(ctx, key, counted.count);
        }
      }
      throw caught;
    }
    // A success clears the failures, but not a lock another request set meanwhile.
    if (!locked(await counter.peek(key))) await counter.clear(key);
  };
}
