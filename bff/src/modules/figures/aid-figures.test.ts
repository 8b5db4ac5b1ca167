/**
 * 审核环节平均用时 as a cadre reads it, against tuition-aid applications reviewed through the API at
 * known moments: each stay at a step (entered by submission, resubmission or the previous step's
 * approval; left by approval, return, rejection or withdrawal) on the day it was left, averaged
 * in days — in total, by step and by child org — equal to the stays written out by hand and to the
 * programme statistics; a stay left before the period and a step still open are not counted.
 */
import { chinaDateOf, DAY_MS, type FigureDetail, type FiguresReport } from '@union/shared';
import type { Types } from 'mongoose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createAidWorld, reviewApi, type AidWorld, type Applicant } from '../aid-review/test-support';
import { settleAllFigures } from './counters';

let api: TestApi;
let world: AidWorld;
let programme: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  programme = await world.createProgramme();
  await buildReviews();
  await settleAllFigures();
});
afterAll(() => api.stop());
afterEach(() => vi.useRealTimers());

const MINUTE_MS = 60_000;
/** Twenty days before the test: the reviews below are dated from here, so their stays are exact. */
const start = Date.now() - 20 * DAY_MS;
const at = (minutes: number) => {
  vi.useRealTimers();
  vi.useFakeTimers({ now: start + minutes * MINUTE_MS, toFake: ['Date'] });
};

/** One stay at a step, as the reviews below make it: whose, which level, how long, left when. */
interface Stay {
  org: { path: Types.ObjectId[] };
  level: 'grassroots' | 'district';
  minutes: number;
  leftAt: number;
}
const stays: Stay[] = [];

async function decide(token: string, id: string, action: 'approve' | 'return' | 'reject') {
  const version = (await reviewApi(api).detail(world.staff.city, id)).body.version as number;
  const decided = await reviewApi(api).decide(token, id, { action, version, note: '材料不全' });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
}

async function submit(applicant: Applicant) {
  return world.apply(applicant, programme, { educationLevel: 'undergraduate' });
}

/**
 * a1 (科技): 90 minutes at the first step, two days at the district. a2 (社区): returned after 30
 * minutes, a day with the applicant (not counted), 4 hours at the first step again, rejected
 * after 5 hours at the district. a3 (科技): 10 minutes, then withdrawn after a day at the
 * district. a4 (社区): a day at the first step, left 40 days before the test; still at the district.
 */
async function buildReviews() {
  const { orgs, staff } = world;
  const tech = await world.createApplicant(orgs.xihuTech, '张伟');
  const community = await world.createApplicant(orgs.xihuCommunity, '李娜');
  const stay = (org: Stay['org'], level: Stay['level'], minutes: number, leftAt: number) =>
    stays.push({ org, level, minutes, leftAt });

  at(-21 * 24 * 60);
  const a4 = await submit(community);
  at(-20 * 24 * 60);
  await decide(staff.community, a4, 'approve');
  stay(orgs.xihuCommunity, 'grassroots', 24 * 60, -20 * 24 * 60);

  at(0);
  const a1 = await submit(tech);
  at(90);
  await decide(staff.tech, a1, 'approve');
  at(90 + 2 * 24 * 60);
  await decide(staff.xihu, a1, 'approve');
  stay(orgs.xihuTech, 'grassroots', 90, 90);
  stay(orgs.xihuTech, 'district', 2 * 24 * 60, 90 + 2 * 24 * 60);

  const day = 24 * 60;
  at(day);
  const a2 = await submit(community);
  at(day + 30);
  await decide(staff.community, a2, 'return');
  at(2 * day + 30);
  await world.resubmit(community, a2);
  at(2 * day + 30 + 240);
  await decide(staff.community, a2, 'approve');
  at(2 * day + 30 + 240 + 300);
  await decide(staff.xihu, a2, 'reject');
  stay(orgs.xihuCommunity, 'grassroots', 30, day + 30);
  stay(orgs.xihuCommunity, 'grassroots', 240, 2 * day + 270);
  stay(orgs.xihuCommunity, 'district', 300, 2 * day + 570);

  at(5 * day);
  const a3 = await submit(tech);
  at(5 * day + 10);
  await decide(staff.tech, a3, 'approve');
  at(6 * day + 10);
  const withdrawn = await api.request('POST', `/api/aid/applications/${a3}/withdraw`, { token: tech.token });
  expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
  stay(orgs.xihuTech, 'grassroots', 10, 5 * day + 10);
  stay(orgs.xihuTech, 'district', day, 6 * day + 10);
  vi.useRealTimers();
}

