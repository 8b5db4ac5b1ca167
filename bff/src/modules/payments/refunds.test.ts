import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../integrations/bounded-call';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { clerkSession, createOffer, type MemberSession } from '../vouchers/test-support';
import { VoucherModel } from '../vouchers/voucher.model';
import { reconcilePayments } from './jobs';
import { OrderModel } from './order.model';
import { productOf } from './products';
import {
  eventKinds,
  newMember,
  orderDoc,
  paidOffer,
  placeOrder,
  postNotification,
  quotaOf,
  requestId,
  startPaymentWorld,
  stockOf,
  vouchersOfOrder,
  type PaymentWorld,
} from './test-support';

let world: PaymentWorld;
beforeAll(async () => {
  world = await startPaymentWorld();
});
afterAll(() => world.stop());

const REFUND_NOTIFY = '/api/payments/wechat/refund-notify';
const reconcileAt = (minutesFromNow: number) =>
  reconcilePayments(world.api.running.runtime, new Date(Date.now() + minutesFromNow * 60_000));

/** A member holding a paid, unused voucher. */
async function paidVoucher() {
  const offer = await paidOffer(world);
  const member = await newMember(world);
  const order = await placeOrder(world, member, offer);
  await world.emulator.pay(order.orderNo);
  const [voucher] = await vouchersOfOrder(order.id);
  return { offer, member, order, voucherId: String(voucher!._id), outRefundNo: `${order.orderNo}R1` };
}

const askRefund = (member: MemberSession, voucherId: string, id = requestId()) =>
  world.api.request('POST', `/api/benefits/vouchers/${voucherId}/refund`, {
    token: member.token,
    body: { reason: '计划有变，用不上了', requestId: id },
  });

const voucherStatus = async (voucherId: string) => (await VoucherModel.findById(voucherId).lean())!.status;

