/**
 * The station feedback figures a cadre reads: 评价与心愿 (by kind), ratings (count by stars and
 * their sum, for the mean), answers (count and minutes to the first answer) and 微心愿 handled.
 * Built through the API — feedback from earlier days, a reply sent eight times at once, a second
 * answer, a wish toggled handled and open by parallel taps, settles racing the writes — the
 * settled counters equal a brute-force count of the feedback records and a rebuild; the sibling
 * district sees none of it.
 */
import { chinaDateOf, DAY_MS } from '@union/shared';
import type { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { storedCounterDays } from '../figures/test-support';
import { startTestApi, type TestApi } from '../../../test/harness';
import { rebuildFigureCounters, settleAllFigures, settleFigureCounters } from '../figures/counters';
import { figureByChild, figureByKey, figureTotal } from '../figures/read';
import { StationModel } from '../stations/station.model';
import { stationFeedbackMetrics } from './feedback-figures';
import { StationFeedbackModel, type StationFeedbackDoc } from './feedback.model';
import { setUpStations } from './visit-fixtures';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

const METRICS = stationFeedbackMetrics.map((metric) => metric.name);
const everything = () => ({ from: chinaDateOf(Date.now() - 60 * DAY_MS), to: chinaDateOf(Date.now() + DAY_MS) });

let riders = 0;
/** A rider's feedback or wish at a station, given `daysAgo` days and `hoursAgo` hours before now. */
async function give(stationId: string, body: Record<string, unknown>, daysAgo = 0, hoursAgo = 0) {
  vi.useFakeTimers({ now: Date.now() - daysAgo * DAY_MS - hoursAgo * 3_600_000, toFake: ['Date'] });
  riders += 1;
  const { token } = await loginWechat(api, `wx-feedback-figures-${riders}`);
  const given = await api.request('POST', `/api/stations/${stationId}/feedback`, { token, body });
  vi.useRealTimers();
  expect(given.status, JSON.stringify(given.body)).toBe(200);
  return given.body.id as string;
}

const reply = (feedbackId: string, body: Record<string, unknown>) =>
  api.request('POST', `/api/staff/station-feedback/${feedbackId}/reply`, { token: world.tokens.xixiKeeper, body });

interface Raw {
  orgId: Types.ObjectId;
  orgPath: Types.ObjectId[];
  amount: number;
  key: string;
}

/** Each metric's records, counted straight from the feedback documents and their stations' orgs. */
async function rawRecords(): Promise<Record<string, Raw[]>> {
  const stations = new Map(
    (await StationModel.find({}, { orgId: 1, orgPath: 1 }).lean()).map((station) => [String(station._id), station]),
  );
  const feedbacks = await StationFeedbackModel.find().lean<StationFeedbackDoc[]>();
  const record = (feedback: StationFeedbackDoc, amount: number, key = '') => {
    const { orgId, orgPath } = stations.get(String(feedback.stationId))!;
    return { orgId, orgPath, amount, key };
  };
  const rated = feedbacks.filter((feedback) => feedback.rating !== null);
  const replied = feedbacks.filter((feedback) => feedback.firstRepliedAt);
  const minutes = (f: StationFeedbackDoc) => Math.round((f.firstRepliedAt!.getTime() - f.createdAt.getTime()) / 60_000);
  return {
    'stations.feedback': feedbacks.map((f) => record(f, 1, f.kind)),
    'stations.feedbackRated': rated.map((f) => record(f, 1, String(f.rating))),
    'stations.feedbackRating': rated.map((f) => record(f, f.rating!)),
    'stations.feedbackReplies': replied.map((f) => record(f, 1, f.kind)),
    'stations.replyMinutes': replied.map((f) => record(f, minutes(f), f.kind)),
    'stations.wishesHandled': feedbacks.filter((f) => f.kind === 'wish' && f.handledAt).map((f) => record(f, 1)),
  };
}

const sum = (records: Raw[]) => records.reduce((total, record) => total + record.amount, 0);
const inSubtree = (records: Raw[], org: { _id: Types.ObjectId }) =>
  records.filter((record) => record.orgPath.some((id) => String(id) === String(org._id)));
function sumsBy(records: Raw[], keyOf: (record: Raw) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of records) sums.set(keyOf(record), (sums.get(keyOf(record)) ?? 0) + record.amount);
  return new Map([...sums].filter(([key, value]) => key !== '' && value !== 0));
}
const nonZero = (read: Map<string, number>) => new Map([...read].filter(([key, value]) => key !== '' && value !== 0));

