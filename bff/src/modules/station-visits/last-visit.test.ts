/**
 * What the workbench's station notices and the open-feedback queue read instead of scanning
 * every visit and station: the date of a station's latest visit, and the org path a feedback
 * keeps. Both follow the writes that change them, and fill in for records that predate them.
 */
import { randomUUID } from 'node:crypto';
import { chinaDateOf, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { stationBody } from '../station-admin/test-support';
import { StationModel } from '../stations/station.model';
import { backfillStationVisitFields } from './backfill';
import { StationFeedbackModel } from './feedback.model';
import { createStation, pastCheckIn, posterCode, setUpStations } from './visit-fixtures';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());

const lastVisitDate = async (stationId: string) => (await StationModel.findById(stationId).lean())?.lastVisitDate;
const openQueue = async (token: string) => {
  const answer = await api.request('GET', '/api/staff/station-feedback?limit=50', { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.items.map((item: { id: string }) => item.id);
};

describe("a station's latest visit", () => {
  it('is the day of its latest scan or walk-in, and an older visit recorded later never moves it back', async () => {
    const station = await createStation(world.orgs.xixi, '到访日期驿站');
    expect(await lastVisitDate(station.id)).toBe('');
    await pastCheckIn(station.id, new Date(Date.now() - 9 * DAY_MS));
    expect(await lastVisitDate(station.id)).toBe(chinaDateOf(Date.now() - 9 * DAY_MS));

    const scans = await Promise.all(
      [world.tokens.member, world.tokens.rider].map((token) =>
        api.request('POST', '/api/station-check-ins', {
          token,
          body: { stationCode: posterCode(api, station.id) },
        }),
      ),
    );
    expect(scans.map((scan) => scan.status)).toEqual([200, 200]);
    const today = chinaDateOf(new Date());
    expect(await lastVisitDate(station.id)).toBe(today);

    await pastCheckIn(station.id, new Date(Date.now() - 3 * DAY_MS));
    expect(await lastVisitDate(station.id)).toBe(today);

    const walkInStation = await createStation(world.orgs.xixi, '登记到访驿站');
    const walkIn = await api.request('POST', `/api/staff/stations/${walkInStation.id}/walk-ins`, {
      token: world.tokens.xixiKeeper,
      body: { count: 3, requestId: randomUUID() },
    });
    expect(walkIn.status).toBe(200);
    expect(await lastVisitDate(walkInStation.id)).toBe(today);
  });
});

describe('open feedback in the queue of the org that runs the station', () => {
  it('moves to the new org’s queue when its station moves', async () => {
    const station = await createStation(world.orgs.xixing, '换管驿站');
    const given = await api.request('POST', `/api/stations/${station.id}/feedback`, {
      token: world.tokens.rider,
      body: { kind: 'wish', comment: '希望多放几把椅子' },
    });
    expect(given.status).toBe(200);
    expect(await openQueue(world.tokens.xixingKeeper)).toContain(given.body.id);
    expect(await openQueue(world.tokens.xixiKeeper)).not.toContain(given.body.id);

    const moved = await api.request('PUT', `/api/staff/stations/${station.id}`, {
      token: world.tokens.cityAdmin,
      body: stationBody(String(world.orgs.xixi._id), { name: station.name }),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await openQueue(world.tokens.xixingKeeper)).not.toContain(given.body.id);
    expect(await openQueue(world.tokens.xixiKeeper)).toContain(given.body.id);
  });
});

describe('records from before these fields existed', () => {
  it('take the date of their latest day of visits and their station’s org path at start-up, once', async () => {
    const visited = await createStation(world.orgs.xixi, '旧数据驿站');
    const never = await createStation(world.orgs.xixi, '旧数据未到访驿站');
    await pastCheckIn(visited.id, new Date(Date.now() - 4 * DAY_MS));
    await pastCheckIn(visited.id, new Date(Date.now() - 12 * DAY_MS));
    const feedback = await api.request('POST', `/api/stations/${visited.id}/feedback`, {
      token: world.tokens.member,
      body: { rating: 3 },
    });
    expect(feedback.status).toBe(200);
    const stationIds = [visited.id, never.id];
    await StationModel.updateMany({ _id: { $in: stationIds } }, { $unset: { lastVisitDate: 1 } });
    await StationFeedbackModel.updateOne({ _id: feedback.body.id }, { $unset: { orgPath: 1 } });
    expect(await openQueue(world.tokens.xixiKeeper)).not.toContain(feedback.body.id);

    expect(await backfillStationVisitFields()).toEqual({ stations: 2, feedback: 1 });
    expect(await lastVisitDate(visited.id)).toBe(chinaDateOf(Date.now() - 4 * DAY_MS));
    expect(await lastVisitDate(never.id)).toBe('');
    expect(await openQueue(world.tokens.xixiKeeper)).toContain(feedback.body.id);
    expect(await backfillStationVisitFields()).toEqual({ stations: 0, feedback: 0 });
  });
});
