import type { Middleware } from 'koa';
import { failureBudget, rateLimit, type FailureBudgetOptions, type RateLimitOptions } from './http/rate-limit';
import { rateCounters } from './http/rate-store';
import type { AccountLinks, LinkedMerchant } from './modules/auth/account-links';
import { authenticate } from './modules/auth/authenticate';
import { membershipAccountLinks } from './modules/membership/account-links';
import { MerchantModel } from './modules/merchants/merchant.model';
import type { Runtime } from './runtime';

/** What every module's routes receive: the runtime plus the middleware they share. */
export interface AppContext extends Runtime {
  authenticate: Middleware;
  /** Outside production every answer is checked against its endpoint's response schema. */
  checkResponses: boolean;
  /** One budget per name: endpoints naming the same budget (a clerk's typed codes) share it. */
  rateLimit(options: RateLimitOptions): Middleware;
  /** A per-account failure budget (see `failureBudget`), scaled like every rate limit. */
  failureBudget(options: FailureBudgetOptions): Middleware;
  /** An account's member, join application and merchant, for `/api/me`: auth imports neither module. */
  accountLinks: AccountLinks;
}

export function createAppContext(runtime: Runtime): AppContext {
  const scaled = (points: number) => Math.max(1, Math.round(points * runtime.config.RATE_LIMIT_SCALE));
  const budgets = new Map<string, RateLimitOptions & { limit: Middleware }>();
  const checkResponses = runtime.config.CHECK_RESPONSES ?? runtime.config.NODE_ENV !== 'production';
  const counters = rateCounters(runtime.config.RATE_LIMIT_STORE);
  return {
    ...runtime,
    checkResponses,
    authenticate: authenticate(runtime.tokens),
    rateLimit: (options) => {
      const known = budgets.get(options.name);
      if (known && (known.points !== options.points || known.durationSeconds !== options.durationSeconds)) {
        throw new Error(`rate limit ${options.name} is declared twice with different numbers`);
      }
      if (known) return known.limit;
      const limit = rateLimit({ ...options, points: scaled(options.points) }, counters);
      budgets.set(options.name, { ...options, limit });
      return limit;
    },
    failureBudget: (options) => failureBudget({ ...options, failures: scaled(options.failures) }, counters),
    accountLinks: {
      ...membershipAccountLinks,
      merchant: (merchantId) => MerchantModel.findById(merchantId, { name: 1 }).lean<LinkedMerchant>().exec(),
    },
  };
}
