/**
 * Editing an activity after members signed up, over HTTP: a change that would break what they
 * were promised is refused with 409, the reason in Chinese at its field, and nothing changes;
 * a new time or place is accepted and told to every live entrant, even when WeChat is down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInputDraft, ActivityQuestion } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { NotificationModel } from '../notifications/notification.model';
import { activityInput, inDays, memberSessions, organiser, publishedActivity, signUpAs } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-edit-rules');
}, 60_000);
afterAll(() => api.stop());

const staffDetail = async (id: string) =>
  (await api.request('GET', `/api/staff/activities/${id}`, { token: xihuStaff })).body;
const edit = (id: string, input: ActivityInputDraft) =>
  api.request('PUT', `/api/staff/activities/${id}`, { token: xihuStaff, body: input });

/** Publishes `input`, signs one member up, and resolves the activity id and that member. */
async function withEntrant(input: ActivityInputDraft, answers?: Record<string, string>) {
  const id = await publishedActivity(api, xihuStaff, input);
  const [member] = await memberSessions(api, orgs.xihuTech, 1);
  const entry = await signUpAs(api, member!, id, answers ? { answers } : {});
  expect(entry.status).toBe(200);
  return { id, member: member!, entryId: entry.body.id as string };
}

/** The edit is refused with 409, the reasons at their fields, and the activity is as it was. */
async function expectRefused(id: string, input: ActivityInputDraft, details: { path: string; message: string }[]) {
  const before = await staffDetail(id);
  const refused = await edit(id, input);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('activity_edit_refused');
  expect(refused.body.error.details).toEqual(details);
  expect(refused.body.error.message).toBe(details.map((detail) => detail.message).join('；'));
  expect(await staffDetail(id)).toEqual(before);
}

describe('edits that would break a promise', () => {
  it('keeps the fee and the subsidy once a member holds a place', async () => {
    const input = activityInput(orgs, { fee: { priceFen: 0, subsidyFen: 0 } });
    const untouched = await publishedActivity(api, xihuStaff, input);
    const paidLater = { ...input, fee: { priceFen: 3_000, subsidyFen: 1_000 } };
    // No one has signed up: the organiser may still set a fee.
    expect((await edit(untouched, paidLater)).status).toBe(200);

    const { id } = await withEntrant(input);
    await expectRefused(id, paidLater, [
      { path: 'fee.priceFen', message: '已有会员占用名额或已付费，不能修改报名费' },
      { path: 'fee.subsidyFen', message: '已有会员占用名额或已付费，不能修改工会补贴' },
    ]);
  });

  it('keeps a question once a member answered it, but lets an unanswered one go', async () => {
    const size: ActivityQuestion = {
      id: 'size',
      title: '尺码',
      type: 'single_choice',
      required: true,
      options: ['M', 'L'],
    };
    const note: ActivityQuestion = { id: 'note', title: '备注', type: 'short_text', required: false, maxLength: 50 };
    const input = activityInput(orgs, { questions: [size, note] });
    const { id } = await withEntrant(input, { size: 'L' });

    await expectRefused(id, { ...input, questions: [note] }, [
      { path: 'questions', message: '问题“尺码”已有人作答，不能删除' },
    ]);
    await expectRefused(
      id,
      { ...input, questions: [{ id: 'size', title: '尺码', type: 'short_text', required: true, maxLength: 10 }, note] },
      [{ path: 'questions.0.type', message: '问题“尺码”已有人作答，不能更改题型' }],
    );
    const dropped = await edit(id, { ...input, questions: [size] });
    expect(dropped.status).toBe(200);
    expect(dropped.body.questions.map((question: { id: string }) => question.id)).toEqual(['size']);
  });

  it('keeps a group’s allocation mode once sign-up has opened, even before anyone signed up', async () => {
    const lottery = [{ id: 'open', name: '公开组', capacity: 10, allocation: 'lottery' }] as const;
    const opened = await publishedActivity(api, xihuStaff, activityInput(orgs));
    await expectRefused(opened, activityInput(orgs, { groups: [...lottery] }), [
      { path: 'groups.0.allocation', message: '组别“公开组”已开始报名，不能更改分配方式' },
    ]);

    const notYet = activityInput(orgs, {
      signUpOpensAt: inDays(1).toISOString(),
      signUpClosesAt: inDays(3).toISOString(),
    });
    const later = await publishedActivity(api, xihuStaff, notYet);
    const switched = await edit(later, { ...notYet, groups: [...lottery] });
    expect(switched.status).toBe(200);
    expect(switched.body.groups[0].allocation).toBe('lottery');
  });

  it('does not move the sign-up close to before now', async () => {
    const input = activityInput(orgs, { signUpOpensAt: inDays(-2).toISOString() });
    const { id } = await withEntrant(input);
    await expectRefused(id, { ...input, signUpClosesAt: inDays(-1).toISOString() }, [
      { path: 'signUpClosesAt', message: '报名截止时间不能提前到当前时间之前' },
    ]);
    // Earlier, but still ahead of now: allowed.
    const earlier = await edit(id, { ...input, signUpClosesAt: inDays(1).toISOString() });
    expect(earlier.status).toBe(200);
  });

  it('keeps a group that has entries, and lets an empty one go', async () => {
    const open = { id: 'open', name: '公开组', capacity: 10, allocation: 'first_come' } as const;
    const women = { id: 'women', name: '女子组', capacity: 5, allocation: 'first_come' } as const;
    const input = activityInput(orgs, { groups: [open, women] });
    const { id } = await withEntrant(input);
    await expectRefused(id, { ...input, groups: [women] }, [
      { path: 'groups', message: '组别“公开组”已有报名，不能删除' },
    ]);
    const removed = await edit(id, { ...input, groups: [open] });
    expect(removed.status).toBe(200);
    expect(removed.body.groups.map((group: { id: string }) => group.id)).toEqual(['open']);
  });
});

