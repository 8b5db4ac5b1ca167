/**
 * Editing the sessions of an activity under way, over HTTP: attendance is kept by session index,
 * so a session that has started or has a check-in cannot be changed, removed or moved; later
 * sessions may still be added or changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, chinaInstant, type ActivityInputDraft } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { ActivityModel } from './activity.model';
import { activityInput, inDays, memberSessions, organiser, publishedActivity, signUpAs } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-session-edit');
}, 60_000);
afterAll(() => api.stop());

const MIN = 60_000;
const CHINA_OFFSET_MS = 8 * 60 * MIN;
type SessionInput = { date: string; start: string; end: string };
const edit = (id: string, input: ActivityInputDraft) =>
  api.request('PUT', `/api/staff/activities/${id}`, { token: staff, body: input });
const refusal = [{ path: 'sessions.0', message: '已开始或已有签到的场次不能修改' }];

/**
 * The session (in China wall-clock time) beginning at `instant`, lasting an hour or to 23:59.
 * A start in the day's last two minutes moves just past midnight, so the session never ends
 * before it begins whatever time the test runs.
 */
function sessionAt(at: number): SessionInput {
  const wall = (when: number) => new Date(when + CHINA_OFFSET_MS).toISOString().slice(11, 16);
  const instant = wall(at) >= '23:58' ? at + 3 * MIN : at;
  const end = wall(instant + 60 * MIN);
  return { date: chinaDateOf(instant), start: wall(instant), end: end > wall(instant) ? end : '23:59' };
}
const day = (days: number, start: string, end: string): SessionInput => ({
  date: chinaDateOf(inDays(days)),
  start,
  end,
});

/** Publishes an activity, signs a member up, then moves its sessions to `sessions` in the store. */
async function activityWith(sessions: SessionInput[]) {
  const input = activityInput(orgs, {
    sessions: [
      { date: chinaDateOf(inDays(7)), start: '09:00', end: '10:00' },
      { date: chinaDateOf(inDays(8)), start: '09:00', end: '10:00' },
    ],
  });
  const id = await publishedActivity(api, staff, input);
  const [member] = await memberSessions(api, orgs.xihuTech, 1);
  expect((await signUpAs(api, member!, id)).status).toBe(200);
  const stored = sessions.map((s) => ({
    ...s,
    startsAt: chinaInstant(s.date, s.start),
    endsAt: chinaInstant(s.date, s.end),
  }));
  await ActivityModel.updateOne({ _id: id }, { $set: { sessions: stored, firstSessionStartsAt: stored[0]!.startsAt } });
  return { id, member: member!, input: { ...input, sessions } };
}

describe('editing sessions of an activity under way', () => {
  it('keeps a session that has started, and lets later sessions be added or changed', async () => {
    const started = day(-1, '09:00', '10:00');
    const tomorrow = day(1, '09:00', '10:00');
    const { id, input } = await activityWith([started, tomorrow]);

    const moved = await edit(id, { ...input, sessions: [day(-1, '09:10', '10:00'), tomorrow] });
    expect(moved.status).toBe(409);
    expect(moved.body.error.details).toEqual(refusal);
    expect((await edit(id, { ...input, sessions: [tomorrow] })).body.error.details).toEqual(refusal);
    // An earlier session would sort before it and take its index.
    const earlier = await edit(id, { ...input, sessions: [started, tomorrow, day(-2, '09:00', '10:00')] });
    expect(earlier.status).toBe(409);

    const later = day(2, '09:00', '10:00');
    expect((await edit(id, { ...input, sessions: [started, day(1, '14:00', '15:00'), later] })).status).toBe(200);
    const detail = await api.request('GET', `/api/staff/activities/${id}`, { token: staff });
    expect(detail.body.sessions).toHaveLength(3);
  });

  it('keeps a session with a check-in before its start', async () => {
    const minute = Math.floor(Date.now() / MIN) * MIN;
    // Check-in opens 30 minutes before the start.
    const soon = sessionAt(minute + 20 * MIN);
    const { id, member, input } = await activityWith([soon]);
    const code = (await api.request('GET', `/api/staff/activities/${id}/session-code`, { token: staff })).body.code;
    const checkedIn = await api.request('POST', `/api/activities/${id}/check-in`, {
      token: member.token,
      body: { code },
    });
    expect(checkedIn.status).toBe(200);
    const moved = await edit(id, { ...input, sessions: [sessionAt(minute + 40 * MIN)] });
    expect(moved.status).toBe(409);
    expect(moved.body.error.details).toEqual(refusal);
  });
});
