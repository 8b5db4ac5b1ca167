/**
 * Payments sell what they are told: a product payments has never heard of (a made-up event
 * ticket, registered here) goes through the same order, notification, timeout and refund
 * paths as any other, its adapter's hooks called at each step.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import type { WechatPayEmulator } from '../../integrations/wechat-pay/emulator';
import { interceptWechatPay, type WechatPayInterception } from '../../integrations/wechat-pay/test-support';
import { AccountModel } from '../auth/account.model';
import type { Actor } from '../auth/actor';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { reconcilePayments } from './jobs';
import { OrderModel, type OrderDoc } from './order.model';
import { placeOrder } from './orders.service';
import { registerProduct, type ProductAdapter } from './products';
import { requestRefund } from './refunds.service';

/** A ticket of a made-up event, with three seats: each hook says what it did. */
function ticketProduct() {
  const calls: string[] = [];
  let seatsLeft = 3;
  const delivered = new Map<string, 'valid' | 'held' | 'void'>();
  const adapter: ProductAdapter = {
    kind: 'test_ticket',
    words: { requestReused: '请求编号已用过', paidCannotCancel: '已支付，不能取消' },
    refundEvents: { requested: 'ticket.refund_requested', refunded: 'ticket.refunded', failed: 'ticket.refund_failed' },
    async reserve({ actor, ref, beforeHold }) {
      calls.push(`reserve ${ref}`);
      await beforeHold();
      seatsLeft -= 1;
      return {
        title: '音乐会门票',
        description: '工人文化宫-音乐会门票',
        amountFen: 3000,
        totalFen: 5000,
        unionSubsidyFen: 2000,
        payer: { memberId: new Types.ObjectId(actor.memberId!), label: '会员 张**' },
        facts: { row: 7 },
      };
    },
    async release(order) {
      calls.push(`release row ${(order.product.facts as { row: number }).row}`);
      seatsLeft += 1;
    },
    async fulfil(order) {
      calls.push('fulfil');
      const ticketId = new Types.ObjectId();
      delivered.set(String(ticketId), 'valid');
      return order.fulfilmentId ?? ticketId;
    },
    async mayRefund(order) {
      calls.push('mayRefund');
      delivered.set(String(order.fulfilmentId), 'held');
      return { held: true };
    },
    async refundCalledOff(order) {
      delivered.set(String(order.fulfilmentId), 'valid');
      return '退款已关闭，门票恢复有效';
    },
    async afterRefund(order) {
      calls.push('afterRefund');
      delivered.set(String(order.fulfilmentId), 'void');
      seatsLeft += 1;
      return null;
    },
    eventSubjects: () => ({}),
    present: (order) => ({ ticketId: order.fulfilmentId ? String(order.fulfilmentId) : null }),
  };
  return { adapter, calls, delivered, seats: () => seatsLeft };
}

let api: TestApi;
let emulator: WechatPayEmulator;
let wechatPay: WechatPayInterception;
let actor: Actor;
const ticket = ticketProduct();
const concert = String(new Types.ObjectId());

beforeAll(async () => {
  api = await startTestApi({ WECHAT_PAY_EMULATOR_HTTP: 'false' });
  emulator = api.running.runtime.wechatPayEmulator!;
  emulator.setRefundBehaviour({ outcome: 'manual' });
  wechatPay = interceptWechatPay(emulator);
  registerProduct(ticket.adapter);
  const openid = `wx-ticket-${Date.now()}`;
  await loginWechat(api, openid);
  const account = (await AccountModel.findOne({ openid }).lean())!;
  actor = {
    accountId: String(account._id),
    kind: 'wechat',
    memberId: String(new Types.ObjectId()),
    merchantId: null,
    grants: [],
  };
});
afterAll(async () => {
  wechatPay.stop();
  await api.stop();
});

const order = (id: Types.ObjectId) => OrderModel.findById(id).lean<OrderDoc>() as Promise<OrderDoc>;
const requestId = () => `ticket-${new Types.ObjectId().toHexString()}`;
const place = () =>
  placeOrder(
    api.running.runtime,
    actor,
    { product: { kind: 'test_ticket', ref: concert }, requestId: requestId(), notifyBaseUrl: api.url },
    new Date(),
  );

describe('a product payments know only by its adapter', () => {
  it('is reserved when ordered, fulfilled by the payment notification, and its refund voids it', async () => {
    ticket.calls.length = 0;
    const placed = await place();
    expect(placed).toMatchObject({
      status: 'pending_payment',
      product: { kind: 'test_ticket', facts: { row: 7 } },
      title: '音乐会门票',
      amountFen: 3000,
      totalFen: 5000,
      unionSubsidyFen: 2000,
    });
    expect(String(placed.product.ref)).toBe(concert);
    expect(emulator.ledger.transactions.get(placed.orderNo)).toMatchObject({ totalFen: 3000, state: 'NOTPAY' });
    expect(ticket.seats()).toBe(2);

    await emulator.pay(placed.orderNo);
    const paid = await order(placed._id);
    expect(paid.status).toBe('paid');
    expect(ticket.delivered.get(String(paid.fulfilmentId))).toBe('valid');

    await requestRefund(
      api.running.runtime,
      actor,
      { orderId: String(paid._id), reason: '行程有变', requestId: requestId() },
      new Date(),
    );
    expect(ticket.delivered.get(String(paid.fulfilmentId))).toBe('held');
    await emulator.settleRefund(`${paid.orderNo}R1`, 'SUCCESS');
    expect((await order(paid._id)).status).toBe('refunded');
    expect(ticket.delivered.get(String(paid.fulfilmentId))).toBe('void');
    expect(ticket.seats()).toBe(3);
    expect(ticket.calls).toEqual([`reserve ${concert}`, 'fulfil', 'mayRefund', 'mayRefund', 'afterRefund']);
    const kinds = await TrailEventModel.find({ orderId: paid._id }).sort({ at: 1, _id: 1 }).lean();
    expect(kinds.map((event) => event.kind)).toEqual([
      'order.created',
      'order.paid',
      'ticket.refund_requested',
      'ticket.refunded',
    ]);
  });

  it('gives the unit back when the order times out unpaid', async () => {
    ticket.calls.length = 0;
    const placed = await place();
    expect(ticket.seats()).toBe(2);
    await reconcilePayments(api.running.runtime, new Date(Date.now() + 16 * 60_000));
    expect(await order(placed._id)).toMatchObject({ status: 'closed', closedReason: 'timeout', fulfilmentId: null });
    expect(ticket.calls).toEqual([`reserve ${concert}`, 'release row 7']);
    expect(ticket.seats()).toBe(3);
  });
});