/** Mean days of the stays of the scope left within the days given, by hand. */
function meanDays(scope: { _id: Types.ObjectId }, range: { from: string; to: string }, level?: Stay['level']) {
  const counted = stays.filter(
    (stay) =>
      stay.org.path.some((id) => id.equals(scope._id)) &&
      (level === undefined || stay.level === level) &&
      chinaDateOf(start + stay.leftAt * MINUTE_MS) >= range.from &&
      chinaDateOf(start + stay.leftAt * MINUTE_MS) <= range.to,
  );
  if (counted.length === 0) return null;
  return counted.reduce((sum, stay) => sum + stay.minutes, 0) / counted.length / (24 * 60);
}

const expectClose = (actual: number | null | undefined, expected: number | null, what: string) => {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 9);
};

describe('审核环节平均用时', () => {
  it('averages the stays at each step left in the period, in days, by step and by child org', async () => {
    const range = { from: chinaDateOf(Date.now() - 30 * DAY_MS), to: chinaDateOf(new Date()) };
    const everything = { from: chinaDateOf(Date.now() - 60 * DAY_MS), to: range.to };
    const { city, xihu, xixi, xihuTech, xihuCommunity, binjiang } = world.orgs;
    for (const org of [city, xihu, xixi, xihuTech, xihuCommunity, binjiang]) {
      for (const period of [range, everything]) {
        const response = await api.request(
          'GET',
          `/api/staff/figures?from=${period.from}&to=${period.to}&orgId=${org.id}`,
          { token: world.staff.city },
        );
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        const figure = (response.body as FiguresReport).sections
          .flatMap((section) => section.figures)
          .find((candidate) => candidate.key === 'aid.stepDays')!;
        expectClose(figure.value, meanDays(org, period), `${org.name} ${period.from}`);
        expect(figure.lastYear).toBeNull();
        // Rows keyed by the level that reviews the step.
        const byStep = new Map(figure.breakdown!.map((row) => [row.key, row.value]));
        for (const level of ['grassroots', 'district'] as const) {
          expectClose(byStep.get(level) ?? null, meanDays(org, period, level), `${org.name} ${level}`);
        }
      }
    }
    // By eye: a4's day at the first step was left before the period; the rest average
    // (90 + 2880 + 30 + 240 + 300 + 10 + 1440) / 7 minutes.
    expect(meanDays(city, range)).toBeCloseTo(4990 / 7 / 1440, 12);

    const detail = await api.request(
      'GET',
      `/api/staff/figure?figure=aid.stepDays&from=${range.from}&to=${range.to}&orgId=${xixi.id}`,
      { token: world.staff.city },
    );
    const byChild = new Map((detail.body as FigureDetail).byChild.map((row) => [row.org.name, row.value]));
    expectClose(byChild.get(xihuTech.name)!, meanDays(xihuTech, range), xihuTech.name);
    expectClose(byChild.get(xihuCommunity.name)!, meanDays(xihuCommunity, range), xihuCommunity.name);
    // Each day of the series: the stays left that day.
    for (const point of (detail.body as FigureDetail).series) {
      expectClose(point.value, meanDays(xixi, { from: point.label, to: point.label }), point.label);
    }

    // The programme statistics (all stays, whenever left) say the same per step.
    const stats = await api.request('GET', `/api/staff/aid/programmes/${programme}/stats`, { token: world.staff.city });
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    for (const { level, days } of stats.body.averageDaysPerStep as { level: Stay['level']; days: number }[]) {
      expect(days, level).toBeCloseTo(meanDays(city, everything, level)!, 2);
    }
  });
});
