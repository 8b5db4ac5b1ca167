import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { posterCode, setUpStations } from './visit-fixtures';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

/** Does `action` at the given instant, as the server's clock sees it. */
async function atTime<T>(iso: string, action: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ now: Date.parse(iso), toFake: ['Date'] });
  try {
    return await action();
  } finally {
    vi.useRealTimers();
  }
}

async function scan(token: string, stationId: string, iso: string) {
  const result = await atTime(iso, () =>
    api.request('POST', '/api/station-check-ins', { token, body: { stationCode: posterCode(api, stationId) } }),
  );
  expect(result.body.counted).toBe(true);
}

async function walkIns(token: string, stationId: string, count: number, iso: string) {
  const result = await atTime(iso, () =>
    api.request('POST', `/api/staff/stations/${stationId}/walk-ins`, {
      token,
      body: { count, requestId: randomUUID() },
    }),
  );
  expect(result.status).toBe(200);
}

/**
 * In China time: 西溪驿站 has 2 scans and 3 walk-ins on 30 March, nothing on 31 March,
 * 1 scan (made at 00:30 China time, still 31 March in UTC) and 5 walk-ins on 1 April;
 * 西溪科技园驿站 has 1 scan on 30 March; 滨江's 西兴驿站 has 4 walk-ins on 30 March.
 */
beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
  const { xixiA, xixiB, xixing } = world.stations;
  const { member, rider, xixiKeeper, xixingKeeper } = world.tokens;
  await scan(member, xixiA.id, '2026-03-30T02:00:00Z');
  await scan(rider, xixiA.id, '2026-03-30T09:00:00Z');
  await walkIns(xixiKeeper, xixiA.id, 3, '2026-03-30T10:00:00Z');
  await scan(member, xixiA.id, '2026-03-31T16:30:00Z');
  await walkIns(xixiKeeper, xixiA.id, 5, '2026-04-01T03:00:00Z');
  await scan((await loginWechat(api, 'wx-stats-rider')).token, xixiB.id, '2026-03-30T05:00:00Z');
  await walkIns(xixingKeeper, xixing.id, 4, '2026-03-30T05:00:00Z');
});
afterAll(() => api.stop());

const stats = (token: string, query: string) => api.request('GET', `/api/staff/station-stats?${query}`, { token });

describe('service counts by day and by month', () => {
  it("sums a station's scans and walk-ins per China day, with empty days as zeros", async () => {
    const answer = await stats(
      world.tokens.xixiKeeper,
      `stationId=${world.stations.xixiA.id}&from=2026-03-29&to=2026-04-02`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toEqual([
      { period: '2026-03-29', checkIns: 0, walkIns: 0 },
      { period: '2026-03-30', checkIns: 2, walkIns: 3 },
      { period: '2026-03-31', checkIns: 0, walkIns: 0 },
      { period: '2026-04-01', checkIns: 1, walkIns: 5 },
      { period: '2026-04-02', checkIns: 0, walkIns: 0 },
    ]);
    expect(answer.body.totals).toEqual({ checkIns: 3, walkIns: 8 });
  });

  it("sums an organisation's stations by default, over the keeper's own street", async () => {
    const answer = await stats(world.tokens.xixiKeeper, 'from=2026-03-30&to=2026-03-30');
    expect(answer.body.rows).toEqual([{ period: '2026-03-30', checkIns: 3, walkIns: 3 }]);
  });

  it('sums per month, months without visits included, and for the whole city', async () => {
    const query = `orgId=${world.orgs.city.id}&granularity=month&from=2026-02-15&to=2026-04-30`;
    const answer = await stats(world.tokens.cityAdmin, query);
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toEqual([
      { period: '2026-02', checkIns: 0, walkIns: 0 },
      { period: '2026-03', checkIns: 3, walkIns: 7 },
      { period: '2026-04', checkIns: 1, walkIns: 5 },
    ]);
    // A month is only counted within the dates asked for.
    const firstOfApril = await stats(
      world.tokens.cityAdmin,
      `${query.split('&from')[0]}&from=2026-03-31&to=2026-04-01`,
    );
    expect(firstOfApril.body.rows).toEqual([
      { period: '2026-03', checkIns: 0, walkIns: 0 },
      { period: '2026-04', checkIns: 1, walkIns: 5 },
    ]);
  });

  it('narrows to one organisation inside the scope', async () => {
    const answer = await stats(world.tokens.cityAdmin, `orgId=${world.orgs.xixing.id}&from=2026-03-30&to=2026-03-30`);
    expect(answer.body.totals).toEqual({ checkIns: 0, walkIns: 4 });
  });

  it('refuses ranges that are backwards or longer than 366 days', async () => {
    const backwards = await stats(world.tokens.cityAdmin, 'from=2026-04-02&to=2026-04-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('to');
    expect((await stats(world.tokens.cityAdmin, 'from=2025-01-01&to=2026-01-01')).status).toBe(200);
    const tooLong = await stats(world.tokens.cityAdmin, 'from=2025-01-01&to=2026-01-02');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].message).toContain('366');
    const badDate = await stats(world.tokens.cityAdmin, 'from=2026-13-01&to=2026-04-01&granularity=week');
    expect(badDate.body.error.details.map((detail: any) => detail.path).sort()).toEqual(['from', 'granularity']);
  });

  it("keeps every keeper to their own street's figures", async () => {
    const answer = await stats(world.tokens.xixingKeeper, `orgId=${world.orgs.xihu.id}&from=2026-03-30&to=2026-03-30`);
    expect(answer.status).toBe(404);
    const own = await stats(world.tokens.xixingKeeper, 'from=2026-03-30&to=2026-03-30');
    expect(own.body.totals).toEqual({ checkIns: 0, walkIns: 4 });
    expect((await stats(world.tokens.member, 'from=2026-03-30&to=2026-03-30')).status).toBe(403);
  });
});
