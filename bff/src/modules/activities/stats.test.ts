/**
 * Activity statistics and closing over HTTP: a two-session course and a one-session event with
 * sign-ups, a cancellation, a waitlist and check-ins; the closing job settles entries once
 * (however often it runs), and the figures follow the contract's definitions. Sign-ups are
 * back-dated and sessions moved into the past in the store after check-in, since the HTTP
 * layer's clock is the real one.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, chinaInstant } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { ActivityModel } from './activity.model';
import { NotificationModel } from '../notifications/notification.model';
import { closeEndedActivities } from './closing';
import { EntryModel } from './entry.model';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

const DAY_MS = 86_400_000;
const MIN = 60_000;
const T = Date.now();
/** The China date `k` days before the test began. */
const D = (k: number) => chinaDateOf(T - k * DAY_MS);
const session = (date: string, start: string, end: string) => ({
  date,
  start,
  end,
  startsAt: chinaInstant(date, start),
  endsAt: chinaInstant(date, end),
});

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;
let m: MemberSession[];
let course: string;
let event: string;
const entryOf: Record<string, string> = {};

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });

async function signUp(member: number, activity: string, key: string) {
  const answer = await signUpAs(api, m[member]!, activity);
  expect(answer.status).toBe(200);
  entryOf[key] = answer.body.id;
  return answer.body.status as string;
}

/** Opens every session for check-in now (the window opens 30 minutes before the start). */
async function openNow(id: string, count: number) {
  const sessions = Array.from({ length: count }, () => ({
    date: chinaDateOf(T),
    start: '',
    end: '',
    startsAt: new Date(Date.now() + 10 * MIN),
    endsAt: new Date(Date.now() + 70 * MIN),
  }));
  await ActivityModel.updateOne({ _id: id }, { $set: { sessions } });
}

async function checkIn(activity: string, key: string, sessionIndex: number) {
  const answer = await post(`/api/staff/activities/${activity}/check-ins`, xihuStaff, {
    entryId: entryOf[key],
    sessionIndex,
  });
  expect(answer.status).toBe(200);
}

/** Moves the sessions to their final dates and the sign-ups to theirs (native writes: no timestamps). */
async function settleInPast(id: string, sessions: ReturnType<typeof session>[], madeAt: Record<string, Date>) {
  await ActivityModel.updateOne({ _id: id }, { $set: { sessions, firstSessionStartsAt: sessions[0]!.startsAt } });
  for (const [key, at] of Object.entries(madeAt)) {
    await EntryModel.collection.updateOne(
      { _id: new Types.ObjectId(entryOf[key]) },
      {
        $set: { createdAt: at, updatedAt: at },
      },
    );
  }
}

const statusOf = async (key: string) => (await EntryModel.findById(entryOf[key]).lean())!.status;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-stats');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-stats');
  m = await memberSessions(api, orgs.xihuTech, 6);

  // A course of two sessions needing both, three places; and a one-session event.
  course = await publishedActivity(
    api,
    xihuStaff,
    activityInput(orgs, {
      title: '职工摄影培训班',
      kind: 'training',
      requiredSessions: 2,
      sessions: [
        { date: chinaDateOf(inDays(7)), start: '09:00', end: '11:00' },
        { date: chinaDateOf(inDays(8)), start: '09:00', end: '11:00' },
      ],
      groups: [{ id: 'open', name: '公开组', capacity: 3, allocation: 'first_come' }],
    }),
  );
  event = await publishedActivity(api, xihuStaff, activityInput(orgs, { title: '职工趣味运动会' }));

  for (const [index, key] of ['c0', 'c1', 'c2'].entries()) expect(await signUp(index, course, key)).toBe('confirmed');
  expect(await signUp(3, course, 'c3')).toBe('waitlisted');
  expect(await signUp(4, course, 'c4')).toBe('waitlisted');
  expect((await post(`/api/activities/entries/${entryOf.c4}/cancel`, m[4]!.token)).status).toBe(200);
  await signUp(0, event, 'e0');
  await signUp(5, event, 'e5');

  await openNow(course, 2);
  await openNow(event, 1);
  await checkIn(course, 'c0', 0);
  await checkIn(course, 'c1', 0);
  await checkIn(course, 'c0', 1);
  await checkIn(event, 'e0', 0);

  const madeOn = (k: number) => chinaInstant(D(k), '10:00');
  await settleInPast(course, [session(D(3), '09:00', '11:00'), session(D(1), '09:00', '11:00')], {
    c0: madeOn(5),
    c1: madeOn(5),
    c2: madeOn(4),
    c3: madeOn(4),
    c4: madeOn(4),
  });
  await settleInPast(event, [session(D(2), '14:00', '16:00')], { e0: madeOn(4), e5: madeOn(4) });
}, 60_000);
afterAll(() => api.stop());