describe('telling entrants of a new time or place', () => {
  const changedNotices = (accountId: string) =>
    NotificationModel.find({ accountId, kind: 'activity_changed' }).sort({ _id: 1 }).lean();

  it('tells every live entrant of the new time and venue, and no one who cancelled', async () => {
    const input = activityInput(orgs, { title: '职工篮球赛' });
    const id = await publishedActivity(api, xihuStaff, input);
    const [staying, alsoStaying, leaving] = await memberSessions(api, orgs.xihuTech, 3);
    for (const member of [staying!, alsoStaying!]) expect((await signUpAs(api, member, id)).status).toBe(200);
    const left = await signUpAs(api, leaving!, id);
    await api.request('POST', `/api/activities/entries/${left.body.id}/cancel`, { token: leaving!.token });

    // A new description alone is no news to entrants.
    expect((await edit(id, { ...input, description: '新增啦啦队环节。' })).status).toBe(200);
    expect(await changedNotices(staying!.accountId)).toHaveLength(0);

    const moved = {
      ...input,
      sessions: [{ date: input.sessions[0]!.date, start: '14:00', end: '16:00' }],
      venue: {
        kind: 'place' as const,
        name: '西湖区体育馆',
        address: '杭州市西湖区曙光路 1 号',
        location: { lat: 30.27, lng: 120.15 },
      },
    };
    expect((await edit(id, moved)).status).toBe(200);
    for (const member of [staying!, alsoStaying!]) {
      const notices = await changedNotices(member.accountId);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        title: '职工篮球赛',
        link: `/pages-activities/detail/index?id=${id}`,
      });
      expect(notices[0]!.body).toMatch(
        /^活动安排有变：时间改为 \d+月\d+日 14:00–16:00；地点改为西湖区体育馆（杭州市西湖区曙光路 1 号）$/,
      );
    }
    expect(await changedNotices(leaving!.accountId)).toHaveLength(0);
  });

  it('still saves the edit when the WeChat push throws', async () => {
    const wechat = api.running.runtime.wechat;
    const original = wechat.sendSubscribeMessage;
    wechat.sendSubscribeMessage = () => Promise.reject(new Error('wechat down'));
    try {
      const input = activityInput(orgs);
      const { id, member } = await withEntrant(input);
      const moved = { ...input, venue: { kind: 'online' as const, name: '腾讯会议 123-456-789' } };
      const saved = await edit(id, moved);
      expect(saved.status).toBe(200);
      expect(saved.body.venue).toEqual({ kind: 'online', name: '腾讯会议 123-456-789' });
      const notices = await changedNotices(member.accountId);
      expect(notices.map((notice) => notice.body)).toEqual(['活动安排有变：改为线上：腾讯会议 123-456-789']);
      expect(notices[0]!.pushed).toBeFalsy();
    } finally {
      wechat.sendSubscribeMessage = original;
    }
  });
});
