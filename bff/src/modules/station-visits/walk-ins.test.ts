import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { chinaDateOf } from '@union/shared';
import { createStation, setUpStations } from './visit-fixtures';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());

const recordWalkIns = (token: string, stationId: string, body: { count: number; requestId: string }) =>
  api.request('POST', `/api/staff/stations/${stationId}/walk-ins`, { token, body });

async function walkInsToday(stationId: string): Promise<number> {
  const today = chinaDateOf(new Date());
  const stats = await api.request('GET', `/api/staff/station-stats?stationId=${stationId}&from=${today}&to=${today}`, {
    token: world.tokens.cityAdmin,
  });
  return stats.body.totals.walkIns;
}

describe('walk-in visitors recorded by the station keeper', () => {
  it("adds the count to today's visits", async () => {
    const station = await createStation(world.orgs.xixi, '登记驿站');
    const first = await recordWalkIns(world.tokens.xixiKeeper, station.id, { count: 3, requestId: randomUUID() });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ok: true });
    await recordWalkIns(world.tokens.xixiKeeper, station.id, { count: 4, requestId: randomUUID() });
    expect(await walkInsToday(station.id)).toBe(7);
  });

  it('counts a request once however often it is retried, even in parallel', async () => {
    const station = await createStation(world.orgs.xixi, '重试驿站');
    const requestId = randomUUID();
    const retries = await Promise.all(
      Array.from({ length: 10 }, () => recordWalkIns(world.tokens.xixiKeeper, station.id, { count: 5, requestId })),
    );
    expect(retries.map((retry) => retry.status)).toEqual(Array(10).fill(200));
    expect(await walkInsToday(station.id)).toBe(5);
  });

  it('refuses a request id reused for a different count', async () => {
    const station = await createStation(world.orgs.xixi, '冲突驿站');
    const requestId = randomUUID();
    await recordWalkIns(world.tokens.xixiKeeper, station.id, { count: 2, requestId });
    const reused = await recordWalkIns(world.tokens.xixiKeeper, station.id, { count: 9, requestId });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('request_id_reused');
    expect(await walkInsToday(station.id)).toBe(2);
  });

  it('explains a count that is not a whole number from 1 to 200', async () => {
    const { xixiA } = world.stations;
    for (const count of [0, 201, 1.5]) {
      const result = await recordWalkIns(world.tokens.xixiKeeper, xixiA.id, { count, requestId: randomUUID() });
      expect(result.status).toBe(400);
      expect(result.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['count']);
    }
    const badId = await recordWalkIns(world.tokens.xixiKeeper, xixiA.id, { count: 1, requestId: 'x' });
    expect(badId.body.error.details[0].path).toBe('requestId');
  });

  it('is for keepers and union staff over the station only', async () => {
    const { xixiA } = world.stations;
    const body = () => ({ count: 1, requestId: randomUUID() });
    expect((await recordWalkIns(world.tokens.xixingKeeper, xixiA.id, body())).status).toBe(404);
    expect((await recordWalkIns(world.tokens.member, xixiA.id, body())).status).toBe(403);
    expect((await recordWalkIns(world.tokens.merchant, xixiA.id, body())).status).toBe(403);
    expect((await recordWalkIns(world.tokens.cityAdmin, xixiA.id, body())).status).toBe(200);
  });
});

describe("a keeper of another street cannot reach a station's staff pages", () => {
  it('answers 404 for walk-ins, the feedback list, the poster and the figures, as for a missing station', async () => {
    const { xixiA } = world.stations;
    const token = world.tokens.xixingKeeper;
    const today = chinaDateOf(new Date());
    const answers = await Promise.all([
      recordWalkIns(token, xixiA.id, { count: 1, requestId: randomUUID() }),
      api.request('GET', `/api/staff/stations/${xixiA.id}/feedback`, { token }),
      api.request('GET', `/api/staff/stations/${xixiA.id}/qr-poster`, { token }),
      api.request('GET', `/api/staff/station-stats?stationId=${xixiA.id}&from=${today}&to=${today}`, { token }),
      api.request('GET', `/api/staff/station-stats?orgId=${world.orgs.xixi.id}&from=${today}&to=${today}`, { token }),
      api.request('GET', `/api/staff/stations/${'0'.repeat(24)}/qr-poster`, { token }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(answers.slice(0, 4).map((answer) => answer.body.error.message)).size).toBe(1);
  });
});