describe('refunding an unused paid voucher', () => {
  it('is refunding at once (so it cannot be used), then refunded on WeChat Pay’s notification', async () => {
    const { offer, member, order, voucherId, outRefundNo } = await paidVoucher();
    expect(await stockOf(offer)).toBe(9);
    const response = await askRefund(member, voucherId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: voucherId,
      status: 'refunding',
      displayStatus: 'refunding',
      canRefund: false,
    });
    expect((await orderDoc(order.id)).refund).toMatchObject({ outRefundNo, status: 'processing' });
    expect(world.emulator.ledger.refunds.get(outRefundNo)).toMatchObject({ refundFen: 1200, status: 'PROCESSING' });

    const delivery = (await world.emulator.settleRefund(outRefundNo, 'SUCCESS'))!;
    expect(delivery.status).toBe(200);
    expect((await orderDoc(order.id)).status).toBe('refunded');
    const voucher = (await VoucherModel.findById(voucherId).lean())!;
    expect(voucher.status).toBe('refunded');
    expect(voucher.refundedAt).toBeInstanceOf(Date);
    expect(await stockOf(offer)).toBe(10);
    expect(await quotaOf(offer, member)).toBe(0);
    const refunded = await TrailEventModel.findOne({ orderId: order.id, kind: 'voucher.refunded' }).lean();
    expect(refunded).toMatchObject({ amountFen: 1200, actorLabel: '微信支付' });

    // WeChat Pay retrying the notification changes nothing.
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => postNotification(world, REFUND_NOTIFY, delivery.message)),
    );
    expect(replays.map((reply) => reply.status)).toEqual(Array(5).fill(200));
    expect(await stockOf(offer)).toBe(10);
    expect((await eventKinds(order.id)).filter((kind) => kind === 'voucher.refunded')).toHaveLength(1);
    expect((await askRefund(member, voucherId)).body.error.code).toBe('not_refundable');
  });

  it('makes one refund at WeChat Pay when the member’s tap is replayed, in parallel', async () => {
    const { member, voucherId, outRefundNo } = await paidVoucher();
    const id = requestId();
    const responses = await Promise.all(Array.from({ length: 5 }, () => askRefund(member, voucherId, id)));
    expect(responses.map((response) => response.status)).toEqual(Array(5).fill(200));
    expect([...world.emulator.ledger.refunds.keys()].filter((no) => no.startsWith(outRefundNo.slice(0, -2)))).toEqual([
      outRefundNo,
    ]);
    expect(await voucherStatus(voucherId)).toBe('refunding');
  });

  it('gives the voucher back when WeChat Pay closes the refund, and a later request tries again', async () => {
    const { order, member, voucherId, outRefundNo } = await paidVoucher();
    await askRefund(member, voucherId);
    await world.emulator.settleRefund(outRefundNo, 'CLOSED');
    expect(await voucherStatus(voucherId)).toBe('unused');
    expect(await orderDoc(order.id)).toMatchObject({ status: 'paid', refund: { status: 'closed' } });
    expect(await eventKinds(order.id)).toContain('voucher.refund_failed');

    expect((await askRefund(member, voucherId)).status).toBe(200);
    expect((await orderDoc(order.id)).refund).toMatchObject({
      outRefundNo: `${order.orderNo}R2`,
      status: 'processing',
    });
    await world.emulator.settleRefund(`${order.orderNo}R2`, 'SUCCESS');
    expect(await voucherStatus(voucherId)).toBe('refunded');
  });

  it('keeps an abnormal refund refunding for staff, and finishes it once WeChat Pay says it succeeded', async () => {
    const { order, member, voucherId, outRefundNo } = await paidVoucher();
    await askRefund(member, voucherId);
    await world.emulator.settleRefund(outRefundNo, 'ABNORMAL');
    expect(await orderDoc(order.id)).toMatchObject({ status: 'refunding', refund: { status: 'abnormal' } });
    expect(await voucherStatus(voucherId)).toBe('refunding');
    const event = await TrailEventModel.findOne({ orderId: order.id, kind: 'voucher.refund_failed' }).lean();
    expect(event?.summary).toContain('退款异常');
    // Staff settle it in the merchant platform; the job's query learns of it.
    await world.emulator.settleRefund(outRefundNo, 'SUCCESS', { notify: false });
    await reconcileAt(11);
    expect(await voucherStatus(voucherId)).toBe('refunded');
  });

  it('puts everything back when WeChat Pay refuses the refund', async () => {
    const { order, member, voucherId } = await paidVoucher();
    world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', {
      status: 400,
      body: { code: 'INVALID_REQUEST', message: '订单已全额退款' },
    });
    const response = await askRefund(member, voucherId);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'refund_refused',
      message: '微信支付未受理退款：微信支付拒绝了该请求，请检查订单状态',
    });
    expect(await voucherStatus(voucherId)).toBe('unused');
    expect((await orderDoc(order.id)).status).toBe('paid');
    expect(await eventKinds(order.id)).toEqual([
      'order.created',
      'order.paid',
      'voucher.claimed',
      'voucher.refund_requested',
      'voucher.refund_failed',
    ]);
  });

  it('refuses the resend of a refund WeChat Pay refused, rather than answering it under way', async () => {
    const { order, member, voucherId } = await paidVoucher();
    const id = requestId();
    world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', {
      status: 400,
      body: { code: 'INVALID_REQUEST', message: '订单已全额退款' },
    });
    expect((await askRefund(member, voucherId, id)).body.error.code).toBe('refund_refused');
    const resent = await askRefund(member, voucherId, id);
    expect(resent.status).toBe(409);
    expect(resent.body.error).toMatchObject({
      code: 'not_refundable',
      message: '这笔退款未能发出，如需退款请重新申请',
    });
    expect(await voucherStatus(voucherId)).toBe('unused');
    expect(await orderDoc(order.id)).toMatchObject({ status: 'paid', refund: { status: 'closed' } });
    // A new request is a new refund.
    expect((await askRefund(member, voucherId)).status).toBe(200);
    expect((await orderDoc(order.id)).refund).toMatchObject({
      outRefundNo: `${order.orderNo}R2`,
      status: 'processing',
    });
  });

  it('answers the resend of a refund WeChat Pay accepted as it answered the request, even once it closed', async () => {
    const { order, member, voucherId, outRefundNo } = await paidVoucher();
    const id = requestId();
    expect((await askRefund(member, voucherId, id)).status).toBe(200);
    await world.emulator.settleRefund(outRefundNo, 'CLOSED');
    const resent = await askRefund(member, voucherId, id);
    expect(resent.status).toBe(200);
    // The voucher as it now is: usable again, no refund under way.
    expect(resent.body).toMatchObject({ status: 'unused' });
    expect(await orderDoc(order.id)).toMatchObject({ status: 'paid', refund: { status: 'closed' } });
  });

  it('sends the refund again when WeChat Pay did not answer, and finishes it from a query when the notification is lost', async () => {
    const { offer, order, member, voucherId, outRefundNo } = await paidVoucher();
    world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', 'unreachable', MAX_ATTEMPTS);
    const response = await askRefund(member, voucherId);
    expect(response.body.status).toBe('refunding');
    expect((await orderDoc(order.id)).refund?.status).toBe('requested');
    await reconcileAt(0.5);
    expect((await orderDoc(order.id)).refund?.status).toBe('requested');
    await reconcileAt(2);
    expect((await orderDoc(order.id)).refund?.status).toBe('processing');
    await world.emulator.settleRefund(outRefundNo, 'SUCCESS', { notify: false });
    await reconcileAt(5);
    expect(await voucherStatus(voucherId)).toBe('refunding');
    // WeChat Pay answered the resend at +2 min: asked again ten minutes after that.
    await reconcileAt(11);
    expect(await voucherStatus(voucherId)).toBe('refunding');
    await reconcileAt(13);
    expect(await voucherStatus(voucherId)).toBe('refunded');
    expect(await stockOf(offer)).toBe(10);
  });

  it('keeps the refund for the job when WeChat Pay is only short of balance (NOT_ENOUGH), then sends it', async () => {
    const { offer, order, member, voucherId } = await paidVoucher();
    world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', {
      status: 403,
      body: { code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起' },
    });
    const response = await askRefund(member, voucherId);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('refunding');
    expect(await orderDoc(order.id)).toMatchObject({ status: 'refunding', refund: { status: 'requested' } });
    await reconcileAt(2);
    expect((await orderDoc(order.id)).refund?.status).toBe('processing');
    await world.emulator.settleRefund(`${order.orderNo}R1`, 'SUCCESS');
    expect(await voucherStatus(voucherId)).toBe('refunded');
    expect(await stockOf(offer)).toBe(10);
  });

  it('refuses a refund notification whose order total is not the order’s (400), recording the mismatch', async () => {
    const { order, member, voucherId, outRefundNo } = await paidVoucher();
    await askRefund(member, voucherId);
    const refund = world.emulator.ledger.settleRefund(outRefundNo, 'SUCCESS', new Date());
    const resource = world.emulator.ledger.refundNotificationResource(refund);
    const forged = world.emulator.buildNotification({
      eventType: 'REFUND.SUCCESS',
      resource: { ...resource, amount: { total: 120_000, refund: 1200, payer_total: 120_000, payer_refund: 1200 } },
    });
    const response = await postNotification(world, REFUND_NOTIFY, forged);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'FAIL', message: '微信支付通知与订单不符：金额' });
    expect(await voucherStatus(voucherId)).toBe('refunding');
    expect((await orderDoc(order.id)).status).toBe('refunding');
    expect(await eventKinds(order.id)).toContain('order.payment_mismatch');
  });

  it('refuses free coupons, used vouchers and other members’ vouchers', async () => {
    const { member, voucherId } = await paidVoucher();
    const other = await newMember(world, '赵敏');
    expect((await askRefund(other, voucherId)).status).toBe(404);
    await VoucherModel.updateOne({ _id: voucherId }, { $set: { status: 'used', redeemedAt: new Date() } });
    expect((await askRefund(member, voucherId)).body.error).toMatchObject({
      code: 'not_refundable',
      message: '券已使用，不能退款',
    });
    const coupon = await createOffer(world.merchant);
    const claimed = await world.api.request('POST', `/api/benefits/offers/${String(coupon._id)}/claims`, {
      token: member.token,
      body: { requestId: requestId() },
    });
    expect((await askRefund(member, claimed.body.id)).body.error).toMatchObject({ code: 'not_refundable' });
  });

  it('cannot be redeemed at the counter while it is being refunded', async () => {
    const { member, voucherId } = await paidVoucher();
    await askRefund(member, voucherId);
    const clerk = await clerkSession(world.api, world.merchant, `clerk_${Date.now()}`);
    const code = (await VoucherModel.findById(voucherId).lean())!.code;
    const redeemed = await world.api.request('POST', '/api/merchant/redemptions', {
      token: clerk,
      body: { code, requestId: requestId() },
    });
    expect(redeemed.status).toBe(409);
    expect(await voucherStatus(voucherId)).toBe('refunding');
  });
});

