/**
 * The rules that keep a paid place paid, over HTTP with the WeChat Pay emulator: an offered
 * paid place is taken by paying it, never by a bare confirm; a review approval in a paid
 * activity waits for payment and passes on unpaid; 代报名 refuses a paid activity and tells a
 * bound worker of a free one; an activity that has begun cannot be cancelled (nor refunded).
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../test/fixtures';
import { AccountModel } from '../auth/account.model';
import { MemberModel } from '../membership/member.model';
import { NotificationModel } from '../notifications/notification.model';
import { OrderModel } from '../payments/order.model';
import { startPaymentWorld, type PaymentWorld } from '../payments/test-support';
import { ActivityModel } from './activity.model';
import { sweepUnpaidEntries } from './entry-payment';
import { EntryModel } from './entry.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

let world: PaymentWorld;
let staff: string;

beforeAll(async () => {
  world = await startPaymentWorld();
  staff = await organiser(world.api, world.orgs.xihu, 'paid-rules-staff');
}, 60_000);
afterAll(() => world.stop());

const FEE = { priceFen: 5_000, subsidyFen: 3_000 };
const paidActivity = (allocation: 'first_come' | 'review', capacity = 1, fee: typeof FEE | null = FEE) =>
  publishedActivity(
    world.api,
    staff,
    activityInput(world.orgs, {
      kind: allocation === 'review' ? 'skill_contest' : 'sports_culture',
      ...(fee ? { fee } : {}),
      groups: [{ id: 'open', name: '公开组', capacity, allocation }],
    } as never),
  );
const post = (path: string, token: string, body?: unknown) => world.api.request('POST', path, { token, body });
const members = (count: number) => memberSessions(world.api, world.orgs.xihuTech, count);
const stored = async (id: string) => (await EntryModel.findById(id).lean())!;
async function signedUp(member: MemberSession, activityId: string): Promise<string> {
  const response = await signUpAs(world.api, member, activityId);
  expect(response.status).toBe(200);
  return response.body.id as string;
}
async function payFor(member: MemberSession, entryId: string) {
  const checkout = await post(`/api/activities/entries/${entryId}/payment`, member.token);
  expect(checkout.status).toBe(200);
  await world.emulator.pay(checkout.body.order.orderNo);
  return checkout.body.order.id as string;
}
const review = (activityId: string, entryId: string) =>
  post(`/api/staff/activities/${activityId}/entries/${entryId}/review`, staff, { decision: 'approve' });

describe('an offered place in a paid activity', () => {
  it('is refused a bare confirm and confirmed by paying it', async () => {
    const activityId = await paidActivity('first_come');
    const [holder, waiting] = await members(2);
    const held = await signedUp(holder!, activityId);
    const offeredId = await signedUp(waiting!, activityId);
    expect((await post(`/api/activities/entries/${held}/cancel`, holder!.token)).status).toBe(200);
    expect((await stored(offeredId)).status).toBe('offered');

    const confirm = await post(`/api/activities/entries/${offeredId}/confirm`, waiting!.token);
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.message).toBe('请完成缴费以确认名额');
    expect((await stored(offeredId)).status).toBe('offered');

    const orderId = await payFor(waiting!, offeredId);
    const entry = await stored(offeredId);
    expect(entry.status).toBe('confirmed');
    expect(String(entry.paidOrderId)).toBe(orderId);
  });
});

const HOUR_MS = 3_600_000;

describe('review mode in a paid activity', () => {
  it('holds an approved place for payment, confirms it once paid', async () => {
    const activityId = await paidActivity('review');
    const [member] = await members(1);
    const entryId = await signedUp(member!, activityId);
    const before = Date.now();
    const approved = await review(activityId, entryId);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('pending_payment');
    const deadline = (await stored(entryId)).offeredUntil!.getTime();
    // The activity's offer time (12 h here), as for a waitlist offer: approval may come hours later.
    expect(deadline - before).toBeGreaterThanOrEqual(12 * HOUR_MS - 60_000);
    expect(deadline - before).toBeLessThanOrEqual(12 * HOUR_MS + 60_000);
    const mine = await world.api.request('GET', '/api/activities/entries/mine', { token: member!.token });
    expect(mine.body.items[0]).toMatchObject({ id: entryId, status: 'pending_payment' });

    await payFor(member!, entryId);
    expect((await stored(entryId)).status).toBe('confirmed');
  });

  it('passes an approved place on when it is not paid in time', async () => {
    const activityId = await paidActivity('review');
    const [first, second] = await members(2);
    const firstEntry = await signedUp(first!, activityId);
    const secondEntry = await signedUp(second!, activityId);
    expect((await review(activityId, firstEntry)).body.status).toBe('pending_payment');
    expect((await review(activityId, secondEntry)).body.error.code).toBe('group_full');

    await sweepUnpaidEntries(world.api.running.runtime, new Date(Date.now() + 11 * HOUR_MS));
    expect((await stored(firstEntry)).status).toBe('pending_payment');
    await sweepUnpaidEntries(world.api.running.runtime, new Date(Date.now() + 13 * HOUR_MS));
    expect((await stored(firstEntry)).status).toBe('cancelled');
    expect((await review(activityId, secondEntry)).body.status).toBe('pending_payment');
  });
});

describe('代报名 and fees', () => {
  let sequence = 200;
  /** A worker on the roster; `bound` gives them a WeChat account that can receive messages. */
  async function worker(bound: boolean) {
    sequence += 2;
    const idNumber = makeIdNumber('330106', '19800315', String(sequence + 1));
    const { cipher: seal } = world.api.running.runtime;
    const accountId = new Types.ObjectId();
    const memberId = new Types.ObjectId();
    const mobile = `1370000${String(sequence).padStart(4, '0')}`;
    await MemberModel.create({
      _id: memberId,
      memberNo: `PR${sequence}`,
      name: `工人${sequence}`,
      idNumberSealed: seal.encrypt(idNumber),
      idNumberIndex: seal.blindIndex('idNumber', idNumber),
      mobileSealed: seal.encrypt(mobile),
      mobileIndex: seal.blindIndex('mobile', mobile),
      occupation: 'employee',
      orgId: world.orgs.xihuTech._id,
      orgPath: world.orgs.xihuTech.path,
      joinedAt: new Date('2020-05-01T00:00:00Z'),
      status: 'active',
      boundAccountId: bound ? accountId : null,
    });
    if (bound) {
      await AccountModel.create({
        _id: accountId,
        kind: 'wechat',
        openid: `wx-paid-rules-${randomUUID()}`,
        displayName: '微信用户',
        memberId,
      });
    }
    return { name: `工人${sequence}`, idNumber, accountId, memberId };
  }
  const onBehalf = (activityId: string, person: { name: string; idNumber: string }) =>
    post(`/api/staff/activities/${activityId}/entries/on-behalf`, staff, {
      name: person.name,
      idNumber: person.idNumber,
      groupId: 'open',
      requestId: requestId(),
      answers: {},
    });

  it('refuses a paid activity and signs nobody up', async () => {
    const activityId = await paidActivity('first_come', 5);
    const person = await worker(false);
    const refused = await onBehalf(activityId, person);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('付费活动需会员本人报名并缴费');
    expect(await EntryModel.countDocuments({ activityId })).toBe(0);
  });

  it('tells a worker with a bound account of the entry made for them', async () => {
    const activityId = await paidActivity('first_come', 5, null);
    const person = await worker(true);
    const made = await onBehalf(activityId, person);
    expect(made.status).toBe(200);
    expect(made.body.status).toBe('confirmed');
    const messages = await NotificationModel.find({ accountId: person.accountId, kind: 'activity_status' }).lean();
    expect(messages.map((message) => message.body)).toEqual(['公开组：已报名']);
  });
});

describe('cancelling an activity that has begun', () => {
  it('is refused, and the paid entries keep their payment', async () => {
    const activityId = await paidActivity('first_come', 5);
    const [member] = await members(1);
    const entryId = await signedUp(member!, activityId);
    const orderId = await payFor(member!, entryId);
    // The first session started an hour ago.
    await ActivityModel.updateOne(
      { _id: activityId },
      { $set: { firstSessionStartsAt: new Date(Date.now() - 3_600_000) } },
    );

    const cancel = await post(`/api/staff/activities/${activityId}/cancel`, staff, { reason: '场地维修' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.message).toBe('活动已开始，不能取消');
    expect((await ActivityModel.findById(activityId).lean())!.status).toBe('published');
    expect((await stored(entryId)).status).toBe('confirmed');
    expect((await OrderModel.findById(orderId).lean())!.status).toBe('paid');
  });
});
