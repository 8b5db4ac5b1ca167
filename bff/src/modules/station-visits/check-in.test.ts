import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { chinaDateOf } from '@union/shared';
import { signStationCode } from './station-code';
import { createStation, posterCode, setUpStations } from './visit-fixtures';
import { StationCheckInModel } from './visit.model';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());

const checkIn = (token: string, stationCode: string) =>
  api.request('POST', '/api/station-check-ins', { token, body: { stationCode } });

/** Today's scanned visits at a station, as its keeper's figures show them. */
async function countedToday(stationId: string): Promise<number> {
  const today = chinaDateOf(new Date());
  const stats = await api.request('GET', `/api/staff/station-stats?stationId=${stationId}&from=${today}&to=${today}`, {
    token: world.tokens.cityAdmin,
  });
  expect(stats.status).toBe(200);
  return stats.body.totals.checkIns;
}

describe('checking in at a station by scanning its poster', () => {
  it('counts the first scan and acknowledges a repeat within 30 minutes without counting it again', async () => {
    const { xixiA } = world.stations;
    const first = await checkIn(world.tokens.member, posterCode(api, xixiA.id));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stationId: xixiA.id, stationName: '西溪驿站', counted: true });
    const again = await checkIn(world.tokens.member, posterCode(api, xixiA.id));
    expect(again.status).toBe(200);
    expect(again.body.counted).toBe(false);
    expect(await countedToday(xixiA.id)).toBe(1);
  });

  it('counts 20 parallel scans by the same person exactly once', async () => {
    const { token } = await loginWechat(api, 'wx-parallel-scanner');
    const station = await createStation(world.orgs.xixi, '并发测试驿站');
    const results = await Promise.all(Array.from({ length: 20 }, () => checkIn(token, posterCode(api, station.id))));
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    expect(results.filter((result) => result.body.counted)).toHaveLength(1);
    expect(await countedToday(station.id)).toBe(1);
    // Every scan is kept for audit, counted or not.
    expect(await StationCheckInModel.countDocuments({ stationId: station.id })).toBe(20);
    expect(await StationCheckInModel.countDocuments({ stationId: station.id, counted: true })).toBe(1);
  });

  it('counts two different people scanning at the same moment', async () => {
    const station = await createStation(world.orgs.xixi, '两人驿站');
    const [member, rider] = await Promise.all([
      checkIn(world.tokens.member, posterCode(api, station.id)),
      checkIn(world.tokens.rider, posterCode(api, station.id)),
    ]);
    expect([member.body.counted, rider.body.counted]).toEqual([true, true]);
    expect(await countedToday(station.id)).toBe(2);
  });

  it('counts the same person again once 30 minutes have passed', async () => {
    const station = await createStation(world.orgs.xixi, '半小时驿站');
    const { token } = await loginWechat(api, 'wx-returning-rider');
    const start = Date.now() - 3 * 3_600_000;
    const at = async (minutes: number) => {
      vi.useFakeTimers({ now: start + minutes * 60_000, toFake: ['Date'] });
      try {
        return (await checkIn(token, posterCode(api, station.id))).body.counted;
      } finally {
        vi.useRealTimers();
      }
    };
    expect(await at(0)).toBe(true);
    expect(await at(29)).toBe(false);
    expect(await at(30)).toBe(true);
    expect(await at(45)).toBe(false);
    expect(await at(61)).toBe(true);
  });

  it('records members against their membership and everyone else anonymously', async () => {
    const station = await createStation(world.orgs.xixi, '记录驿站');
    await checkIn(world.tokens.member, posterCode(api, station.id));
    await checkIn(world.tokens.rider, posterCode(api, station.id));
    const records = await StationCheckInModel.find({ stationId: station.id }).lean();
    expect(records.filter((record) => record.memberId !== null)).toHaveLength(1);
    expect(records.filter((record) => record.memberId === null)).toHaveLength(1);
  });

  it('accepts the code inside a poster link', async () => {
    const station = await createStation(world.orgs.xixi, '链接驿站');
    const code = posterCode(api, station.id);
    const result = await checkIn(world.tokens.rider, `https://union.example.cn/s/${code}`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ stationId: station.id, counted: true });
    // Only the poster's own link: a code elsewhere in some other URL is no poster.
    const elsewhere = await checkIn(world.tokens.member, `https://union.example.cn/c?c=${code}`);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('invalid_station_code');
  });

  it('refuses forged and garbage codes and records nothing', async () => {
    const { xixiB } = world.stations;
    const genuine = posterCode(api, xixiB.id);
    const signature = genuine.split('.')[2]!;
    const forgeries = [
      signStationCode('someone-elses-secret-0123456789abcdef', xixiB.id),
      `ST1.${world.stations.xixing.id}.${signature}`,
      `${genuine.slice(0, -2)}${genuine.endsWith('AA') ? 'BB' : 'AA'}`,
      `ST1.${xixiB.id}`,
      xixiB.id,
      'hello world',
      'https://union.example.cn/s/not-a-code',
    ];
    for (const code of forgeries) {
      const result = await checkIn(world.tokens.member, code);
      expect(result.status, code).toBe(400);
      expect(result.body.error.code).toBe('invalid_station_code');
      expect(result.body.error.message).toContain('二维码');
    }
    expect(await StationCheckInModel.countDocuments({ stationId: { $in: [xixiB.id, world.stations.xixing.id] } })).toBe(
      0,
    );
    expect((await checkIn(world.tokens.member, '')).status).toBe(400);
  });

  it('refuses a closed station with 409 and a station that was never published with 404', async () => {
    const closed = await createStation(world.orgs.xixi, '关闭的驿站', { status: 'closed' });
    const result = await checkIn(world.tokens.member, posterCode(api, closed.id));
    expect(result.status).toBe(409);
    expect(result.body.error).toMatchObject({ code: 'station_closed', message: '该驿站已暂停服务，暂不能打卡' });
    const staged = await createStation(world.orgs.xixi, '尚未发布的驿站', { published: false });
    expect((await checkIn(world.tokens.member, posterCode(api, staged.id))).status).toBe(404);
    expect(await StationCheckInModel.countDocuments({ stationId: { $in: [closed.id, staged.id] } })).toBe(0);
  });

  it('asks to sign in first', async () => {
    const result = await api.request('POST', '/api/station-check-ins', {
      body: { stationCode: posterCode(api, world.stations.xixiA.id) },
    });
    expect(result.status).toBe(401);
  });
});
