import type { Middleware } from 'koa';
import { rateLimit, type RateLimitOptions } from './http/rate-limit';
import { authenticate } from './modules/auth/authenticate';
import type { Runtime } from './runtime';

/** What every module's routes receive: the runtime plus the middleware they share. */
export interface AppContext extends Runtime {
  authenticate: Middleware;
  handleOptions: { checkResponses: boolean };
  rateLimit(options: RateLimitOptions): Middleware;
}

export function createAppContext(runtime: Runtime): AppContext {
  return {
    ...runtime,
    authenticate: authenticate(runtime.tokens),
    handleOptions: { checkResponses: runtime.config.CHECK_RESPONSES ?? runtime.config.NODE_ENV !== 'production' },
    rateLimit: (options) =>
      rateLimit({ ...options, points: Math.max(1, Math.round(options.points * runtime.config.RATE_LIMIT_SCALE)) }),
  };
}
