/**
 * The check-in gate under contention, raced many times over at HTTP level: however many scans
 * of one rider at one station arrive at once, exactly one of them counts as a visit for the
 * 30-minute window, the station's daily count goes up by exactly one, and every scan is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { clearOfChinaMidnight } from './race-support';
import { chinaDateOf } from '@union/shared';
import { CHECK_IN_WINDOW_MS } from './visits.service';
import { createStation, posterCode, setUpStations } from './visit-fixtures';
import { CheckInGateModel, DailyVisitsModel, StationCheckInModel } from './visit.model';

const TRIALS = 200;
const PARALLEL = 20;
/** Visits already counted at the station today before each trial of the second race. */
const EARLIER_TODAY = 7;

let api: TestApi;
let station: { id: string; orgPath: unknown };
let rider: { token: string; accountId: string };

beforeAll(async () => {
  // Thousands of scans by one rider: the check-in rate limit is not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const world = await setUpStations(api);
  const created = await createStation(world.orgs.xixi, '并发打卡驿站');
  station = { id: created.id, orgPath: world.orgs.xixi.path };
  const { token, session } = await loginWechat(api, 'wx-race-scanner');
  rider = { token, accountId: session.me.id };
}, 120_000);
afterAll(() => api.stop());

type Result = ApiResponse | RaceError;
const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
const gateId = () => `${station.id}:${rider.accountId}`;
const scan = () =>
  api.request('POST', '/api/station-check-ins', {
    token: rider.token,
    body: { stationCode: posterCode(api, station.id) },
  });

/** The station's audit records and daily counts emptied, so they do not pile up over the trials. */
async function clearVisits() {
  await clearOfChinaMidnight();
  await Promise.all([
    StationCheckInModel.deleteMany({ stationId: station.id }),
    DailyVisitsModel.deleteMany({ stationId: station.id }),
  ]);
}

/** Null when exactly one of the scans counted, the count rose by one and every scan was kept. */
async function exactlyOneVisit(results: Result[], countedBefore: number): Promise<string | null> {
  const answers = JSON.stringify(tally(results, status));
  if (!results.every((result) => status(result) === 200)) return `answers ${answers}`;
  const counted = (results as ApiResponse[]).filter((result) => result.body.counted === true);
  if (counted.length !== 1) return `${counted.length} of ${PARALLEL} scans counted`;
  const [records, countedRecords, daily, gate] = await Promise.all([
    StationCheckInModel.countDocuments({ stationId: station.id }),
    StationCheckInModel.countDocuments({ stationId: station.id, counted: true }),
    DailyVisitsModel.find({ stationId: station.id }).lean(),
    CheckInGateModel.findById(gateId()).lean(),
  ]);
  if (records !== PARALLEL || countedRecords !== 1) return `${records} scans kept, ${countedRecords} as counted`;
  const checkIns = daily.reduce((sum, day) => sum + day.checkIns, 0);
  if (checkIns !== countedBefore + 1) return `daily count went from ${countedBefore} to ${checkIns}`;
  return gate?.lastCountedAt.toISOString() === counted[0]!.body.checkedInAt
    ? null
    : `the gate holds ${gate?.lastCountedAt.toISOString()}, not the counted scan's time`;
}

describe('checking in under contention', () => {
  it(
    `counts exactly one visit when a rider's ${PARALLEL} parallel scans race at a station they never visited (${TRIALS} trials)`,
    async () => {
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: async () => {
          await clearVisits();
          await CheckInGateModel.deleteOne({ _id: gateId() });
        },
        attempt: scan,
        check: (results) => exactlyOneVisit(results, 0),
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    `counts exactly one visit, and adds exactly one to today's ${EARLIER_TODAY}, when ${PARALLEL} parallel scans race once the last counted visit is over 30 minutes old (${TRIALS} trials)`,
    async () => {
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: async () => {
          await clearVisits();
          const now = new Date();
          const date = chinaDateOf(now);
          await DailyVisitsModel.create({
            _id: `${station.id}:${date}`,
            stationId: station.id,
            orgPath: station.orgPath,
            date,
            month: date.slice(0, 7),
            checkIns: EARLIER_TODAY,
          });
          await CheckInGateModel.updateOne(
            { _id: gateId() },
            {
              $set: {
                stationId: station.id,
                accountId: rider.accountId,
                lastCountedAt: new Date(now.getTime() - CHECK_IN_WINDOW_MS - 60_000),
              },
            },
            { upsert: true },
          );
        },
        attempt: scan,
        check: (results) => exactlyOneVisit(results, EARLIER_TODAY),
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
