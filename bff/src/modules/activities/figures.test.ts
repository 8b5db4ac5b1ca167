/**
 * The activity metrics in the cadres' figures: activities built over HTTP on a server clock
 * moved through four days (sign-ups with replayed and parallel requests, a cancellation and the
 * waitlist's promotion, reviews, a draw, a cancelled activity, a moved session, individual and
 * team check-ins in parallel), settled, equal the organisation statistics (orgActivityStats) in
 * total, by kind, by day and by child org, equal the per-activity statistics, and equal a rebuild.
 */
import { chinaDateOf, chinaDayRange, chinaInstant, DAY_MS, type ActivityInputDraft } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrgTree, loginStaff, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureByChild, figureSeries, figureByKey, figureTotal } from '../figures/read';
import { EntryModel } from './entry.model';
import { markEndedSessions } from './figure-marks';
import { activityInput, memberSessions, organiser, publishedActivity, requestId, signUpAs } from './test-support';
import type { MemberSession } from './test-support';

const NOON = chinaInstant(chinaDateOf(Date.now() + 3 * DAY_MS), '12:00').getTime();
/** The China date `k` days after day 0 (three days from now). */
const day = (k: number) => chinaDateOf(NOON + k * DAY_MS);
const at = (k: number, time: string) => chinaInstant(day(k), time);
/** Moves the server's clock (the API runs in this process), signing everyone in again for the new time. */
async function clock(k: number, time: string) {
  vi.setSystemTime(at(k, time));
  for (const member of m) member.token = (await api.running.runtime.tokens.issue(member.accountId)).accessToken;
  staff = await loginStaff(api, STAFF);
}
const STAFF = 'xihu-activity-figures';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let m: MemberSession[];
const ids: Record<string, string> = {};

const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const get = (path: string, token: string) => api.request('GET', path, { token });
const ok = async (answer: Promise<{ status: number; body: any }>) => {
  const settled = await answer;
  expect(settled.status, JSON.stringify(settled.body)).toBe(200);
  return settled.body;
};

/** An activity of the test's days: sign-up opened on day −2 at 08:00, closing before its first session. */
function input(overrides: Partial<ActivityInputDraft>, closesAt = at(0, '09:00')): ActivityInputDraft {
  return activityInput(orgs, {
    signUpOpensAt: at(-2, '08:00').toISOString(),
    signUpClosesAt: closesAt.toISOString(),
    cancelDeadline: at(-1, '20:00').toISOString(),
    ...overrides,
  });
}

