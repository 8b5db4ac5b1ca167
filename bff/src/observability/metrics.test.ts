import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { Types } from 'mongoose';
import type { OrderStatus } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree } from '../../test/fixtures';
import { startTestApi, type TestApi } from '../../test/harness';
import { ConfigError, loadConfig } from '../config';
import { startIntervalJob } from '../interval-job';
import { OrderModel } from '../modules/payments/order.model';
import { stationsChanged } from '../modules/stations/station-search';
import { eventually, insertStations } from '../modules/stations/test-support';
import { errorHandler } from '../http/error-handler';
import { createMetrics } from './metrics';
import { metricsGate, metricsRoutes } from './metrics-endpoint';

const TOKEN = randomBytes(24).toString('base64url');

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and (at least) these labels; undefined when absent. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} names ${found.length} series`);
  return found[0]?.value;
}

describe('GET /metrics with METRICS_TOKEN set', () => {
  let api: TestApi;
  // Stations are polled only when this test asks, so the lag it creates stays until it refreshes.
  beforeAll(async () => (api = await startTestApi({ METRICS_TOKEN: TOKEN, STATION_INDEX_POLL_MS: '600000' })));
  afterAll(async () => api?.stop());

  const scrape = async () => {
    const response = await fetch(`${api.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  };

  it('refuses a request without the token, or with another one, and shows none of the figures', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const response = await api.request('GET', '/metrics', {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.stringify(response.body)).not.toMatch(/http_requests_total|process_/);
    }
  });

  it('counts requests by route template and status, never by the concrete path', async () => {
    const first = new Types.ObjectId().toHexString();
    const second = new Types.ObjectId().toHexString();
    expect((await api.request('GET', `/api/stations/${first}`)).status).toBe(404);
    expect((await api.request('GET', `/api/stations/${second}`)).status).toBe(404);
    expect((await api.request('GET', '/api/stations/not-an-id')).status).toBe(400);
    expect((await api.request('GET', '/healthz')).status).toBe(200);
    expect((await api.request('GET', `/api/no-such-thing/${first}`)).status).toBe(404);

    const response = await fetch(`${api.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const text = await response.text();
    expect(text).not.toContain(first);
    expect(text).not.toContain('no-such-thing');
    const samples = parseExposition(text);
    const station = { method: 'GET', route: '/api/stations/:id' };
    expect(valueOf(samples, 'http_requests_total', { ...station, status: '404' })).toBe(2);
    expect(valueOf(samples, 'http_requests_total', { ...station, status: '400' })).toBe(1);
    expect(valueOf(samples, 'http_requests_total', { method: 'GET', route: '/healthz', status: '200' })).toBe(1);
    expect(valueOf(samples, 'http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(valueOf(samples, 'http_request_duration_seconds_count', station)).toBe(3);
    expect(valueOf(samples, 'http_request_duration_seconds_bucket', { ...station, le: '+Inf' })).toBe(3);
    expect(valueOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts payment orders and refunds by state at each scrape', async () => {
    const orgs = await createOrgTree();
    const orders = (['pending_payment', 'pending_payment', 'paid', 'refunding'] as OrderStatus[]).map((status) =>
      orderDoc(orgs.xihuTech._id, status),
    );
    orders[3]!.refund = {
      outRefundNo: `${orders[3]!.orderNo}R1`,
      reason: '测试',
      requestedAt: new Date(),
      status: 'abnormal',
    };
    await OrderModel.insertMany(orders);

    const samples = await scrape();
    expect(valueOf(samples, 'payment_orders', { status: 'pending_payment' })).toBe(2);
    expect(valueOf(samples, 'payment_orders', { status: 'paid' })).toBe(1);
    expect(valueOf(samples, 'payment_orders', { status: 'refunding' })).toBe(1);
    expect(valueOf(samples, 'payment_orders', { status: 'closed' })).toBe(0);
    expect(valueOf(samples, 'payment_refunds', { status: 'abnormal' })).toBe(1);

    await OrderModel.updateOne({ _id: orders[0]!._id }, { $set: { status: 'closed' } }).exec();
    const after = await scrape();
    expect(valueOf(after, 'payment_orders', { status: 'pending_payment' })).toBe(1);
    expect(valueOf(after, 'payment_orders', { status: 'closed' })).toBe(1);
  });

  it('shows how far the station index is behind the database until it catches up', async () => {
    expect(valueOf(await scrape(), 'station_index_revision_lag')).toBe(0);
    const orgs = await createOrgTree();
    // Written as another instance would: this one hears of it only at its next poll.
    await insertStations([{ location: { lat: 30.27, lng: 120.13 }, org: orgs.xihuTech }]);
    const behind = await scrape();
    expect(valueOf(behind, 'station_index_revision_lag')).toBe(1);
    expect(valueOf(behind, 'station_index_sync_age_seconds')).toBeGreaterThanOrEqual(0);
    await stationsChanged();
    expect(valueOf(await scrape(), 'station_index_revision_lag')).toBe(0);
  });

  it('counts background job runs by outcome and times them', async () => {
    let runs = 0;
    const job = startIntervalJob(
      'metrics test job',
      api.running.runtime.logger,
      20,
      async () => {
        runs += 1;
        if (runs === 2) throw new Error('second run fails');
      },
      api.running.runtime.metrics.observeJob,
    );
    try {
      await eventually(async () => expect(runs).toBeGreaterThanOrEqual(3));
    } finally {
      await job.stop();
    }
    const samples = await scrape();
    const success = valueOf(samples, 'job_runs_total', { job: 'metrics test job', outcome: 'success' })!;
    const failure = valueOf(samples, 'job_runs_total', { job: 'metrics test job', outcome: 'failure' });
    expect(failure).toBe(1);
    expect(success + failure!).toBe(runs);
    expect(valueOf(samples, 'job_duration_seconds_count', { job: 'metrics test job' })).toBe(runs);
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  it('answers this machine outside production, from a registry of its own server', async () => {
    const api = await startTestApi();
    try {
      const response = await fetch(`${api.url}/metrics`);
      expect(response.status).toBe(200);
      const samples = parseExposition(await response.text());
      // Another server ran in this process before; this one has answered nothing yet.
      expect(samples.some((sample) => sample.name === 'http_requests_total')).toBe(false);
      expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      await api.stop();
    }
  });

  it('is off in production: 404 like an unknown API path, not the H5 page that answers other paths', async () => {
    const koa = new Koa();
    koa.use(errorHandler());
    const production = { NODE_ENV: 'production', METRICS_TOKEN: undefined } as const;
    const routes = metricsRoutes({ config: production, metrics: createMetrics() });
    koa.use(routes.routes());
    koa.use((ctx) => {
      ctx.body = '<html>page</html>';
    });
    const server = koa.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('route_not_found');
    } finally {
      server.close();
    }
  });

  it('is off in production, and refuses other machines elsewhere', () => {
    expect(metricsGate({ NODE_ENV: 'production', METRICS_TOKEN: undefined })).toBeNull();
    const development = metricsGate({ NODE_ENV: 'development', METRICS_TOKEN: undefined })!;
    expect(development('', '127.0.0.1')).toBe(true);
    expect(development('', '::1')).toBe(true);
    expect(development('', '::ffff:127.0.0.1')).toBe(true);
    expect(development('', '192.168.1.20')).toBe(false);
    expect(development('', '::ffff:10.0.0.8')).toBe(false);
    expect(development('', undefined)).toBe(false);
  });

  it('with a token, needs it from loopback too (a proxy on the same host makes everyone local)', () => {
    const gate = metricsGate({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN })!;
    expect(gate(`Bearer ${TOKEN}`, '203.0.113.9')).toBe(true);
    expect(gate('', '127.0.0.1')).toBe(false);
    expect(gate(`Bearer ${TOKEN.slice(1)}`, '127.0.0.1')).toBe(false);
  });

  it('refuses a token shorter than 32 characters at start-up', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: 至少 32 个字符/);
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
  });
});

let orderCounter = 0;

function orderDoc(orgId: Types.ObjectId, status: OrderStatus) {
  orderCounter += 1;
  const now = new Date();
  return {
    _id: new Types.ObjectId(),
    orderNo: `METRICS${Date.now()}${orderCounter}`,
    requestKey: `metrics-test:${orderCounter}`,
    memberId: new Types.ObjectId(),
    accountId: new Types.ObjectId(),
    payerOpenid: `openid-${orderCounter}`,
    payerLabel: '会员 张**',
    product: { kind: 'voucher', ref: orgId, facts: {} },
    title: '爱心超市 100 元券',
    description: '西溪爱心超市-爱心超市 100 元券',
    amountFen: 1_200,
    totalFen: 10_000,
    unionSubsidyFen: 8_800,
    status,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
    notifyBaseUrl: 'http://127.0.0.1',
    refund: null as null | Record<string, unknown>,
  };
}
