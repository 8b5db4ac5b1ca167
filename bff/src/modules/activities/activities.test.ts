/**
 * Activities over HTTP: organisers run them within their subtree, members sign up within the
 * window and audience, replays give the same entry, and freed places go to the waitlist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { EntryModel } from './entry.model';
import { GroupPlacesModel } from './group-places.model';
import { sweepActivities } from './jobs';
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
let xihuStaff: string;
let binjiangStaff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-activities');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-activities');
  members = await memberSessions(api, orgs.xihuTech, 12);
}, 60_000);
afterAll(() => api.stop());

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });

describe('organising an activity', () => {
  it('lets an organiser create a draft, publish it and see it in their list', async () => {
    const created = await post('/api/staff/activities', xihuStaff, activityInput(orgs));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'draft', orgName: '西湖区总工会', placesLeft: 10 });
    expect(created.body.groups[0]).toMatchObject({ id: 'open', allocationLabel: '先到先得', waitlistLength: 0 });
    expect(created.body.sessions[0].startsAt).toMatch(/T01:00:00\.000Z$/); // 09:00 China time

    const published = await post(`/api/staff/activities/${created.body.id}/publish`, xihuStaff);
    expect(published.body.status).toBe('published');
    const list = await get('/api/staff/activities', xihuStaff);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
  });

  it('answers 404 to staff of another district, and refuses them a host outside their subtree', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    expect((await get(`/api/staff/activities/${id}`, binjiangStaff)).status).toBe(404);
    expect((await post(`/api/staff/activities/${id}/pause`, binjiangStaff)).status).toBe(404);
    expect((await get(`/api/staff/activities/${id}/entries`, binjiangStaff)).status).toBe(404);
    const put = await api.request('PUT', `/api/staff/activities/${id}`, {
      token: binjiangStaff,
      body: activityInput(orgs),
    });
    expect(put.status).toBe(404);
    const elsewhere = await post('/api/staff/activities', binjiangStaff, activityInput(orgs));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details).toEqual([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]);
    const list = await get('/api/staff/activities', binjiangStaff);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
  });

  it('refuses bad input with field details in Chinese', async () => {
    const input = activityInput(orgs, {
      groups: [{ name: '', capacity: 0, allocation: 'first_come' }],
      signUpClosesAt: inDays(-3).toISOString(),
    });
    const refused = await post('/api/staff/activities', xihuStaff, input);
    expect(refused.status).toBe(400);
    const paths = refused.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['groups.0.name', 'groups.0.capacity', 'signUpClosesAt']));
    expect(refused.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('never lets an edit drop a capacity below the places taken', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    for (const member of members.slice(0, 3)) expect((await signUpAs(api, member, id)).status).toBe(200);
    const shrink = (capacity: number) =>
      api.request('PUT', `/api/staff/activities/${id}`, {
        token: xihuStaff,
        body: activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity, allocation: 'first_come' }] }),
      });
    const refused = await shrink(2);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ path: 'groups.0.capacity', message: '名额不能少于已占用的3个' }]);
    const accepted = await shrink(3);
    expect(accepted.status).toBe(200);
    expect(accepted.body.groups[0]).toMatchObject({ capacity: 3, placesLeft: 0 });
  });

  it('cancels every entry when the activity is cancelled', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const entry = await signUpAs(api, members[0]!, id);
    const cancelled = await post(`/api/staff/activities/${id}/cancel`, xihuStaff, { reason: '天气原因取消' });
    expect(cancelled.body.status).toBe('cancelled');
    const mine = await get('/api/activities/entries/mine', members[0]!.token);
    const found = mine.body.items.find((item: { id: string }) => item.id === entry.body.id);
    expect(found).toMatchObject({ status: 'cancelled', statusText: '已取消' });
  });
});

describe('signing up', () => {
  it('lists the activity to a member, signs them up and shows it in 我的活动', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs, { title: '乒乓球友谊赛' }));
    const [member] = await memberSessions(api, orgs.xihuTech, 1);
    const open = await get('/api/activities?kind=sports_culture', member!.token);
    expect(open.body.items.map((item: { id: string }) => item.id)).toContain(id);

    const entry = await signUpAs(api, member!, id);
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({
      status: 'confirmed',
      statusText: '已报名',
      groupName: '公开组',
      canCancel: true,
    });
    const mine = await get('/api/activities/entries/mine', member!.token);
    expect(mine.body.items[0]).toMatchObject({ id: entry.body.id, activityTitle: '乒乓球友谊赛' });
    const detail = await get(`/api/activities/${id}`, member!.token);
    expect(detail.body).toMatchObject({ myEntry: { id: entry.body.id }, signUpProblem: '您已报名本活动' });
    expect(detail.body.groups[0].placesLeft).toBe(9);
  });

  it('hides drafts and other districts’ activities from members', async () => {
    const draft = await post('/api/staff/activities', xihuStaff, activityInput(orgs));
    expect((await get(`/api/activities/${draft.body.id}`, members[0]!.token)).status).toBe(404);
    const [outsider] = await memberSessions(api, orgs.binjiangTech, 1);
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const open = await get('/api/activities', outsider!.token);
    expect(open.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    const refused = await signUpAs(api, outsider!, id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('本活动仅限西湖区总工会所属会员报名');
  });

  it('opens sign-up at its opening time and closes it at its closing time', async () => {
    const notYet = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, { signUpOpensAt: inDays(1).toISOString(), signUpClosesAt: inDays(2).toISOString() }),
    );
    const early = await signUpAs(api, members[4]!, notYet);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/^未开始报名，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    const closed = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, { signUpOpensAt: inDays(-2).toISOString(), signUpClosesAt: new Date().toISOString() }),
    );
    const late = await signUpAs(api, members[4]!, closed);
    expect(late.body.error).toMatchObject({ code: 'sign_up_refused', message: '报名已截止' });
  });

  it('refuses members outside the audience with the reason in Chinese', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        kind: 'welfare',
        audience: { occupations: [], gender: 'female', minAge: 35, maxAge: 60 },
      }),
    );
    const [man] = await memberSessions(api, orgs.xihuTech, 1, { gender: 'male' });
    expect((await signUpAs(api, man!, id)).body.error.message).toBe('本活动仅限女性会员报名');
    const [young] = await memberSessions(api, orgs.xihuTech, 1, { gender: 'female', birth: '20000101' });
    expect((await signUpAs(api, young!, id)).body.error.message).toMatch(
      /^本活动面向35至60周岁的会员，您活动当天\d+周岁$/,
    );
    const [unbound] = await memberSessions(api, orgs.xihuTech, 1, { gender: 'female', bound: false });
    expect((await signUpAs(api, unbound!, id)).body.error.message).toBe('请先完成实名绑定后再报名');
    const [retired] = await memberSessions(api, orgs.xihuTech, 1, { gender: 'female', status: 'suspended' });
    expect((await signUpAs(api, retired!, id)).body.error.message).toBe('会籍状态正常的会员方可报名');
    const [woman] = await memberSessions(api, orgs.xihuTech, 1, { gender: 'female' });
    expect((await signUpAs(api, woman!, id)).status).toBe(200);
  });

  it('checks the answers against the questions', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        questions: [{ id: 'size', title: '尺码', type: 'single_choice', required: true, options: ['M', 'L', 'XL'] }],
      }),
    );
    const refused = await signUpAs(api, members[5]!, id, { answers: { size: 'XXXL' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'answers.size', message: '“尺码”的选项不在可选范围内' }]);
    const accepted = await signUpAs(api, members[5]!, id, { answers: { size: 'L' } });
    expect(accepted.body.answers).toEqual({ size: 'L' });
  });

  it('answers a replayed request with the same entry, and refuses a second entry', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const same = requestId();
    const first = await signUpAs(api, members[6]!, id, { requestId: same });
    const again = await signUpAs(api, members[6]!, id, { requestId: same });
    expect(again.body.id).toBe(first.body.id);
    const second = await signUpAs(api, members[6]!, id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('already_signed_up');
    expect(await EntryModel.countDocuments({ activityId: id })).toBe(1);
  });

  it('lets a member who cancelled sign up again', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const first = await signUpAs(api, members[7]!, id);
    expect((await post(`/api/activities/entries/${first.body.id}/cancel`, members[7]!.token)).body.status).toBe(
      'cancelled',
    );
    const again = await signUpAs(api, members[7]!, id);
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(first.body.id);
  });

  it('files 我的活动 by tab: 进行中 holds the live entry, 已结束 the cancelled one', async () => {
    const member = members[7]!;
    const tab = async (name: string) => {
      const page = await get(`/api/activities/entries/mine?tab=${name}`, member.token);
      expect(page.status).toBe(200);
      return (page.body.items as { status: string }[]).map((item) => item.status);
    };
    const active = await tab('active');
    const ended = await tab('ended');
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((status) => ['offered', 'pending_payment', 'confirmed', 'checked_in'].includes(status))).toBe(
      true,
    );
    expect(ended).toContain('cancelled');
    expect(ended).not.toContain('confirmed');
    expect((await tab('all')).length).toBe(active.length + ended.length + (await tab('waiting')).length);
    const bogus = await get('/api/activities/entries/mine?tab=everything', member.token);
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.details[0]).toMatchObject({ path: 'tab', message: '没有这个分类' });
  });

  it('queues review-mode entries for the organiser, who approves or rejects with a reason', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        kind: 'skill_contest',
        groups: [{ id: 'open', name: '电工组', capacity: 1, allocation: 'review' }],
      }),
    );
    const a = await signUpAs(api, members[8]!, id);
    const b = await signUpAs(api, members[9]!, id);
    expect(a.body).toMatchObject({ status: 'pending_review', statusText: '待审核' });
    const review = (entryId: string, body: unknown) =>
      post(`/api/staff/activities/${id}/entries/${entryId}/review`, xihuStaff, body);
    expect((await review(a.body.id, { decision: 'approve' })).body.status).toBe('confirmed');
    expect((await review(b.body.id, { decision: 'approve' })).body.error.code).toBe('group_full');
    expect((await review(b.body.id, { decision: 'reject' })).status).toBe(400);
    const rejected = await review(b.body.id, { decision: 'reject', reason: '未提供电工证' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '未提供电工证' });
    const list = await get(`/api/staff/activities/${id}/entries`, xihuStaff);
    expect(list.body.items.map((item: { status: string }) => item.status)).toEqual(['confirmed', 'rejected']);
    expect(list.body.items[0].memberName).toMatch(/\*/);
  });
});

