/**
 * What closing and the lottery leave behind, over HTTP: entries still without a place end when
 * the activity closes (a lottery's waitlist as 未中签, the rest cancelled, members told); a
 * freed place is no longer offered once the first session has started; a short team is
 * cancelled at close however many teams of other activities are still open; a committed
 * lottery's weights and a drawn lottery's close stay as drawn. Times are moved in the
 * store, since the HTTP layer's clock is the real one.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { NotificationModel } from '../notifications/notification.model';
import { ActivityModel } from './activity.model';
import { LotteryModel } from './lottery.model';
import { resumeStalledDraws } from './lottery.service';
import { closeEndedActivities } from './closing';
import { sweepActivities } from './jobs';
import { TeamModel } from './team.model';
import { lockClosedTeams } from './team.service';
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

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-closing-rules');
  members = await memberSessions(api, orgs.xihuTech, 9);
}, 60_000);
afterAll(() => api.stop());

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });

/** The member's own view of their entry in an activity (我的活动). */
async function myEntry(member: MemberSession, entryId: string) {
  const mine = await get('/api/activities/entries/mine?tab=all', member.token);
  expect(mine.status).toBe(200);
  const items = (mine.body.items ?? mine.body) as { id: string; status: string }[];
  return items.find((item) => item.id === entryId);
}

/** Sessions that started an hour ago and end in an hour. */
async function startSessionsNow(id: string) {
  const startsAt = new Date(Date.now() - 3_600_000);
  const endsAt = new Date(Date.now() + 3_600_000);
  await ActivityModel.updateOne(
    { _id: id },
    { $set: { sessions: [{ date: '', start: '', end: '', startsAt, endsAt }], firstSessionStartsAt: startsAt } },
  );
}

describe('closing an activity', () => {
  it('ends every entry still without a place and tells its member', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        groups: [
          { id: 'lot', name: '抽签组', capacity: 1, allocation: 'lottery' },
          { id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' },
          { id: 'rev', name: '审核组', capacity: 5, allocation: 'review' },
        ],
      }),
    );
    const entry: string[] = [];
    for (const [index, groupId] of ['lot', 'lot', 'lot', 'open', 'open', 'rev'].entries()) {
      const signed = await signUpAs(api, members[index]!, id, { groupId });
      expect(signed.status).toBe(200);
      entry.push(signed.body.id);
    }
    await ActivityModel.updateOne({ _id: id }, { $set: { signUpClosesAt: inDays(-0.01) } });
    const drawn = await post(`/api/staff/activities/${id}/lottery/draw`, xihuStaff);
    expect(drawn.status).toBe(200);
    const lotStatuses = await Promise.all([0, 1, 2].map(async (i) => (await myEntry(members[i]!, entry[i]!))!.status));
    expect(lotStatuses.sort()).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    expect((await myEntry(members[4]!, entry[4]!))!.status).toBe('waitlisted');
    expect((await myEntry(members[5]!, entry[5]!))!.status).toBe('pending_review');

    await startSessionsNow(id);
    await closeEndedActivities(new Date(Date.now() + 3 * DAY_MS));

    const after = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => (await myEntry(members[i]!, entry[i]!))!.status),
    );
    // The lottery's winner is settled as before (no check-in: 缺席); its waitlist lost the draw.
    expect(after.slice(0, 3).sort()).toEqual(['no_show', 'not_drawn', 'not_drawn']);
    expect(after[3]).toBe('no_show');
    expect(after[4]).toBe('cancelled');
    expect(after[5]).toBe('cancelled');
    for (const i of [4, 5]) {
      const bodies = (await NotificationModel.find({ accountId: members[i]!.accountId }).lean()).map((n) => n.body);
      expect(bodies.some((body) => body.includes('活动已结束，未获得名额'))).toBe(true);
    }
    const loser = [0, 1, 2].find((i) => after[i] === 'not_drawn')!;
    const loserBodies = (await NotificationModel.find({ accountId: members[loser]!.accountId }).lean()).map(
      (n) => n.body,
    );
    expect(loserBodies.some((body) => body.includes('未中签'))).toBe(true);

    // A second run changes nothing more.
    await closeEndedActivities(new Date(Date.now() + 3 * DAY_MS));
    expect((await myEntry(members[4]!, entry[4]!))!.status).toBe('cancelled');
  }, 60_000);
});

