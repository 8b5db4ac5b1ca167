/**
 * The day-before reminder: every entrant taking part hears once, in Chinese, when and where
 * the session is, however often the job runs and even when two instances run it at once; a
 * cancelled entry hears nothing, and a WeChat push that fails stops neither the job nor the
 * other entrants' reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf, chinaInstant, type ActivityInputDraft } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import type { SubscribeMessage } from '../../integrations/wechat/client';
import { AccountModel } from '../auth/account.model';
import { NotificationModel } from '../notifications/notification.model';
import { EntryModel } from './entry.model';
import { sendSessionReminders } from './reminders';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let pushes: SubscribeMessage[];
let failFor: Set<string>;

const HOUR_MS = 3_600_000;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-reminders');
  // Every subscribe message the BFF sends is seen here; a listed openid's push fails.
  const wechat = api.running.runtime.wechat;
  const send = wechat.sendSubscribeMessage.bind(wechat);
  pushes = [];
  failFor = new Set();
  wechat.sendSubscribeMessage = (message) => {
    if (failFor.has(message.openid)) return Promise.reject(new Error('wechat down'));
    pushes.push(message);
    return send(message);
  };
}, 60_000);
afterAll(() => api.stop());

const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const runJob = (now: Date) => sendSessionReminders(api.running.runtime, now);
const reminders = async (member: MemberSession) =>
  NotificationModel.find({ accountId: member.accountId, kind: 'activity_reminder' }).lean();
const openidOf = async (member: MemberSession) => (await AccountModel.findById(member.accountId).lean())!.openid!;
const reminderPushesTo = async (member: MemberSession) => {
  const openid = await openidOf(member);
  return pushes.filter((push) => push.openid === openid && push.templateId === 'dev-activity-reminder-template');
};

/** An activity with one session at 09:00–11:30 China time, `days` from now, and the members signed up. */
async function activityWith(days: number, members: MemberSession[], overrides: Partial<ActivityInputDraft> = {}) {
  const date = chinaDateOf(inDays(days));
  const id = await publishedActivity(
    api,
    staff,
    activityInput(orgs, { sessions: [{ date, start: '09:00', end: '11:30' }], ...overrides }),
  );
  const entries: string[] = [];
  for (const member of members) {
    const entry = await signUpAs(api, member, id);
    expect(entry.status).toBe(200);
    entries.push(entry.body.id as string);
  }
  return { id, entries, date, startsAt: chinaInstant(date, '09:00') };
}

describe('the reminder the day before a session', () => {
  it('reminds each member once, the day before, with the title, the China time and the venue', async () => {
    const members = await memberSessions(api, orgs.xihuTech, 2);
    const { startsAt, date } = await activityWith(8, members);

    // Two days ahead: too early.
    await runJob(new Date(startsAt.getTime() - 25 * HOUR_MS));
    for (const member of members) expect(await reminders(member)).toHaveLength(0);

    const dayBefore = new Date(startsAt.getTime() - 23 * HOUR_MS);
    await runJob(dayBefore);
    await runJob(new Date(dayBefore.getTime() + 60_000));
    const [month, day] = date.split('-').slice(1).map(Number);
    for (const member of members) {
      const sent = await reminders(member);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.title).toBe('职工拔河比赛');
      expect(sent[0]!.body).toContain(`明天 ${month}月${day}日 09:00–11:30`);
      expect(sent[0]!.body).toContain('西湖区文体中心');
      const pushed = await reminderPushesTo(member);
      expect(pushed).toHaveLength(1);
      // The template's time field shows when the session starts, in China time.
      expect(pushed[0]!.data.time3!.value).toBe(`${date} 09:00`);
    }
  });

  it('sends one reminder when two instances run the job at the same moment', async () => {
    const members = await memberSessions(api, orgs.xihuTech, 3);
    const { startsAt } = await activityWith(9, members);
    const now = new Date(startsAt.getTime() - 20 * HOUR_MS);
    await Promise.all([runJob(now), runJob(now), runJob(now)]);
    for (const member of members) {
      expect(await reminders(member)).toHaveLength(1);
      expect(await reminderPushesTo(member)).toHaveLength(1);
    }
  });

  it('reminds nobody whose entry was cancelled, nor those still waiting for a place', async () => {
    const [kept, leaving, waiting] = await memberSessions(api, orgs.xihuTech, 3);
    const { startsAt, entries } = await activityWith(10, [kept!, leaving!, waiting!], {
      groups: [{ id: 'open', name: '公开组', capacity: 2, allocation: 'first_come' }],
    });
    const cancelled = await post(`/api/activities/entries/${entries[1]}/cancel`, leaving!.token);
    expect(cancelled.status).toBe(200);
    // The freed place went to the waiting member as an offer, not yet confirmed.
    expect((await EntryModel.findById(entries[2]).lean())!.status).toBe('offered');
    await runJob(new Date(startsAt.getTime() - 12 * HOUR_MS));
    expect(await reminders(kept!)).toHaveLength(1);
    expect(await reminders(leaving!)).toHaveLength(0);
    expect(await reminders(waiting!)).toHaveLength(0);
  });

  it('reminds the members of a team, not only its captain', async () => {
    const [captain, teammate] = await memberSessions(api, orgs.xihuTech, 2);
    const date = chinaDateOf(inDays(11));
    const id = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        sessions: [{ date, start: '14:00', end: '16:00' }],
        groups: [{ id: 'teams', name: '团体组', capacity: 4, allocation: 'first_come', team: { min: 2, max: 5 } }],
      }),
    );
    const team = await post(`/api/activities/${id}/teams`, captain!.token, {
      groupId: 'teams',
      name: '拔河一队',
      requestId: requestId(),
    });
    expect(team.status).toBe(200);
    const joined = await post('/api/activities/teams/join', teammate!.token, {
      code: team.body.code,
      requestId: requestId(),
    });
    expect(joined.status).toBe(200);
    await runJob(new Date(chinaInstant(date, '14:00').getTime() - 6 * HOUR_MS));
    for (const member of [captain!, teammate!]) {
      const sent = await reminders(member);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toContain('14:00–16:00');
    }
  });

  it('keeps going when a push fails: the others get theirs and the failed one is not retried', async () => {
    const members = await memberSessions(api, orgs.xihuTech, 3);
    const { startsAt } = await activityWith(12, members);
    failFor.add(await openidOf(members[0]!));
    try {
      const now = new Date(startsAt.getTime() - 2 * HOUR_MS);
      await expect(runJob(now)).resolves.toBe(3);
      expect(await reminderPushesTo(members[0]!)).toHaveLength(0);
      for (const member of members.slice(1)) expect(await reminderPushesTo(member)).toHaveLength(1);
      expect((await reminders(members[1]!))[0]!.body).toMatch(/^今天 /);
      // The message still waits in 消息, and the next run does not send it again.
      expect(await reminders(members[0]!)).toHaveLength(1);
      await runJob(new Date(now.getTime() + 60_000));
      expect(await reminders(members[0]!)).toHaveLength(1);
    } finally {
      failFor.clear();
    }
  });
});