describe('a voucher that is not refunding when its refund is sent or settled', () => {
  /** The order is refunding but the voucher still unused: the process stopped between the two writes. */
  async function halfStartedRefund(refundRequestId = requestId()) {
    const paid = await paidVoucher();
    await OrderModel.updateOne(
      { _id: paid.order.id },
      {
        $set: {
          status: 'refunding',
          refundAttempts: 1,
          refund: {
            outRefundNo: paid.outRefundNo,
            requestId: refundRequestId,
            reason: '计划有变',
            requestedAt: new Date(),
            status: 'requested',
          },
        },
      },
    );
    return paid;
  }

  const redeem = async (voucherId: string) => {
    const clerk = await clerkSession(world.api, world.merchant, `clerk_${Date.now()}_${Math.random()}`);
    const code = (await VoucherModel.findById(voucherId).lean())!.code;
    return world.api.request('POST', '/api/merchant/redemptions', {
      token: clerk,
      body: { code, requestId: requestId() },
    });
  };

  it('holds the voucher before the job sends the refund, so it cannot be redeemed', async () => {
    const { offer, order, voucherId, outRefundNo } = await halfStartedRefund();
    await reconcileAt(2);
    expect(await voucherStatus(voucherId)).toBe('refunding');
    expect((await redeem(voucherId)).status).toBe(409);
    await world.emulator.settleRefund(outRefundNo, 'SUCCESS');
    expect(await voucherStatus(voucherId)).toBe('refunded');
    expect((await orderDoc(order.id)).status).toBe('refunded');
    expect(await stockOf(offer)).toBe(10);
  });

  it('calls the refund off when the voucher was used first: nothing sent, the order paid again', async () => {
    const { offer, order, voucherId, outRefundNo } = await halfStartedRefund();
    expect((await redeem(voucherId)).status).toBe(200);
    await reconcileAt(2);
    expect(world.emulator.ledger.refunds.has(outRefundNo)).toBe(false);
    expect(await orderDoc(order.id)).toMatchObject({ status: 'paid', refund: { status: 'closed' } });
    expect(await voucherStatus(voucherId)).toBe('used');
    expect(await stockOf(offer)).toBe(9);
    const failed = await TrailEventModel.findOne({ orderId: order.id, kind: 'voucher.refund_failed' }).lean();
    expect(failed?.summary).toContain('券已在门店使用');
  });

  it('refuses the resend of a request whose voucher was used before the refund held it, as the request itself is', async () => {
    const id = requestId();
    const { order, member, voucherId } = await halfStartedRefund(id);
    expect((await redeem(voucherId)).status).toBe(200);
    const resent = await askRefund(member, voucherId, id);
    expect(resent.status).toBe(409);
    expect(resent.body.error).toMatchObject({ code: 'not_refundable', message: '券已使用，不能退款' });
    // Nothing says a refund is under way, and none was sent.
    expect(await orderDoc(order.id)).toMatchObject({ status: 'paid', refund: null });
    expect([...world.emulator.ledger.refunds.keys()].filter((no) => no.startsWith(order.orderNo))).toEqual([]);
    expect(await voucherStatus(voucherId)).toBe('used');
  });

  it('gives no unit back when a refund succeeds for a voucher that is no longer refunding', async () => {
    const { offer, order, member, voucherId, outRefundNo } = await paidVoucher();
    await askRefund(member, voucherId);
    // However it came about, the voucher was used: the unit it became is not back in stock.
    await VoucherModel.updateOne({ _id: voucherId }, { $set: { status: 'used', redeemedAt: new Date() } });
    await world.emulator.settleRefund(outRefundNo, 'SUCCESS');
    expect((await orderDoc(order.id)).status).toBe('refunded');
    expect(await voucherStatus(voucherId)).toBe('used');
    expect(await stockOf(offer)).toBe(9);
    expect(await quotaOf(offer, member)).toBe(1);
    const events = await TrailEventModel.find({ orderId: order.id, kind: 'voucher.refund_failed' }).lean();
    expect(events.map((event) => event.summary).join()).toContain('库存未退回');
  });
});