describe('a place freed after the first session started', () => {
  it('is not offered to the waitlist, by the cancellation nor by the sweep', async () => {
    const id = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] }),
    );
    const holder = await signUpAs(api, members[6]!, id);
    const waiting = await signUpAs(api, members[7]!, id);
    expect(holder.body.status).toBe('confirmed');
    expect(waiting.body.status).toBe('waitlisted');

    await startSessionsNow(id);
    const cancelled = await post(`/api/activities/entries/${holder.body.id}/cancel`, members[6]!.token);
    expect(cancelled.status).toBe(200);
    expect((await myEntry(members[7]!, waiting.body.id))!.status).toBe('waitlisted');

    const swept = await sweepActivities(new Date());
    expect(swept.filled).toBe(0);
    expect((await myEntry(members[7]!, waiting.body.id))!.status).toBe('waitlisted');
  }, 60_000);
});

describe('teams at close', () => {
  it('cancels a short team even when many teams of activities still signing up are open', async () => {
    const teams = { min: 3, max: 5 };
    const signingUp = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        groups: [{ id: 'teams', name: '团体组', capacity: 200, allocation: 'first_come', team: teams }],
      }),
    );
    // More open teams than one pass reads, all in an activity whose sign-up is still open.
    await TeamModel.insertMany(
      Array.from({ length: 120 }, (_, index) => ({
        activityId: new Types.ObjectId(signingUp),
        groupId: 'teams',
        name: `队${index}`,
        code: `Q${String(index).padStart(5, '0')}`,
        captainMemberId: new Types.ObjectId(),
        captainEntryId: new Types.ObjectId(),
        memberCount: 1,
        min: 3,
        max: 5,
      })),
    );
    const closing = await publishedActivity(
      api,
      xihuStaff,
      activityInput(orgs, {
        groups: [{ id: 'teams', name: '团体组', capacity: 2, allocation: 'first_come', team: teams }],
      }),
    );
    const captain = members[8]!;
    const created = await post(`/api/activities/${closing}/teams`, captain.token, {
      groupId: 'teams',
      name: '人少队',
      requestId: `closing-rules-team-${Date.now()}`,
    });
    expect(created.status).toBe(200);
    await ActivityModel.updateOne({ _id: closing }, { $set: { signUpClosesAt: inDays(-0.01) } });

    const result = await lockClosedTeams(new Date());
    expect(result.cancelled).toBe(1);
    expect((await myEntry(captain, created.body.entry.id))!.status).toBe('cancelled');
    expect(await TeamModel.countDocuments({ activityId: new Types.ObjectId(signingUp), status: 'open' })).toBe(120);
  }, 60_000);
});

