import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';

/** Gives each request an id (kept from X-Request-Id when a proxy set one) and logs one line when it ends. */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      // Only the route pattern is logged: paths can carry ids, never bodies or queries.
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? ctx.path;
      ctx.state.log.info(
        { method: ctx.method, route, status: ctx.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    }
  };
}
