/**
 * Paid entries (付费报名) over HTTP with the WeChat Pay emulator: a paid first-come sign-up
 * waits for payment, one payment confirms it once however often WeChat Pay tells us, an
 * unpaid place passes on, and cancelling refunds through payments' own refund path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderModel } from '../payments/order.model';
import { postNotification, startPaymentWorld, type PaymentWorld } from '../payments/test-support';
import { sweepUnpaidEntries } from './entry-payment';
import { EntryModel } from './entry.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

let world: PaymentWorld;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  world = await startPaymentWorld();
  staff = await organiser(world.api, world.orgs.xihu, 'paid-entry-staff');
  members = await memberSessions(world.api, world.orgs.xihuTech, 8);
}, 60_000);
afterAll(() => world.stop());

const paidActivity = (capacity = 10) =>
  publishedActivity(
    world.api,
    staff,
    activityInput(world.orgs, {
      fee: { priceFen: 5_000, subsidyFen: 3_000 },
      groups: [{ id: 'open', name: '公开组', capacity, allocation: 'first_come' }],
    } as never),
  );
const pay = (member: MemberSession, entryId: string) =>
  world.api.request('POST', `/api/activities/entries/${entryId}/payment`, { token: member.token });
const entryStatus = async (id: string) => (await EntryModel.findById(id).lean())!.status;

async function signedUp(member: MemberSession, activityId: string): Promise<string> {
  const response = await signUpAs(world.api, member, activityId);
  expect(response.status).toBe(200);
  return response.body.id as string;
}

describe('paying for an entry', () => {
  it('holds the place unpaid, confirms it once however often the payment is notified', async () => {
    const activityId = await paidActivity();
    const [member, other] = [members[0]!, members[1]!];
    const entryId = await signedUp(member, activityId);
    expect(await entryStatus(entryId)).toBe('pending_payment');

    expect((await pay(other, entryId)).status).toBe(404);
    const first = await pay(member, entryId);
    expect(first.status).toBe(200);
    expect(first.body.order).toMatchObject({ status: 'pending_payment', amountFen: 2_000, totalFen: 5_000 });
    expect(first.body.order.product).toMatchObject({ kind: 'activity_entry', ref: entryId });
    const again = await pay(member, entryId);
    expect(again.body.order.id).toBe(first.body.order.id);

    const delivery = (await world.emulator.pay(first.body.order.orderNo))!;
    expect(delivery.status).toBe(200);
    const replays = [
      ...Array.from({ length: 5 }, () => delivery.message),
      ...Array.from({ length: 5 }, () => delivery.message),
    ];
    for (const message of replays.slice(0, 5)) await postNotification(world, '/api/payments/wechat/notify', message);
    await Promise.all(
      replays.slice(5).map((message) => postNotification(world, '/api/payments/wechat/notify', message)),
    );
    const entry = (await EntryModel.findById(entryId).lean())!;
    expect(entry.status).toBe('confirmed');
    expect(String(entry.paidOrderId)).toBe(first.body.order.id);
    expect(await OrderModel.countDocuments({ 'product.ref': entry._id })).toBe(1);
  });

  it('passes an unpaid place to the next waiting member after the deadline', async () => {
    const activityId = await paidActivity(1);
    const [first, second] = [members[2]!, members[3]!];
    const firstEntry = await signedUp(first, activityId);
    const secondEntry = await signedUp(second, activityId);
    expect(await entryStatus(secondEntry)).toBe('waitlisted');
    await pay(first, firstEntry);
    await sweepUnpaidEntries(world.api.running.runtime, new Date(Date.now() + 16 * 60_000));
    expect(await entryStatus(firstEntry)).toBe('cancelled');
    expect(await entryStatus(secondEntry)).toBe('offered');

    // The promoted member pays within their deadline and is confirmed.
    const order = await pay(second, secondEntry);
    expect(order.status).toBe(200);
    await world.emulator.pay(order.body.order.orderNo);
    expect(await entryStatus(secondEntry)).toBe('confirmed');
  });

  it('refunds a paid entry cancelled before the deadline, once', async () => {
    const activityId = await paidActivity();
    const member = members[4]!;
    const entryId = await signedUp(member, activityId);
    const order = await pay(member, entryId);
    await world.emulator.pay(order.body.order.orderNo);
    const cancel = () =>
      world.api.request('POST', `/api/activities/entries/${entryId}/cancel`, { token: member.token });
    expect((await cancel()).status).toBe(200);
    await cancel();
    const stored = (await OrderModel.findById(order.body.order.id).lean())!;
    expect(stored.status).toBe('refunding');
    expect(stored.refundAttempts).toBe(1);
  });

  it('refunds every paid entry when the activity is cancelled', async () => {
    const activityId = await paidActivity();
    const orders: string[] = [];
    for (const member of [members[5]!, members[6]!]) {
      const entryId = await signedUp(member, activityId);
      const order = await pay(member, entryId);
      await world.emulator.pay(order.body.order.orderNo);
      orders.push(order.body.order.id as string);
    }
    const cancelled = await world.api.request('POST', `/api/staff/activities/${activityId}/cancel`, {
      token: staff,
      body: { reason: '场地维修' },
    });
    expect(cancelled.status).toBe(200);
    for (const id of orders) expect((await OrderModel.findById(id).lean())!.status).toBe('refunding');
  });

  it('refunds a payment that arrives after the entry expired', async () => {
    const activityId = await paidActivity();
    const member = members[7]!;
    const entryId = await signedUp(member, activityId);
    const order = await pay(member, entryId);
    // The entry ends (e.g. the sweep at its deadline) while WeChat Pay still takes the money.
    await EntryModel.updateOne({ _id: entryId }, { $set: { status: 'cancelled' }, $unset: { liveKey: 1 } });
    await world.emulator.pay(order.body.order.orderNo);
    const stored = (await OrderModel.findById(order.body.order.id).lean())!;
    expect(stored.status).toBe('refunding');
  });
});
