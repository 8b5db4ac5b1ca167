/**
 * The database stops mid-traffic and comes back: while it is gone every request answers 503
 * with a Chinese message within the configured wait (never a 500 with a driver message, never
 * hanging), /readyz says so, and once it is back the same server answers normally again.
 * This file runs its own embedded database so it can stop it.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/db/embedded-mongo';
import { startTestApi, type TestApi } from './harness';

let database: EmbeddedMongo;
let port: number;
let api: TestApi;
const missingStation = `/api/stations/${String(new Types.ObjectId())}`;

beforeAll(async () => {
  database = await startEmbeddedMongo();
  port = Number(new URL(database.uri).port);
  api = await startTestApi({ MONGODB_URI: database.uri, MONGODB_TIMEOUT_MS: '1000' });
}, 60_000);
afterAll(async () => {
  await api.stop();
  await database.stop();
});

async function untilReady(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if ((await api.request('GET', '/readyz')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server never became ready again');
}

it('answers 503 in Chinese while the database is down, and serves again once it is back', async () => {
  expect((await api.request('GET', '/readyz')).status).toBe(200);
  expect((await api.request('GET', missingStation)).status).toBe(404);

  await database.stop();
  const during = await Promise.all([
    api.request('GET', missingStation),
    api.request('GET', missingStation),
    api.request('POST', '/api/auth/password-login', { body: { username: 'someone', password: 'secret-1' } }),
  ]);
  for (const answer of during) {
    expect(answer.status, JSON.stringify(answer.body)).toBe(503);
    expect(answer.body.error).toMatchObject({
      code: 'database_unavailable',
      message: '系统繁忙，暂时无法读取数据，请稍后再试',
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/mongo|selection|ECONNREFUSED/i);
    expect(answer.headers.get('retry-after')).toBe('5');
  }
  const readiness = await api.request('GET', '/readyz');
  expect(readiness.status).toBe(503);
  expect((await api.request('GET', '/healthz')).status).toBe(200);

  database = await startEmbeddedMongo(port);
  await untilReady();
  expect((await api.request('GET', missingStation)).status).toBe(404);
}, 90_000);
