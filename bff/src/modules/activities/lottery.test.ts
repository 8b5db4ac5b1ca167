/**
 * The verifiable lottery over HTTP: the commitment is fixed at publish, the draw runs once
 * after sign-up closes, and anyone can recompute the published ranks from the revealed seed.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawLottery, verifyCommitment } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { MemberModel } from '../membership/member.model';
import { ActivityModel } from './activity.model';
import { EntryModel } from './entry.model';
import { LotteryModel } from './lottery.model';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
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
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-lottery');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-lottery');
  members = await memberSessions(api, orgs.xihuTech, 20);
  // The first three deliver food: new employment forms, weighted ×2 below.
  await MemberModel.updateMany(
    { _id: { $in: members.slice(0, 3).map((m) => new Types.ObjectId(m.memberId)) } },
    { $set: { occupation: 'rider' } },
  );
}, 60_000);
afterAll(() => api.stop());

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const LOTTERY_GROUP = { id: 'lot', name: '抽签组', capacity: 5, allocation: 'lottery' as const };
const WEIGHTS = { newEmploymentForm: 2, firstTime: 1, repeatedNoShow: 0.5, repeatedNoShowAfter: 2 };
const lotteryInput = () => activityInput(orgs, { groups: [LOTTERY_GROUP], lotteryWeights: WEIGHTS });

describe('the lottery commitment', () => {
  it('is published at publish, hides the seed, and never changes with edits or pause', async () => {
    const id = await publishedActivity(api, xihuStaff, lotteryInput());
    const first = await get(`/api/activities/${id}/lottery`, members[0]!.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ seed: null, drawnAt: null });
    expect(first.body.commitment).toMatch(/^[0-9a-f]{64}$/);
    const edited = await api.request('PUT', `/api/staff/activities/${id}`, {
      token: xihuStaff,
      body: { ...lotteryInput(), title: '改了标题的抽签活动' },
    });
    expect(edited.status).toBe(200);
    await post(`/api/staff/activities/${id}/pause`, xihuStaff);
    await post(`/api/staff/activities/${id}/publish`, xihuStaff);
    const after = await get(`/api/activities/${id}/lottery`, members[0]!.token);
    expect(after.body.commitment).toBe(first.body.commitment);
    expect(after.body.committedAt).toBe(first.body.committedAt);
  });

  it('is made when an edit after publishing adds a lottery group', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    expect((await get(`/api/activities/${id}/lottery`, members[0]!.token)).body.commitment).toBeNull();
    const edited = await api.request('PUT', `/api/staff/activities/${id}`, {
      token: xihuStaff,
      body: activityInput(orgs, {
        groups: [{ id: 'open', name: '公开组', capacity: 10, allocation: 'first_come' }, LOTTERY_GROUP],
      }),
    });
    expect(edited.status).toBe(200);
    expect((await get(`/api/activities/${id}/lottery`, members[0]!.token)).body.commitment).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the draw', () => {
  it('runs once after close, is recomputable, and the waitlist follows the draw order', async () => {
    const id = await publishedActivity(api, xihuStaff, lotteryInput());
    const entryOf = new Map<string, MemberSession>();
    for (const member of members) {
      const signed = await signUpAs(api, member, id, { groupId: 'lot' });
      expect(signed.status).toBe(200);
      expect(signed.body.status).toBe('awaiting_draw');
      entryOf.set(signed.body.id, member);
    }
    const draw = `/api/staff/activities/${id}/lottery/draw`;
    const early = await post(draw, xihuStaff);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/报名尚未截止/);
    expect((await post(draw, members[0]!.token)).status).toBe(403);

    await ActivityModel.updateOne({ _id: id }, { $set: { signUpClosesAt: inDays(-0.01) } });
    expect((await post(draw, binjiangStaff)).status).toBe(404);
    const before = await get(`/api/activities/${id}/lottery`, members[5]!.token);
    expect(before.body.seed).toBeNull();

    const draws = await Promise.all(Array.from({ length: 10 }, () => post(draw, xihuStaff)));
    expect(draws.map((d) => d.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(draws.find((d) => d.status === 200)!.body).toMatchObject({ drawn: 20, winners: 5 });
    expect((await post(draw, xihuStaff)).status).toBe(409);

    const result = (await get(`/api/activities/${id}/lottery`, members[5]!.token)).body;
    expect(result.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyCommitment(result.seed, result.commitment)).toBe(true);
    const group = result.groups[0];
    expect(group.entries).toHaveLength(20);
    expect(group.winners).toHaveLength(5);
    expect(group.winners[0].maskedName).toMatch(/^会\*+.*（尾号\d{4}）$/);
    const recomputed = drawLottery({
      seed: result.seed,
      entries: group.entries.map((e: { id: string; weight: number }) => ({ id: e.id, weight: e.weight })),
      places: group.places,
    });
    const rankOf = new Map(group.entries.map((e: { id: string; rank: number }) => [e.id, e.rank]));
    for (const drawn of recomputed.order) expect(rankOf.get(drawn.id)).toBe(drawn.rank);

    // Riders were weighted as published; everyone is a first-timer here.
    const riderEntries = [...entryOf].filter(([, m]) => members.indexOf(m) < 3).map(([entryId]) => entryId);
    for (const entry of group.entries.filter((e: { id: string }) => riderEntries.includes(e.id))) {
      expect(entry).toMatchObject({ weight: 2, tags: ['new_employment_form', 'first_time'] });
    }

    const byRank = [...recomputed.order];
    const statuses = await EntryModel.find({ activityId: id }).lean();
    const statusOf = new Map(statuses.map((e) => [String(e._id), e.status]));
    for (const drawn of byRank) expect(statusOf.get(drawn.id)).toBe(drawn.rank <= 5 ? 'confirmed' : 'waitlisted');

    // A winner gives up: the place goes to rank 6, the first of the waitlist.
    const winner = byRank[0]!.id;
    const cancelled = await post(`/api/activities/entries/${winner}/cancel`, entryOf.get(winner)!.token);
    expect(cancelled.status).toBe(200);
    const sixth = await EntryModel.findById(byRank[5]!.id).lean();
    expect(sixth!.status).toBe('offered');
    expect((await EntryModel.findById(byRank[6]!.id).lean())!.status).toBe('waitlisted');
  }, 60_000);

  it('finishes a draw whose process died after claiming it, once it has been quiet', async () => {
    const id = await publishedActivity(api, xihuStaff, lotteryInput());
    for (const member of members.slice(0, 8)) {
      expect((await signUpAs(api, member, id, { groupId: 'lot' })).status).toBe(200);
    }
    await ActivityModel.updateOne({ _id: id }, { $set: { signUpClosesAt: inDays(-0.01) } });
    // As if a draw claimed the lottery ten minutes ago and the process died before any ticket.
    const claimed = new Date(Date.now() - 10 * 60_000);
    await LotteryModel.updateOne({ activityId: id }, { $set: { drawnAt: claimed, claimedAt: claimed } });
    const resumed = await post(`/api/staff/activities/${id}/lottery/draw`, xihuStaff);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ drawn: 8, winners: 5, drawnAt: claimed.toISOString() });
    expect((await post(`/api/staff/activities/${id}/lottery/draw`, xihuStaff)).status).toBe(409);
    const result = (await get(`/api/activities/${id}/lottery`, members[0]!.token)).body;
    expect(verifyCommitment(result.seed, result.commitment)).toBe(true);
    const statuses = await EntryModel.find({ activityId: id }).lean();
    expect(statuses.filter((e) => e.status === 'confirmed')).toHaveLength(5);
    expect(statuses.filter((e) => e.status === 'waitlisted')).toHaveLength(3);
  });
});