beforeAll(async () => {
  vi.useFakeTimers({ now: at(-2, '09:00'), toFake: ['Date'] });
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, STAFF);
  m = await memberSessions(api, orgs.xihuTech, 6);
  const session = (k: number, start: string, end: string) => ({ date: day(k), start, end });

  // ---- day −2: published, signed up --------------------------------------------------
  ids.a = await publishedActivity(
    api,
    staff,
    input({
      sessions: [session(0, '10:00', '11:00')],
      groups: [{ id: 'open', name: '公开组', capacity: 2, allocation: 'first_come' }],
    }),
  );
  ids.b = await publishedActivity(
    api,
    staff,
    input({
      title: '职工摄影培训班',
      kind: 'training',
      orgId: orgs.xixi.id, // a street's course: the district's child in figureByChild
      sessions: [session(0, '14:00', '15:00'), session(1, '09:00', '10:00')],
      groups: [{ id: 'rev', name: '学员', capacity: 5, allocation: 'review' }],
    }),
  );
  ids.t = await publishedActivity(
    api,
    staff,
    input({
      title: '拔河比赛',
      sessions: [session(0, '10:00', '11:00')],
      groups: [{ id: 'teams', name: '团体组', capacity: 2, allocation: 'first_come', team: { min: 2, max: 3 } }],
    }),
  );
  ids.r = await publishedActivity(
    api,
    staff,
    input(
      {
        title: '职工疗休养',
        kind: 'recuperation',
        sessions: [session(0, '16:00', '17:00')],
        groups: [{ id: 'lot', name: '疗休养', capacity: 1, allocation: 'lottery' }],
      },
      at(-1, '12:00'),
    ),
  );
  ids.e = await publishedActivity(api, staff, input({ title: '取消的活动', sessions: [session(1, '10:00', '11:00')] }));
  ids.moved = await publishedActivity(
    api,
    staff,
    input({ title: '改期的活动', sessions: [session(1, '15:00', '16:00')] }),
  );

  // One sign-up replayed five times in parallel, and a member's three parallel sign-ups: two entries.
  const replayed = requestId();
  await Promise.all(Array.from({ length: 5 }, () => signUpAs(api, m[0]!, ids.a!, { requestId: replayed })));
  await Promise.all(Array.from({ length: 3 }, () => signUpAs(api, m[1]!, ids.a!)));
  await ok(signUpAs(api, m[2]!, ids.a!)); // waitlisted
  await ok(signUpAs(api, m[3]!, ids.a!)); // waitlisted, and stays so
  for (const member of [m[0]!, m[1]!, m[2]!]) await ok(signUpAs(api, member, ids.b!, { groupId: 'rev' }));
  for (const member of [m[0]!, m[1]!]) await ok(signUpAs(api, member, ids.r!, { groupId: 'lot' }));
  await ok(signUpAs(api, m[3]!, ids.e!));
  const team = await ok(
    post(`/api/activities/${ids.t}/teams`, m[4]!.token, { groupId: 'teams', name: '一队', requestId: requestId() }),
  );
  await ok(post('/api/activities/teams/join', m[5]!.token, { code: team.code, requestId: requestId() }));

  // ---- day −1: a cancellation and its promotion, reviews, the draw, a cancelled and a moved activity --
  await clock(-1, '10:00');
  // Read from the store (the staff list masks who is who); every write goes through the API.
  const entryOf = async (id: string, member: MemberSession) =>
    String(
      (await EntryModel.findOne({ activityId: id, memberId: member.memberId, status: { $ne: 'cancelled' } }).lean())!
        ._id,
    );
  await ok(post(`/api/activities/entries/${await entryOf(ids.a, m[1]!)}/cancel`, m[1]!.token));
  await ok(post(`/api/activities/entries/${await entryOf(ids.a, m[2]!)}/confirm`, m[2]!.token));
  const review = async (member: MemberSession, decision: string) =>
    ok(
      post(`/api/staff/activities/${ids.b}/entries/${await entryOf(ids.b!, member)}/review`, staff, {
        decision,
        reason: decision === 'reject' ? '名额有限' : '',
      }),
    );
  await review(m[0]!, 'approve');
  await review(m[1]!, 'approve');
  await review(m[2]!, 'reject');
  await clock(-1, '13:00');
  await ok(post(`/api/staff/activities/${ids.r}/lottery/draw`, staff));
  await ok(post(`/api/staff/activities/${ids.e}/cancel`, staff, { reason: '场地检修' }));
  const moved = input({ title: '改期的活动', sessions: [session(0, '18:00', '19:00')] });
  await ok(api.request('PUT', `/api/staff/activities/${ids.moved}`, { token: staff, body: moved }));

  // ---- day 0: check-ins, parallel and repeated; sessions end ------------------------------
  await clock(0, '09:45');
  const aEntry = await entryOf(ids.a, m[0]!);
  await Promise.all(
    Array.from({ length: 5 }, () =>
      post(`/api/staff/activities/${ids.a}/check-ins`, staff, { entryId: aEntry, sessionIndex: 0 }),
    ),
  );
  const { code } = await ok(get(`/api/staff/activities/${ids.t}/session-code`, staff));
  await Promise.all(
    [m[4]!, m[5]!, m[4]!, m[5]!, m[5]!].map((member) =>
      post(`/api/activities/${ids.t}/check-in`, member.token, { code }),
    ),
  );
  await clock(0, '13:50');
  await ok(
    post(`/api/staff/activities/${ids.b}/check-ins`, staff, { entryId: await entryOf(ids.b, m[0]!), sessionIndex: 0 }),
  );
  await clock(1, '09:05');
  await ok(
    post(`/api/staff/activities/${ids.b}/check-ins`, staff, { entryId: await entryOf(ids.b, m[1]!), sessionIndex: 1 }),
  );
  await clock(1, '11:00');
  // What the activities job does each minute: the sessions that ended since (here, since day 0) start to count.
  await markEndedSessions(at(0, '00:00'), new Date());
  await settleAllFigures();
}, 120_000);
afterAll(async () => {
  vi.useRealTimers();
  await api.stop();
});

const METRICS = ['sessions', 'signUps', 'participants', 'expected', 'checkedIn'].map((name) => `activities.${name}`);
const range = { from: day(-2), to: day(1) };

async function orgStats(orgId: string, from = range.from, to = range.to) {
  return ok(get(`/api/staff/activity-stats?orgId=${orgId}&from=${from}&to=${to}`, staff));
}

/** Σ expected and Σ checked-in of the ended sessions in the range, from each activity's own statistics. */
async function sessionSums(activityIds: string[], from = range.from, to = range.to) {
  let expected = 0;
  let checkedIn = 0;
  for (const id of activityIds) {
    for (const session of (await ok(get(`/api/staff/activities/${id}/stats`, staff))).sessions) {
      if (session.date < from || session.date > to || session.checkInRate === null) continue;
      expected += session.expected;
      checkedIn += session.checkedIn;
    }
  }
  return { expected, checkedIn };
}

