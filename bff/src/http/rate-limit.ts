import type { Middleware } from 'koa';
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