describe('the waitlist', () => {
  it('offers a freed place to the first waiting entry, who confirms it in time', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] }),
    );
    const [holder, first, second] = await memberSessions(api, orgs.xihuTech, 3);
    const held = await signUpAs(api, holder!, id);
    const waiting1 = await signUpAs(api, first!, id);
    const waiting2 = await signUpAs(api, second!, id);
    expect(waiting1.body).toMatchObject({ status: 'waitlisted', statusText: '候补第1位', waitlistPosition: 1 });
    expect(waiting2.body.statusText).toBe('候补第2位');

    await post(`/api/activities/entries/${held.body.id}/cancel`, holder!.token);
    const mine = await get('/api/activities/entries/mine', first!.token);
    expect(mine.body.items[0]).toMatchObject({ status: 'offered' });
    expect(mine.body.items[0].statusText).toMatch(/^待确认（截止 \d+月\d+日 \d{2}:\d{2}）$/);
    expect((await get('/api/activities/entries/mine', second!.token)).body.items[0].statusText).toBe('候补第1位');

    const confirmed = await post(`/api/activities/entries/${waiting1.body.id}/confirm`, first!.token);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', offeredUntil: null });
    const places = await GroupPlacesModel.findOne({ activityId: id, groupId: 'open' }).lean();
    expect(places!.free).toBe(0);
  });

  it('passes a missed offer to the next waiting entry', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        offerHoldHours: 2,
        groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }],
      }),
    );
    const [holder, first, second] = await memberSessions(api, orgs.xihuTech, 3);
    const held = await signUpAs(api, holder!, id);
    const waiting1 = await signUpAs(api, first!, id);
    const waiting2 = await signUpAs(api, second!, id);
    await post(`/api/activities/entries/${held.body.id}/cancel`, holder!.token);

    const result = await sweepActivities(new Date(Date.now() + 3 * 3_600_000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const statuses = await EntryModel.find({ activityId: id }).sort({ _id: 1 }).lean();
    expect(statuses.map((entry) => entry.status)).toEqual(['cancelled', 'cancelled', 'offered']);
    const late = await post(`/api/activities/entries/${waiting1.body.id}/confirm`, first!.token);
    expect(late.body.error.code).toBe('no_offer');
    expect((await post(`/api/activities/entries/${waiting2.body.id}/confirm`, second!.token)).body.status).toBe(
      'confirmed',
    );
  });
});