async function figuresOf(orgId = orgs.xihu._id, days = range) {
  const totals: Record<string, number> = {};
  for (const metric of METRICS) totals[metric] = await figureTotal(metric, orgId, days);
  return totals;
}

describe('activities in the figures', () => {
  it('equal the organisation statistics in total, by kind and by day, and count each write once', async () => {
    const stats = await orgStats(orgs.xihu.id);
    const figures = await figuresOf();
    expect(figures).toEqual({
      'activities.sessions': stats.totals.sessions,
      'activities.signUps': stats.totals.signUps,
      'activities.participants': stats.totals.participants,
      'activities.expected': 8,
      'activities.checkedIn': 4,
    });
    // What the cadre reads: 6 sessions (the cancelled one gone, the moved one on its new day),
    // 8 sign-ups (the replays once, the cancelled-before and the rejected not), 5 check-ins.
    expect(stats.totals).toMatchObject({ sessions: 6, signUps: 8, participants: 5, checkInRate: 0.5 });
    expect(figures['activities.checkedIn']! / figures['activities.expected']!).toBe(stats.totals.checkInRate);
    expect(await sessionSums(Object.values(ids))).toEqual({ expected: 8, checkedIn: 4 });

    for (const [metric, column] of [
      ['activities.sessions', 'sessions'],
      ['activities.signUps', 'signUps'],
      ['activities.participants', 'participants'],
    ] as const) {
      const byKind = await figureByKey(metric, orgs.xihu._id, range);
      for (const row of stats.byKind) expect(byKind.get(row.kind) ?? 0, `${metric} ${row.kind}`).toBe(row[column]);
    }
    const byDay = {
      sessions: await figureSeries('activities.sessions', orgs.xihu._id, range, 'day'),
      signUps: await figureSeries('activities.signUps', orgs.xihu._id, range, 'day'),
      checkIns: await figureSeries('activities.participants', orgs.xihu._id, range, 'day'),
    };
    for (const row of stats.byDay) {
      expect(
        {
          sessions: byDay.sessions.get(row.date) ?? 0,
          signUps: byDay.signUps.get(row.date) ?? 0,
          checkIns: byDay.checkIns.get(row.date) ?? 0,
        },
        row.date,
      ).toEqual({ sessions: row.sessions, signUps: row.signUps, checkIns: row.checkIns });
    }
    // 签到率 of one day, as the statistics give it for that day.
    for (const k of [0, 1]) {
      const oneDay = { from: day(k), to: day(k) };
      const dayStats = await orgStats(orgs.xihu.id, day(k), day(k));
      const expected = await figureTotal('activities.expected', orgs.xihu._id, oneDay);
      const checkedIn = await figureTotal('activities.checkedIn', orgs.xihu._id, oneDay);
      expect(expected === 0 ? null : checkedIn / expected).toBe(dayStats.totals.checkInRate);
      expect({ expected, checkedIn }).toEqual(await sessionSums(Object.values(ids), day(k), day(k)));
    }
  });

  it('split by child org as each child’s statistics, and a sibling district sees none', async () => {
    const street = await orgStats(orgs.xixi.id);
    for (const metric of METRICS) {
      const byChild = await figureByChild(metric, orgs.xihu._id, range);
      const total = await figureTotal(metric, orgs.xihu._id, range);
      expect(
        [...byChild.values()].reduce((sum, value) => sum + value, 0),
        metric,
      ).toBe(total);
      expect(byChild.get(String(orgs.xixi._id)) ?? 0, metric).toBe(await figureTotal(metric, orgs.xixi._id, range));
    }
    expect(await figureTotal('activities.sessions', orgs.xixi._id, range)).toBe(street.totals.sessions);
    expect(await figureTotal('activities.signUps', orgs.xixi._id, range)).toBe(street.totals.signUps);
    expect(await figureTotal('activities.participants', orgs.xixi._id, range)).toBe(street.totals.participants);
    expect(Object.values(await figuresOf(orgs.binjiang._id))).toEqual([0, 0, 0, 0, 0]);
  });

  it('equal a rebuild from the records', async () => {
    const settled = await figuresOf();
    const byKind = await figureByKey('activities.signUps', orgs.xihu._id, range);
    await rebuildFigureCounters({ from: chinaDayRange(day(-5)).start, to: chinaDayRange(day(5)).end });
    expect(await figuresOf()).toEqual(settled);
    expect(await figureByKey('activities.signUps', orgs.xihu._id, range)).toEqual(byKind);
  });
});
