/**
 * Members hear about every change of their entry in 消息 (sign-up result, review, a freed
 * place offered with its deadline and that offer lapsing, confirmation, payment and refund,
 * removal, a team short of members, the activity's cancellation), with the reason when there
 * is one, and a WeChat push that fails never fails the action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentWorld, type PaymentWorld } from '../payments/test-support';
import { NotificationModel } from '../notifications/notification.model';
import { sweepActivities } from './jobs';
import { lockClosedTeams } from './team.service';
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

let world: PaymentWorld;
let xihuStaff: string;

beforeAll(async () => {
  world = await startPaymentWorld();
  xihuStaff = await organiser(world.api, world.orgs.xihu, 'xihu-notify');
}, 60_000);
afterAll(() => world.stop());

const HOUR_MS = 3_600_000;
const post = (path: string, token: string, body?: unknown) => world.api.request('POST', path, { token, body });
const bodies = async (member: MemberSession) =>
  (await NotificationModel.find({ accountId: member.accountId, kind: 'activity_status' }).sort({ _id: 1 }).lean()).map(
    (n) => n.body,
  );
const members = (count: number) => memberSessions(world.api, world.orgs.xihuTech, count);
const activity = (overrides: Parameters<typeof activityInput>[1] = {}) =>
  publishedActivity(world.api, xihuStaff, activityInput(world.orgs, overrides));
async function signedUp(
  member: MemberSession,
  activityId: string,
  body: { groupId?: string; requestId?: string } = {},
) {
  const entry = await signUpAs(world.api, member, activityId, body);
  expect(entry.status).toBe(200);
  return entry.body.id as string;
}

describe('entry notifications', () => {
  it('tells the member their sign-up result and the organiser’s removal with its reason', async () => {
    const id = await activity();
    const [member] = await members(1);
    const entryId = await signedUp(member!, id, { requestId: 'notify-replayed' });
    // The same request replayed (a flaky network) answers with the entry and sends nothing more.
    expect((await signUpAs(world.api, member!, id, { requestId: 'notify-replayed' })).body.id).toBe(entryId);
    const removed = await post(`/api/staff/activities/${id}/entries/${entryId}/remove`, xihuStaff, {
      reason: '不符合条件',
    });
    expect(removed.status).toBe(200);
    const sent = await bodies(member!);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe('公开组：已报名');
    expect(sent[1]).toBe('公开组：已取消（组织者移除：不符合条件）');
  });

  it('offers a freed place with its deadline, says when the offer lapsed, and confirms the next one', async () => {
    const id = await activity({ groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] });
    const [first, second, third] = await members(3);
    const firstEntry = await signedUp(first!, id);
    await signedUp(second!, id);
    const thirdEntry = await signedUp(third!, id);
    expect(await bodies(second!)).toEqual(['公开组：候补第1位']);

    expect((await post(`/api/activities/entries/${firstEntry}/cancel`, first!.token)).status).toBe(200);
    const offered = await bodies(second!);
    expect(offered).toHaveLength(2);
    expect(offered[1]).toMatch(/^公开组：待确认（截止 \d+月\d+日 \d\d:\d\d）$/);

    // The deadline (12 h) passes unanswered: the place goes on to the third member.
    await sweepActivities(new Date(Date.now() + 13 * HOUR_MS));
    expect((await bodies(second!))[2]).toBe('公开组：已取消（未在截止时间前确认，名额已让给下一位）');
    expect((await bodies(third!))[1]).toMatch(/^公开组：待确认/);

    expect((await post(`/api/activities/entries/${thirdEntry}/confirm`, third!.token)).status).toBe(200);
    // A replayed confirmation changes nothing and says nothing.
    await post(`/api/activities/entries/${thirdEntry}/confirm`, third!.token);
    const confirmed = await bodies(third!);
    expect(confirmed).toHaveLength(3);
    expect(confirmed[2]).toBe('公开组：已报名');
  });

  it('gives the organiser’s reason for a rejection and the activity’s for its cancellation', async () => {
    const id = await activity({ groups: [{ id: 'open', name: '电工组', capacity: 5, allocation: 'review' }] });
    const [rejected, approved] = await members(2);
    const rejectedEntry = await signedUp(rejected!, id);
    const approvedEntry = await signedUp(approved!, id);
    const review = (entryId: string, body: unknown) =>
      post(`/api/staff/activities/${id}/entries/${entryId}/review`, xihuStaff, body);
    expect((await review(rejectedEntry, { decision: 'reject', reason: '未取得电工证' })).status).toBe(200);
    expect((await review(approvedEntry, { decision: 'approve', reason: '' })).status).toBe(200);
    expect((await bodies(rejected!))[1]).toBe('电工组：未通过（未取得电工证）');
    expect((await bodies(approved!))[1]).toBe('电工组：已报名');

    expect((await post(`/api/staff/activities/${id}/cancel`, xihuStaff, { reason: '场地维修' })).status).toBe(200);
    expect((await bodies(approved!))[2]).toBe('电工组：已取消（活动已取消：场地维修）');
  });

  it('tells a captain their team was cancelled at close for want of members', async () => {
    const id = await activity({
      groups: [{ id: 'teams', name: '团体组', capacity: 4, allocation: 'first_come', team: { min: 3, max: 5 } }],
    });
    const [captain] = await members(1);
    const team = await post(`/api/activities/${id}/teams`, captain!.token, {
      groupId: 'teams',
      name: '拔河一队',
      requestId: requestId(),
    });
    expect(team.status).toBe(200);
    await lockClosedTeams(inDays(5.5));
    const sent = await bodies(captain!);
    expect(sent.at(-1)).toBe('团体组：已取消（队伍人数不足）');
  });

  it('confirms a payment, and tells the member when the refund of a cancelled paid entry arrived', async () => {
    const id = await activity({ fee: { priceFen: 5_000, subsidyFen: 3_000 } } as never);
    const [member] = await members(1);
    const entryId = await signedUp(member!, id);
    const order = await post(`/api/activities/entries/${entryId}/payment`, member!.token);
    expect(order.status).toBe(200);
    await world.emulator.pay(order.body.order.orderNo);
    expect((await bodies(member!)).at(-1)).toBe('公开组：已报名（已缴费 20.00 元）');

    expect((await post(`/api/activities/entries/${entryId}/cancel`, member!.token)).status).toBe(200);
    const settled = await world.emulator.settleRefund(`${order.body.order.orderNo}R1`, 'SUCCESS');
    expect(settled!.status).toBe(200);
    const sent = await bodies(member!);
    expect(sent.slice(-2)).toEqual(['公开组：已取消', '公开组：已取消（已原路退款 20.00 元）']);
  });

  it('still signs up and cancels when the WeChat push throws', async () => {
    const wechat = world.api.running.runtime.wechat;
    const original = wechat.sendSubscribeMessage;
    wechat.sendSubscribeMessage = () => Promise.reject(new Error('wechat down'));
    try {
      const id = await activity();
      const [member] = await members(1);
      const entryId = await signedUp(member!, id);
      const cancelled = await post(`/api/activities/entries/${entryId}/cancel`, member!.token);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await bodies(member!)).toHaveLength(2);
    } finally {
      wechat.sendSubscribeMessage = original;
    }
  });
});
