/**
 * The station figures as a cadre reads them, against the stations and feedback built through the
 * API: 驿站数 by status equals the stations of each subtree (some closed, one reopened), and the
 * mean rating and the mean time to a first answer equal the feedback records worked out by hand —
 * in total, by day and by child org — each on its own instant (a rating on the day given, an
 * answer on the day answered), 无数据 where there is nothing to average.
 */
import { chinaDateOf, DAY_MS, dayOneYearEarlier, type FigureDetail, type FiguresReport } from '@union/shared';
import type { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { stationBody } from '../station-admin/test-support';
import { StationFeedbackModel } from '../station-visits/feedback.model';
import { setUpStations } from '../station-visits/visit-fixtures';
import { StationModel } from '../stations/station.model';
import { settleAllFigures } from './counters';

let api: TestApi;
let world: Awaited<ReturnType<typeof setUpStations>>;

beforeAll(async () => {
  api = await startTestApi();
  world = await setUpStations(api);
  await buildStations();
  await buildFeedback();
  await settleAllFigures();
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

type Org = (typeof world.orgs)[keyof typeof world.orgs];
const HOUR_MS = 3_600_000;
/** The moment the feedback is dated from, so that its hours apart are exact. */
const anchor = Date.now();

/** A station created by the city's office through the editor; answers its id. */
async function newStation(org: Org, name: string): Promise<string> {
  const created = await api.request('POST', '/api/staff/stations', {
    token: world.tokens.cityAdmin,
    body: stationBody(org.id, { name }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body.id as string;
}

const stationAction = async (id: string, action: 'close' | 'reopen') => {
  const response = await api.request('POST', `/api/staff/stations/${id}/${action}`, {
    token: world.tokens.cityAdmin,
    body: action === 'close' ? { reason: '场地装修' } : undefined,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
};

const created: Record<string, string> = {};

/** Besides the three open stations of the fixtures: four more, two closed, one closed and reopened. */
async function buildStations() {
  const { xihuCommunity, xixi, binjiangTech } = world.orgs;
  created.community = await newStation(xihuCommunity, '西溪社区驿站');
  created.xixiSecond = await newStation(xixi, '西溪二号驿站');
  created.binjiang = await newStation(binjiangTech, '滨江网络驿站');
  created.reopened = await newStation(binjiangTech, '滨江夜间驿站');
  await stationAction(created.xixiSecond, 'close');
  await stationAction(created.binjiang, 'close');
  await stationAction(created.reopened, 'close');
  await stationAction(created.reopened, 'reopen');
}

let riders = 0;
/** A rider's feedback or wish, given `hoursAgo` hours before now; answers its id. */
async function give(stationId: string, hoursAgo: number, body: Record<string, unknown>): Promise<string> {
  vi.useFakeTimers({ now: anchor - hoursAgo * HOUR_MS, toFake: ['Date'] });
  riders += 1;
  const { token } = await loginWechat(api, `wx-station-figures-${riders}`);
  const given = await api.request('POST', `/api/stations/${stationId}/feedback`, { token, body });
  vi.useRealTimers();
  expect(given.status, JSON.stringify(given.body)).toBe(200);
  return given.body.id as string;
}

/** The station's keeper answers `hoursAgo` hours before now. */
async function answer(feedbackId: string, keeper: string, hoursAgo: number, body: Record<string, unknown>) {
  vi.useFakeTimers({ now: anchor - hoursAgo * HOUR_MS, toFake: ['Date'] });
  const answered = await api.request('POST', `/api/staff/station-feedback/${feedbackId}/reply`, {
    token: keeper,
    body,
  });
  vi.useRealTimers();
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
}

/**
 * Over 45 days at four stations of two districts: ratings from 1 to 5, wishes with and without
 * one, answers after 1 to 100 hours (one given before the period and answered within it, one
 * answered twice), a bare 'handled' that is no answer.
 */
async function buildFeedback() {
  const { xixiA, xixiB, xixing } = world.stations;
  const { xixiKeeper, xixingKeeper } = world.tokens;
  const early = await give(xixiA.id, 40 * 24, { rating: 1, comment: '没开门' });
  await answer(early, xixiKeeper, 35 * 24, { reply: '已排查' });
  const beforePeriod = await give(xixiB.id, 32 * 24, { rating: 2, comment: '水不热' });
  await answer(beforePeriod, xixiKeeper, 28 * 24, { reply: '已修好热水器' });
  const a = await give(xixiA.id, 20 * 24 + 5, { rating: 5, comment: '很方便' });
  await answer(a, xixiKeeper, 20 * 24 + 2, { reply: '感谢支持' });
  await answer(a, xixiKeeper, 10 * 24, { reply: '感谢支持，欢迎常来' });
  const b = await give(xixiB.id, 12 * 24, { rating: 4 });
  await answer(b, xixiKeeper, 12 * 24 - 100, { reply: '谢谢' });
  const c = await give(xixiB.id, 6 * 24 + 3, { rating: 3, comment: '椅子不够' });
  await answer(c, xixiKeeper, 6 * 24, { handled: true });
  await give(xixiA.id, 3 * 24, { kind: 'wish', rating: 4, comment: '希望有充电桩' });
  const wish = await give(xixiB.id, 2 * 24, { kind: 'wish', comment: '希望有微波炉' });
  await answer(wish, xixiKeeper, 24 + 7, { reply: '已申请采购', handled: false });
  const d = await give(xixing.id, 9 * 24, { rating: 2, comment: '太远' });
  await answer(d, xixingKeeper, 9 * 24 - 30, { reply: '会增设站点' });
  await give(xixing.id, 1, { rating: 5 });
}

const today = () => chinaDateOf(new Date());
const period = () => ({ from: chinaDateOf(Date.now() - 30 * DAY_MS), to: today() });
const within = (orgPath: Types.ObjectId[], org: { _id: Types.ObjectId }) => orgPath.some((id) => id.equals(org._id));
const mean = (values: number[]) =>
  values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;

/** Each feedback with its station's org path and China days given and first answered. */
async function feedbackRecords() {
  const stations = new Map((await StationModel.find().lean()).map((station) => [String(station._id), station]));
  return (await StationFeedbackModel.find().lean()).map((feedback) => ({
    orgPath: stations.get(String(feedback.stationId))!.orgPath,
    rating: feedback.rating,
    given: chinaDateOf(feedback.createdAt),
    answered: feedback.firstRepliedAt ? chinaDateOf(feedback.firstRepliedAt) : null,
    // In whole minutes, as 回复用时 is measured.
    answerHours: feedback.firstRepliedAt
      ? Math.round((feedback.firstRepliedAt.getTime() - feedback.createdAt.getTime()) / 60_000) / 60
      : null,
  }));
}
type FeedbackRecord = Awaited<ReturnType<typeof feedbackRecords>>[number];
type Range = { from: string; to: string };
const inRange = (day: string | null, range: Range) => day !== null && day >= range.from && day <= range.to;

/** 平均评分 and 评价平均回复用时 by hand: ratings given in the range, first answers made in it. */
const byHand = {
  'stations.rating': (records: FeedbackRecord[], range: Range) =>
    mean(records.filter((r) => r.rating !== null && inRange(r.given, range)).map((r) => r.rating!)),
  'stations.replyHours': (records: FeedbackRecord[], range: Range) =>
    mean(records.filter((r) => inRange(r.answered, range)).map((r) => r.answerHours!)),
};

const figuresOf = async (org: Org, query: string) => {
  const response = await api.request('GET', `/api/staff/figures?${query}&orgId=${org.id}`, {
    token: world.tokens.cityAdmin,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return new Map(
    (response.body as FiguresReport).sections
      .flatMap((section) => section.figures)
      .map((figure) => [figure.key, figure]),
  );
};

const detailOf = async (key: string, org: Org, query: string) => {
  const response = await api.request('GET', `/api/staff/figure?figure=${key}&${query}&orgId=${org.id}`, {
    token: world.tokens.cityAdmin,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as FigureDetail;
};

const expectClose = (actual: number | null | undefined, expected: number | null, what: string) => {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 9);
};

describe('station figures', () => {
  const scopes = () => {
    const { city, xihu, xixi, xihuTech, xihuCommunity, binjiang } = world.orgs;
    return [city, xihu, xixi, xihuTech, xihuCommunity, binjiang];
  };

  it('counts the stations of each subtree by status, and of each child', async () => {
    const stations = await StationModel.find({}, { orgPath: 1, status: 1 }).lean();
    expect(stations.filter((station) => station.status === 'closed')).toHaveLength(2);
    const labels: Record<string, string> = { open: '开放', closed: '停用' };
    for (const org of scopes()) {
      const mine = stations.filter((station) => within(station.orgPath, org));
      const figure = (await figuresOf(org, `period=${today().slice(0, 4)}`)).get('stations.count')!;
      expect(figure.value, org.name).toBe(mine.length);
      expect(figure.current).toBe(true);
      expect(figure.lastYear).toBeNull();
      const byStatus = new Map<string, number>();
      for (const station of mine) byStatus.set(station.status, (byStatus.get(station.status) ?? 0) + 1);
      expect(new Map(figure.breakdown!.map((row) => [row.key, row.value])), org.name).toEqual(byStatus);
      for (const row of figure.breakdown!) expect(row.label).toBe(labels[row.key]);

      const detail = await detailOf('stations.count', org, `period=${today().slice(0, 4)}`);
      expect(detail.series).toEqual([]);
      for (const row of detail.byChild) {
        const child = Object.values(world.orgs).find((candidate) => candidate.id === row.org.id)!;
        expect(row.value, row.org.name).toBe(stations.filter((station) => within(station.orgPath, child)).length);
      }
    }
  });

  it('reads the mean rating and the mean time to a first answer the feedback gives, in total, by day and by child', async () => {
    const records = await feedbackRecords();
    const range = period();
    const lastYear = { from: dayOneYearEarlier(range.from), to: dayOneYearEarlier(range.to) };
    // The period holds ratings and answers, and leaves some out on either instant.
    expect(records.filter((r) => r.rating !== null && !inRange(r.given, range))).toHaveLength(2);
    expect(records.filter((r) => inRange(r.answered, range) && !inRange(r.given, range))).toHaveLength(1);
    for (const org of scopes()) {
      const inScope = records.filter((record) => within(record.orgPath, org));
      const figures = await figuresOf(org, `from=${range.from}&to=${range.to}`);
      for (const [key, hand] of Object.entries(byHand)) {
        expectClose(figures.get(key)!.value, hand(inScope, range), `${key} ${org.name}`);
        expectClose(figures.get(key)!.lastYear, hand(inScope, lastYear), `${key} ${org.name} last year`);

        const detail = await detailOf(key, org, `from=${range.from}&to=${range.to}`);
        expect(detail.series).toHaveLength(31);
        for (const point of detail.series) {
          expectClose(point.value, hand(inScope, { from: point.label, to: point.label }), `${key} ${point.label}`);
        }
        for (const row of detail.byChild) {
          const child = Object.values(world.orgs).find((candidate) => candidate.id === row.org.id)!;
          const theirs = records.filter((record) => within(record.orgPath, child));
          expectClose(row.value, hand(theirs, range), `${key} ${org.name} → ${row.org.name}`);
        }
      }
    }
    // By eye too: 西溪's ratings 5, 4, 3 and the wish's 4; first answers after 3, 100 and 17 hours,
    // and 96 to a rating given before the period.
    const xixi = await figuresOf(world.orgs.xixi, `from=${range.from}&to=${range.to}`);
    expect(xixi.get('stations.rating')!.value).toBe(4);
    expect(xixi.get('stations.replyHours')!.value).toBeCloseTo((3 + 100 + 17 + 96) / 4, 9);
  });
});
