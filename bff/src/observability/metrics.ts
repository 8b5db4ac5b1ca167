/**
 * What an operator's Prometheus scrapes from one BFF instance (`GET /metrics`, see
 * metrics-endpoint.ts): process figures, requests per route, background job runs, and the
 * gauges modules register for what only they can count (payment states, station index lag),
 * read at scrape time. Each running server has its own registry, never prom-client's global
 * one: tests start several servers in one process, and each must count only its own work.
 */
import type { Middleware } from 'koa';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IntervalJobObserver } from '../interval-job';

export interface Metrics {
  readonly registry: Registry;
  /** Koa middleware counting and timing every request by its route template. */
  readonly http: Middleware;
  /** Passed to `startIntervalJob`: counts each run by outcome and times it. */
  readonly observeJob: IntervalJobObserver;
}

/** What a request that no route took is counted as: its raw path would be a new series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to its answer being set, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Background job runs, by job and outcome (success or failure).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'job_duration_seconds',
    help: 'Duration of background job runs, by job.',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });

  // Outermost, so the status is the one sent: the error handler below has already turned a
  // throw into its 4xx/5xx. Only the route template is a label (never the path: ids in it would
  // make a series per object), which @koa/router leaves in `_matchedRoute`.
  const http: Middleware = async (ctx, next) => {
    const started = performance.now();
    let status: number | undefined;
    try {
      await next();
      status = ctx.status;
    } finally {
      const matched = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const route = matched === undefined ? UNMATCHED_ROUTE : String(matched);
      requests.inc({ method: ctx.method, route, status: String(status ?? 500) });
      requestSeconds.observe({ method: ctx.method, route }, (performance.now() - started) / 1000);
    }
  };

  const observeJob: IntervalJobObserver = (job, outcome, seconds) => {
    jobRuns.inc({ job, outcome });
    jobSeconds.observe({ job }, seconds);
  };

  return { registry, http, observeJob };
}
