/**
 * The daily feedback quota under contention, raced many times over at HTTP level: however many
 * feedbacks one rider posts to one station at once, no more than the day's quota is accepted,
 * none that fit is refused, and the quota records exactly what was accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { chinaDateOf } from '@union/shared';
import { FEEDBACK_PER_STATION_PER_DAY as LIMIT } from './feedback.service';
import { FeedbackQuotaModel, StationFeedbackModel } from './feedback.model';
import { clearOfChinaMidnight } from './race-support';
import { createStation, setUpStations } from './visit-fixtures';

const TRIALS = 200;
const PARALLEL = 16;

let api: TestApi;
let stationId: string;
let rider: { token: string; accountId: string };

beforeAll(async () => {
  // Thousands of posts by one rider: the per-account rate limit is not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const world = await setUpStations(api);
  stationId = (await createStation(world.orgs.xixi, '并发评价驿站')).id;
  const { token, session } = await loginWechat(api, 'wx-race-reviewer');
  rider = { token, accountId: session.me.id };
}, 120_000);
afterAll(() => api.stop());

type Result = ApiResponse | RaceError;
const code = (result: Result) =>
  result instanceof RaceError ? 'error' : (result.body?.error?.code ?? String(result.status));
const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
const quotaKey = () => `${stationId}:${rider.accountId}:${chinaDateOf(new Date())}`;
const post = (contender: number) =>
  api.request('POST', `/api/stations/${stationId}/feedback`, {
    token: rider.token,
    body: { rating: 4, comment: `第 ${contender + 1} 条` },
  });

/** No feedback from the rider at the station yet; `used` of today's quota taken already (none: no quota yet). */
async function resetQuota(used: number) {
  await clearOfChinaMidnight();
  await Promise.all([
    StationFeedbackModel.deleteMany({ stationId }),
    FeedbackQuotaModel.deleteMany({ _id: { $regex: `^${stationId}:` } }),
  ]);
  if (used > 0) await FeedbackQuotaModel.create({ _id: quotaKey(), used });
}

/** Null when exactly `room` posts were accepted and the rest refused with 429, as stored too. */
async function acceptedExactly(results: Result[], room: number): Promise<string | null> {
  const answers = JSON.stringify(tally(results, code));
  const accepted = results.filter((result) => status(result) === 200).length;
  const refused = results.filter((result) => status(result) === 429).length;
  if (accepted !== room || refused !== PARALLEL - room) return `accepted ${accepted} with room for ${room}: ${answers}`;
  const [stored, quota] = await Promise.all([
    StationFeedbackModel.countDocuments({ stationId }),
    FeedbackQuotaModel.findById(quotaKey()).lean(),
  ]);
  if (stored !== room) return `${stored} feedbacks stored`;
  return quota?.used === LIMIT ? null : `the quota records ${quota?.used} used`;
}

describe('the daily feedback quota under contention', () => {
  it(
    `accepts exactly ${LIMIT} of a rider's ${PARALLEL} parallel first posts of the day to one station and refuses the rest with 429 (${TRIALS} trials)`,
    async () => {
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => resetQuota(0),
        attempt: post,
        check: (results) => acceptedExactly(results, LIMIT),
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    `accepts only the 2 that still fit when ${LIMIT - 2} posts were made earlier that day and ${PARALLEL} more race (${TRIALS} trials)`,
    async () => {
      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => resetQuota(LIMIT - 2),
        attempt: post,
        check: (results) => acceptedExactly(results, 2),
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
