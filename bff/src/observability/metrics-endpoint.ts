/**
 * `GET /metrics`, the Prometheus text format, for operators only. It sits beside /healthz
 * outside /api and the contract: it is not for the mini-program, and it says how busy the
 * service is and how much money is in which state, which is nobody else's business.
 *
 * Who may read it:
 * - METRICS_TOKEN set (any environment): only a request carrying `Authorization: Bearer
 *   <METRICS_TOKEN>`, from any address, loopback included, because a reverse proxy on the
 *   same host makes every public request look local.
 * - Unset in production: nobody; /metrics answers 404 like an unknown API path (not the H5 page,
 *   which would confuse a scraper). Monitoring is opt-in, and a forgotten token must never leave
 *   the figures open.
 * - Unset in development and tests: only connections from this machine (the socket's own peer
 *   address, not X-Forwarded-For, which a client can write). The dev server listens on
 *   127.0.0.1 by default; started with HOST=0.0.0.0 to test on a phone, the LAN is still
 *   refused. No well-known dev token: one published in the repository would open every
 *   deployment that forgot to change it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Config } from '../config';
import { apiRouter } from '../http/api-router';
import { AuthenticationError } from '../http/errors';
import type { Metrics } from './metrics';

/** Whether a request, by its Authorization header and the socket's peer address, may read the metrics. */
export type MetricsGate = (authorization: string, peerAddress: string | undefined) => boolean;

/** The gate for this configuration, or null when the endpoint is off (production without a token). */
export function metricsGate(config: Pick<Config, 'NODE_ENV' | 'METRICS_TOKEN'>): MetricsGate | null {
  const token = config.METRICS_TOKEN;
  if (token) {
    const expected = digest(token);
    return (authorization) => {
      const match = /^Bearer (\S+)$/.exec(authorization);
      // Compared as digests, so neither the length nor any prefix of the token shows in the timing.
      return match !== null && timingSafeEqual(digest(match[1]!), expected);
    };
  }
  if (config.NODE_ENV === 'production') return null;
  return (_authorization, peerAddress) => isLoopback(peerAddress);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

const isLoopback = (address: string | undefined) =>
  address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));

export function metricsRoutes(app: { config: Pick<Config, 'NODE_ENV' | 'METRICS_TOKEN'>; metrics: Metrics }): Router {
  const router = apiRouter();
  const gate = metricsGate(app.config);
  const { registry } = app.metrics;
  router.get('/metrics', async (ctx) => {
    if (!gate) {
      ctx.status = 404; // the error handler answers it as any route that does not exist
      return;
    }
    if (!gate(ctx.get('Authorization'), ctx.req.socket.remoteAddress)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw AuthenticationError('需要监控令牌', 'metrics_token_required');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}