/** metric|org|day|key → value of every non-zero counter. */
async function countersNow(): Promise<Map<string, number>> {
  return storedCounterDays({ $in: METRICS });
}

describe('station feedback figures', () => {
  it('count feedback, ratings, first answers and handled wishes once each, by the station’s org', async () => {
    const { xixiA, xixiB } = world.stations;
    const rated = [
      await give(xixiA.id, { rating: 5, comment: '水很凉' }, 9, 3),
      await give(xixiA.id, { rating: 2, comment: '没开门' }, 2, 5),
      await give(xixiB.id, { rating: 4 }, 1),
      await give(xixiB.id, { rating: 3, comment: '椅子不够' }),
    ];
    const wishes = [
      await give(xixiA.id, { kind: 'wish', comment: '希望有充电桩' }, 6, 2),
      await give(xixiB.id, { kind: 'wish', rating: 3, comment: '希望有微波炉' }, 3),
      await give(xixiA.id, { kind: 'wish', comment: '希望有雨衣' }, 1, 7),
      await give(xixiB.id, { kind: 'wish', comment: '希望延长开放时间' }),
    ];

    // One reply sent eight times at once (a flaky network), settles racing it: one first answer.
    const repeated = await Promise.all([
      ...Array.from({ length: 8 }, () => reply(rated[0]!, { reply: '感谢您的肯定' })),
      settleFigureCounters(),
    ]);
    expect(repeated.slice(0, 8).map((answer) => (answer as { status: number }).status)).toEqual(Array(8).fill(200));
    // A second answer later replaces the text, not the first answer's time; handled without a word is no answer.
    await reply(rated[1]!, { reply: '已调整开放时间' });
    await reply(rated[1]!, { reply: '已调整开放时间，并增加值班人员' });
    expect((await reply(rated[2]!, { handled: true })).status).toBe(200);
    // Wishes: one answered and handled, then reopened, then handled again; one toggled by parallel taps.
    await reply(wishes[0]!, { reply: '已联系供电公司' });
    await reply(wishes[0]!, { handled: false });
    await reply(wishes[0]!, { handled: true });
    const toggles = await Promise.all([
      ...[true, false, true, true, false, true].map((handled) => reply(wishes[1]!, { handled })),
      settleFigureCounters(),
    ]);
    expect(toggles.slice(0, 6).map((answer) => (answer as { status: number }).status)).toEqual(Array(6).fill(200));
    await reply(wishes[2]!, { reply: '雨衣已到', handled: true });
    await Promise.all([reply(wishes[2]!, { handled: true }), reply(wishes[2]!, { handled: true })]);

    await settleAllFigures();
    const raw = await rawRecords();
    expect(raw['stations.feedbackReplies']).toHaveLength(4);
    expect(raw['stations.feedbackRated']).toHaveLength(5);
    const range = everything();
    const { city, xihu, xixi, binjiang } = world.orgs;
    for (const metric of METRICS) {
      const records = raw[metric]!;
      expect(await figureTotal(metric, city._id, range), metric).toBe(sum(records));
      expect(await figureTotal(metric, xihu._id, range), metric).toBe(sum(inSubtree(records, xihu)));
      expect(await figureTotal(metric, binjiang._id, range), metric).toBe(0);
      expect(nonZero(await figureByKey(metric, city._id, range)), metric).toEqual(sumsBy(records, (r) => r.key));
      // 西溪街道's own station and 西溪科技's, each under its own org.
      expect(nonZero(await figureByChild(metric, xixi._id, range)), metric).toEqual(
        sumsBy(records, (r) => String(r.orgPath[3] ?? r.orgId)),
      );
    }
    // The mean rating and the reply time read off the counters.
    const ratings = raw['stations.feedbackRating']!;
    expect(await figureTotal('stations.feedbackRating', city._id, range)).toBe(5 + 2 + 4 + 3 + 3);
    expect(await figureTotal('stations.feedbackRated', city._id, range, { key: '3' })).toBe(2);
    expect(ratings).toHaveLength(5);
    expect(await figureTotal('stations.replyMinutes', city._id, range, { key: 'feedback' })).toBeGreaterThan(
      9 * 24 * 60 + 2 * 24 * 60,
    );

    const settled = await countersNow();
    await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + DAY_MS) });
    expect(await countersNow()).toEqual(settled);
  });
});
