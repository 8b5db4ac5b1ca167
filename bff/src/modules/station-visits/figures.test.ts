/**
 * 驿站服务人次 in the cadres' figures: check-ins (parallel scans of one person count once) and
 * walk-ins (a retried request counts once) reach the daily counters of the station's org, equal
 * the station statistics and a rebuild from the records; by station (key) and by China hour.
 */
import { randomUUID } from 'node:crypto';
import { chinaDateOf, DAY_MS } from '@union/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { storedCounterDays } from '../figures/test-support';
import { startTestApi, type TestApi } from '../../../test/harness';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureByChild, figureByKey, figureTotal } from '../figures/read';
import { stationBody } from '../station-admin/test-support';
import { chinaHourKey } from './figures';
import { StationCheckInModel, WalkInRecordModel } from './visit.model';
import { posterCode, setUpStations } from './visit-fixtures';

const METRIC = 'stations.visits';
const BY_HOUR = 'stations.visitsByHour';

const nonZero = (read: Map<string, number>) => new Map([...read].filter(([key, value]) => key !== '' && value !== 0));

/** Hour → visits, from the counted check-ins and the walk-ins themselves. */
async function visitsByHourFromRecords(): Promise<Map<string, number>> {
  const byHour = new Map<string, number>();
  const add = (at: Date, amount: number) => byHour.set(chinaHourKey(at), (byHour.get(chinaHourKey(at)) ?? 0) + amount);
  for (const checkIn of await StationCheckInModel.find({ counted: true }).lean()) add(checkIn.at, 1);
  for (const walkIn of await WalkInRecordModel.find().lean()) add(walkIn.at, walkIn.count);
  return byHour;
}

/** metric|org|day|key → value of every non-zero station counter. */
async function countersNow(): Promise<Map<string, number>> {
  return storedCounterDays({ $regex: '^stations\\.' });
}
let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

describe('station visits in the figures', () => {
  it('counts check-ins and walk-ins once each, by the station’s org, as the station statistics do', async () => {
    const { xixiA, xixiB, xixing } = world.stations;
    const scan = (token: string, stationId: string) =>
      api.request('POST', '/api/station-check-ins', { token, body: { stationCode: posterCode(api, stationId) } });
    // Ten parallel scans of one rider at 西溪驿站 are one visit; two more people, one at each other station.
    await Promise.all(Array.from({ length: 10 }, () => scan(world.tokens.rider, xixiA.id)));
    await scan(world.tokens.member, xixiB.id);
    await scan((await loginWechat(api, 'wx-figures-visitor')).token, xixing.id);
    // A keeper's walk-ins, the request retried in parallel.
    const requestId = randomUUID();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request('POST', `/api/staff/stations/${xixiA.id}/walk-ins`, {
          token: world.tokens.xixiKeeper,
          body: { count: 4, requestId },
        }),
      ),
    );
    await settleAllFigures();

    const today = chinaDateOf(new Date());
    const range = { from: today, to: today };
    const city = world.orgs.city._id;
    expect(await figureTotal(METRIC, city, range)).toBe(1 + 1 + 1 + 4);
    expect(await figureTotal(METRIC, world.orgs.xixi._id, range)).toBe(1 + 1 + 4);
    expect(await figureTotal(METRIC, world.orgs.xihuTech._id, range)).toBe(1);
    expect(await figureByChild(METRIC, city, range)).toEqual(
      new Map([
        [String(world.orgs.xihu._id), 6],
        [String(world.orgs.binjiang._id), 1],
      ]),
    );
    const stats = await api.request('GET', `/api/staff/station-stats?from=${today}&to=${today}`, {
      token: world.tokens.cityAdmin,
    });
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    expect(stats.body.totals.checkIns + stats.body.totals.walkIns).toBe(await figureTotal(METRIC, city, range));

    // The busiest stations, by key; and the same visits by China hour, as the records say.
    expect(nonZero(await figureByKey(METRIC, city, range))).toEqual(
      new Map([
        [xixiA.id, 1 + 4],
        [xixiB.id, 1],
        [xixing.id, 1],
      ]),
    );
    expect(await figureTotal(METRIC, world.orgs.xixi._id, range, { key: xixing.id })).toBe(0);
    expect(nonZero(await figureByKey(BY_HOUR, city, range))).toEqual(await visitsByHourFromRecords());
    expect(await figureTotal(BY_HOUR, world.orgs.binjiang._id, range)).toBe(1);

    const settled = await countersNow();
    await rebuildFigureCounters({ from: new Date(Date.now() - DAY_MS), to: new Date(Date.now() + DAY_MS) });
    expect(await figureTotal(METRIC, city, range)).toBe(7);
    expect(await countersNow()).toEqual(settled);
  });

  it('moves a station’s whole history to its new org when the station changes hands', async () => {
    const { xixing } = world.stations;
    const { city, binjiang, xihu, xihuTech } = world.orgs;
    // History at 西兴驿站 (滨江): a scan three days ago, a walk-in and a rating today.
    vi.useFakeTimers({ now: Date.now() - 3 * DAY_MS, toFake: ['Date'] });
    const early = await loginWechat(api, 'wx-figures-early');
    const scanned = await api.request('POST', '/api/station-check-ins', {
      token: early.token,
      body: { stationCode: posterCode(api, xixing.id) },
    });
    vi.useRealTimers();
    expect(scanned.status, JSON.stringify(scanned.body)).toBe(200);
    await api.request('POST', `/api/staff/stations/${xixing.id}/walk-ins`, {
      token: world.tokens.xixingKeeper,
      body: { count: 2, requestId: randomUUID() },
    });
    await api.request('POST', `/api/stations/${xixing.id}/feedback`, {
      token: world.tokens.rider,
      body: { rating: 4 },
    });
    await settleAllFigures();
    const range = { from: chinaDateOf(Date.now() - 10 * DAY_MS), to: chinaDateOf(Date.now() + DAY_MS) };
    const before = await figureTotal(METRIC, binjiang._id, range);
    expect(before).toBe(1 + 1 + 2);
    expect(await figureTotal('stations.feedback', binjiang._id, range)).toBe(1);

    const moved = await api.request('PUT', `/api/staff/stations/${xixing.id}`, {
      token: world.tokens.cityAdmin,
      body: stationBody(xihuTech.id, { name: xixing.name }),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await settleAllFigures();
    for (const metric of [METRIC, BY_HOUR, 'stations.feedback', 'stations.feedbackRating']) {
      expect(await figureTotal(metric, binjiang._id, range), metric).toBe(0);
    }
    expect(await figureTotal(METRIC, xihuTech._id, range)).toBe(1 + before);
    expect(await figureTotal(METRIC, xihu._id, range)).toBe(await figureTotal(METRIC, city._id, range));
    expect(await figureTotal('stations.feedbackRating', xihuTech._id, range)).toBe(4);

    const settled = await countersNow();
    await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + DAY_MS) });
    expect(await countersNow()).toEqual(settled);
  });
});
