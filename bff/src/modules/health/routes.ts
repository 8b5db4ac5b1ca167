import type Router from '@koa/router';
import { isDatabaseReady } from '../../db/connect';
import { apiRouter } from '../../http/api-router';

/** Liveness says the process runs; readiness says it can serve (the database answers). */
export function healthRoutes(): Router {
  const router = apiRouter();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const ready = await isDatabaseReady();
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'database_unavailable' };
  });
  return router;
}