describe('closing an ended activity', () => {
  it('waits for offline scans to sync, then settles each entry once however often it runs', async () => {
    const soon = await closeEndedActivities(chinaInstant(D(1), '12:00'));
    expect(soon).toEqual({ activitiesClosed: 0, completed: 0, noShows: 0 });
    expect(await statusOf('c2')).toBe('confirmed');

    const before = await get(`/api/staff/activities/${course}/stats`, xihuStaff);
    const later = new Date(T + 2 * DAY_MS);
    const [first, parallel] = await Promise.all([closeEndedActivities(later), closeEndedActivities(later)]);
    expect(first.completed + parallel.completed).toBe(2);
    expect(first.noShows + parallel.noShows).toBe(2);
    expect(first.activitiesClosed + parallel.activitiesClosed).toBe(2);

    expect(await statusOf('c0')).toBe('completed'); // both sessions attended
    expect(await statusOf('c1')).toBe('checked_in'); // one of two: neither completed nor absent
    expect(await statusOf('c2')).toBe('no_show');
    // Still waiting when the course ended: no place comes any more (closing.ts).
    expect(await statusOf('c3')).toBe('cancelled');
    expect(await statusOf('c4')).toBe('cancelled');
    expect(await statusOf('e0')).toBe('completed'); // one check-in completes an event
    expect(await statusOf('e5')).toBe('no_show');

    // Each member is told once, though two runs raced: the absence with the published rule.
    const told = async (index: number) =>
      (await NotificationModel.find({ accountId: m[index]!.accountId, kind: 'activity_status' }).lean()).map(
        (notification) => notification.body,
      );
    expect((await told(2)).filter((body) => body.includes('缺席'))).toEqual([
      '公开组：缺席（活动结束时未签到；累计多次缺席将降低今后抽签的权重）',
    ]);
    expect((await told(0)).filter((body) => body.includes('已完成'))).toHaveLength(2);
    expect((await told(1)).filter((body) => body.includes('已签到'))).toEqual(['公开组：已签到']);

    // What the lottery's repeated_no_show counts: no_show entries of the member within a year.
    const noShow = await EntryModel.findById(entryOf.c2).lean();
    expect(noShow!.updatedAt.getTime()).toBeGreaterThan(T - DAY_MS);

    const snapshot = await EntryModel.find({}, { status: 1, updatedAt: 1 }).sort({ _id: 1 }).lean();
    expect(await closeEndedActivities(new Date(T + 3 * DAY_MS))).toEqual({
      activitiesClosed: 0,
      completed: 0,
      noShows: 0,
    });
    expect(await EntryModel.find({}, { status: 1, updatedAt: 1 }).sort({ _id: 1 }).lean()).toEqual(snapshot);

    // The figures are the same whether or not the job has run, but for the waitlisted entry it ended.
    expect((await get(`/api/staff/activities/${course}/stats`, xihuStaff)).body).toEqual({
      ...before.body,
      waitlisted: before.body.waitlisted - 1,
      cancelled: before.body.cancelled + 1,
    });
  });
});