describe('a committed lottery', () => {
  const WEIGHTS = { newEmploymentForm: 2, firstTime: 1, repeatedNoShow: 0.5, repeatedNoShowAfter: 2 };
  const lotteryInput = () =>
    activityInput(orgs, {
      groups: [{ id: 'lot', name: '抽签组', capacity: 1, allocation: 'lottery' }],
      lotteryWeights: WEIGHTS,
    });
  const edit = (id: string, body: unknown) =>
    api.request('PUT', `/api/staff/activities/${id}`, { token: xihuStaff, body });

  it('keeps its weights once committed, and its close once drawn; publishes the weights it drew with', async () => {
    const input = lotteryInput();
    const id = await publishedActivity(api, xihuStaff, input);
    const reweighted = await edit(id, { ...input, lotteryWeights: { ...WEIGHTS, newEmploymentForm: 5 } });
    expect(reweighted.status).toBe(409);
    expect(reweighted.body.error.details).toContainEqual({
      path: 'lotteryWeights.newEmploymentForm',
      message: '抽签已公布承诺，不能修改抽签权重',
    });
    // Before the draw the close may still move.
    const later = { ...input, signUpClosesAt: inDays(5.5).toISOString() };
    expect((await edit(id, later)).status).toBe(200);

    expect((await signUpAs(api, members[0]!, id, { groupId: 'lot' })).status).toBe(200);
    const closedAt = inDays(-0.01);
    await ActivityModel.updateOne({ _id: id }, { $set: { signUpClosesAt: closedAt } });
    expect((await post(`/api/staff/activities/${id}/lottery/draw`, xihuStaff)).status).toBe(200);
    const drawnInput = { ...input, signUpClosesAt: closedAt.toISOString() };
    expect((await edit(id, { ...drawnInput, title: '职工拔河比赛（决赛）' })).status).toBe(200);
    const reopened = await edit(id, { ...drawnInput, signUpClosesAt: inDays(3).toISOString() });
    expect(reopened.status).toBe(409);
    expect(reopened.body.error.details).toContainEqual({
      path: 'signUpClosesAt',
      message: '已开奖，不能修改报名截止时间',
    });

    // Weights changed behind the rules' back: the result still shows those the draw used.
    await ActivityModel.updateOne({ _id: id }, { $set: { 'lotteryWeights.newEmploymentForm': 9 } });
    const result = (await get(`/api/activities/${id}/lottery`, members[0]!.token)).body;
    expect(result.weightRules).toEqual({ new_employment_form: 2, first_time: 1, repeated_no_show: 0.5 });
    expect((await LotteryModel.findOne({ activityId: id }).lean())!.weights).toMatchObject(WEIGHTS);
  }, 60_000);

  it('is finished by the job when the draw’s process died after claiming it', async () => {
    const id = await publishedActivity(api, xihuStaff, lotteryInput());
    const entries: string[] = [];
    for (const member of members.slice(0, 3)) {
      const signed = await signUpAs(api, member, id, { groupId: 'lot' });
      expect(signed.status).toBe(200);
      entries.push(signed.body.id);
    }
    await ActivityModel.updateOne({ _id: id }, { $set: { signUpClosesAt: inDays(-0.01) } });
    // As if a draw claimed the lottery ten minutes ago (seed revealed) and its process died.
    const stored = (await LotteryModel.findOne({ activityId: id }).lean())!;
    const seed = api.running.runtime.cipher.decrypt(stored.seedSealed);
    const claimed = new Date(Date.now() - 10 * 60_000);
    await LotteryModel.updateOne(
      { _id: stored._id },
      { $set: { drawnAt: claimed, claimedAt: claimed, seed, weights: WEIGHTS } },
    );
    // Still quiet for too short a while: left alone.
    expect(await resumeStalledDraws(api.running.runtime, new Date(claimed.getTime() + 60_000))).toBe(0);

    expect(await resumeStalledDraws(api.running.runtime, new Date())).toBeGreaterThanOrEqual(1);
    const statuses = await Promise.all(entries.map(async (entry, i) => (await myEntry(members[i]!, entry))!.status));
    expect(statuses.sort()).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    const result = (await get(`/api/activities/${id}/lottery`, members[0]!.token)).body;
    expect(result.drawnAt).toBe(claimed.toISOString());
    expect(result.groups[0].entries).toHaveLength(3);
    // Finished: neither the job nor the organiser draws it again.
    expect(await resumeStalledDraws(api.running.runtime, new Date(Date.now() + 3_600_000))).toBe(0);
    expect((await post(`/api/staff/activities/${id}/lottery/draw`, xihuStaff)).status).toBe(409);
  }, 60_000);
});
