import type { Middleware } from 'koa';
import { failureBudget, rateLimit, type FailureBudgetOptions, type RateLimitOptions } from './http/rate-limit';
import { authenticate } from './modules/auth/authenticate';
import type { Runtime } from './runtime';

/** What every module's routes receive: the runtime plus the middleware they share. */
export interface AppContext extends Runtime {
  authenticate: Middleware;
  /** Outside production every answer is checked against its endpoint's response schema. */
  checkResponses: boolean;
  handleOptions: { checkResponses: boolean };
  rateLimit(options: RateLimitOptions): Middleware;
  /** A per-account failure budget (see `failureBudget`), scaled like every rate limit. */
  failureBudget(options: FailureBudgetOptions): Middleware;
}

export function createAppContext(runtime: Runtime): AppContext {
  const scaled = (points: number) => Math.max(1, Math.round(points * runtime.config.RATE_LIMIT_SCALE));
  const checkResponses = runtime.config.CHECK_RESPONSES ?? runtime.config.NODE_ENV !== 'production';
  return {
    ...runtime,
    checkResponses,
    authenticate: authenticate(runtime.tokens),
    handleOptions: { checkResponses },
    rateLimit: (options) => rateLimit({ ...options, points: scaled(options.points) }),
    failureBudget: (options) => failureBudget({ ...options, failures: scaled(options.failures) }),
  };
}