describe('one activity’s statistics', () => {
  it('counts sign-ups, attendance per session, no-shows and completion as the contract defines them', async () => {
    const answer = await get(`/api/staff/activities/${course}/stats`, xihuStaff);
    expect(answer.status).toBe(200);
    const stats = answer.body;
    expect(stats).toMatchObject({
      activityId: course,
      signUps: 4, // the waitlisted one counts, the one cancelled before the course does not
      confirmed: 3,
      waitlisted: 0, // the one still waiting was cancelled when the course closed
      cancelled: 2,
      participants: 3,
      distinctParticipants: 2,
      noShows: 1,
      completed: 1,
      checkInRate: 0.5,
    });
    expect(stats.sessions).toHaveLength(2);
    expect(stats.sessions[0]).toMatchObject({ sessionIndex: 0, date: D(3), expected: 3, checkedIn: 2 });
    expect(stats.sessions[0].checkInRate).toBeCloseTo(2 / 3);
    expect(stats.sessions[1]).toMatchObject({ sessionIndex: 1, date: D(1), expected: 3, checkedIn: 1 });
    expect(stats.sessions[1].checkInRate).toBeCloseTo(1 / 3);
    expect(stats.byDay).toEqual([
      { date: D(5), signUps: 2, checkIns: 0 },
      { date: D(4), signUps: 2, checkIns: 0 },
      { date: D(3), signUps: 0, checkIns: 2 },
      { date: D(1), signUps: 0, checkIns: 1 },
    ]);
  });

  it('is out of reach for another district’s staff', async () => {
    const answer = await get(`/api/staff/activities/${course}/stats`, binjiangStaff);
    expect(answer.status).toBe(404);
  });
});

describe('an organisation’s statistics over a period', () => {
  const orgStats = (token: string, query: string) => get(`/api/staff/activity-stats?${query}`, token);

  it('adds up sessions, sign-ups and check-ins of the subtree, by kind and by day', async () => {
    const answer = await orgStats(xihuStaff, `from=${D(5)}&to=${D(0)}`);
    expect(answer.status).toBe(200);
    const stats = answer.body;
    expect(stats.totals).toEqual({ activities: 2, sessions: 3, signUps: 6, participants: 4, checkInRate: 0.5 });
    const kind = (name: string) => stats.byKind.find((row: { kind: string }) => row.kind === name);
    expect(kind('training')).toEqual({
      kind: 'training',
      kindLabel: '培训班',
      activities: 1,
      sessions: 2,
      signUps: 4,
      participants: 3,
    });
    expect(kind('sports_culture')).toMatchObject({ activities: 1, sessions: 1, signUps: 2, participants: 1 });
    expect(kind('welfare')).toMatchObject({ activities: 0, sessions: 0, signUps: 0, participants: 0 });
    expect(stats.byDay).toEqual([
      { date: D(5), sessions: 0, signUps: 2, checkIns: 0 },
      { date: D(4), sessions: 0, signUps: 4, checkIns: 0 },
      { date: D(3), sessions: 1, signUps: 0, checkIns: 2 },
      { date: D(2), sessions: 1, signUps: 0, checkIns: 1 },
      { date: D(1), sessions: 1, signUps: 0, checkIns: 1 },
      { date: D(0), sessions: 0, signUps: 0, checkIns: 0 },
    ]);
  });

  it('counts only what falls in the period', async () => {
    const stats = (await orgStats(xihuStaff, `orgId=${orgs.xihu.id}&from=${D(1)}&to=${D(1)}`)).body;
    expect(stats.totals).toMatchObject({ activities: 1, sessions: 1, signUps: 0, participants: 1 });
    expect(stats.totals.checkInRate).toBeCloseTo(1 / 3);
  });

  it('answers another district with its own (empty) figures and 404 for the first district', async () => {
    const own = await orgStats(binjiangStaff, `from=${D(5)}&to=${D(0)}`);
    expect(own.status).toBe(200);
    expect(own.body.totals).toEqual({ activities: 0, sessions: 0, signUps: 0, participants: 0, checkInRate: null });
    expect((await orgStats(binjiangStaff, `orgId=${orgs.xihu.id}&from=${D(5)}&to=${D(0)}`)).status).toBe(404);
  });

  it('refuses a period that runs backwards, a malformed date or more than a year, in Chinese', async () => {
    const reversed = await orgStats(xihuStaff, `from=${D(0)}&to=${D(5)}`);
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('开始日期不能晚于结束日期');
    const malformed = await orgStats(xihuStaff, `from=2026-13-01&to=${D(0)}`);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('日期格式应为 YYYY-MM-DD');
    const tooLong = await orgStats(xihuStaff, `from=${D(400)}&to=${D(0)}`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('一次最多查询');
  });
});