describe('two refunds of one voucher, one after the other', () => {
  it('never lets a called-off refund release the hold of the member’s next refund, nor a late resend take it', async () => {
    const { order, voucherId } = await paidVoucher();
    const stored = (await orderDoc(order.id))!;
    const refund = (attempt: number) => ({
      ...stored,
      refund: {
        outRefundNo: `${stored.orderNo}R${attempt}`,
        requestId: requestId(),
        reason: '计划有变',
        requestedAt: new Date(),
        status: 'requested' as const,
      },
    });
    const voucher = productOf(stored);
    expect(await voucher.mayRefund(refund(1), new Date())).toEqual({ held: true });
    // R1 was refused and the member asked again: R2 holds the voucher before R1's release lands.
    expect(await voucher.mayRefund(refund(2), new Date())).toEqual({ held: true });
    await voucher.refundCalledOff(refund(1));
    expect(await voucherStatus(voucherId)).toBe('refunding');
    // A late resend of R1 neither takes the hold back nor sends anything.
    expect(await voucher.mayRefund(refund(1), new Date())).toMatchObject({
      held: false,
      refusal: '退款处理中，请勿重复申请',
    });
    // R2 called off in its turn: the voucher is usable again.
    await voucher.refundCalledOff(refund(2));
    expect(await voucherStatus(voucherId)).toBe('unused');
  });
});
