import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { reconcilePayments } from './jobs';
import { OrderModel } from './order.model';
import {
  buy,
  eventKinds,
  newMember,
  orderAction,
  orderDoc,
  paidOffer,
  placeOrder,
  postNotification,
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

const NOTIFY = '/api/payments/wechat/notify';
const SUCCESS_ACK = { code: 'SUCCESS', message: '成功' };

/** A pending order of a new member, and the transaction WeChat Pay holds for it. */
async function pendingOrder() {
  const offer = await paidOffer(world);
  const member = await newMember(world);
  const order = await placeOrder(world, member, offer);
  return { offer, member, order, transaction: world.emulator.ledger.transactions.get(order.orderNo)! };
}

/** A TRANSACTION.SUCCESS for the order, built but not sent, signed as the test says. */
function paymentNotification(orderNo: string, options: { at?: Date; forged?: boolean } = {}) {
  const { ledger } = world.emulator;
  const transaction = ledger.transactions.get(orderNo)!;
  return world.emulator.buildNotification({
    eventType: 'TRANSACTION.SUCCESS',
    resource: {
      ...ledger.transactionReply(transaction),
      trade_state: 'SUCCESS',
      transaction_id: '4200000000202601010000000001',
      success_time: new Date().toISOString(),
    },
    at: options.at,
    signer: options.forged ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : undefined,
  });
}

describe('the payment notification', () => {
  it('fulfils the order once it is verified: paid, one voucher, the events recorded', async () => {
    const { order } = await pendingOrder();
    const delivery = await world.emulator.pay(order.orderNo);
    expect(delivery).toMatchObject({ status: 200 });
    expect(JSON.parse(delivery!.reply)).toEqual(SUCCESS_ACK);
    const paid = await orderDoc(order.id);
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid.transactionId).toMatch(/^4200\d{24}$/);
    const vouchers = await vouchersOfOrder(order.id);
    expect(vouchers).toHaveLength(1);
    expect(String(paid.voucherId)).toBe(String(vouchers[0]!._id));
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.paid', 'voucher.claimed']);
    const paidEvent = await TrailEventModel.findOne({ orderId: paid._id, kind: 'order.paid' }).lean();
    expect(paidEvent).toMatchObject({ actorKind: 'wechat_pay', actorLabel: '微信支付', amountFen: 1200 });
  });

  it('refuses a forged signature (401) and changes nothing', async () => {
    const { order } = await pendingOrder();
    const response = await postNotification(world, NOTIFY, paymentNotification(order.orderNo, { forged: true }));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 'FAIL', message: '微信支付通知签名无效' });
    expect((await orderDoc(order.id)).status).toBe('pending_payment');
    expect(await vouchersOfOrder(order.id)).toHaveLength(0);
  });

  it('refuses a stale timestamp (401), a replay from long ago', async () => {
    const { order } = await pendingOrder();
    const stale = paymentNotification(order.orderNo, { at: new Date(Date.now() - 6 * 60_000) });
    const response = await postNotification(world, NOTIFY, stale);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('FAIL');
    expect((await orderDoc(order.id)).status).toBe('pending_payment');
  });

  it('refuses a body changed after signing, and a body that is not JSON, without a 500', async () => {
    const { order } = await pendingOrder();
    const genuine = paymentNotification(order.orderNo);
    const tampered = await postNotification(world, NOTIFY, {
      ...genuine,
      body: genuine.body.replace('支付成功', '支付失败'),
    });
    expect(tampered.status).toBe(401);
    const garbage = await world.api.request('POST', NOTIFY, {
      headers: { 'Content-Type': 'application/json' },
      rawBody: '{oops',
    });
    expect(garbage.status).toBe(400);
    const wrongType = await world.api.request('POST', NOTIFY, {
      headers: { 'Content-Type': 'text/plain' },
      rawBody: 'hello',
    });
    expect(wrongType.status).toBe(415);
    expect((await orderDoc(order.id)).status).toBe('pending_payment');
  });

  it('refuses a wrong amount (400), records the mismatch, and issues no voucher', async () => {
    const { order } = await pendingOrder();
    const delivery = await world.emulator.notifyTransaction(order.orderNo, {
      amount: { total: 1, payer_total: 1, currency: 'CNY' },
    });
    expect(delivery.status).toBe(400);
    expect(JSON.parse(delivery.reply)).toEqual({ code: 'FAIL', message: '微信支付通知与订单不符：金额' });
    expect((await orderDoc(order.id)).status).toBe('pending_payment');
    expect(await vouchersOfOrder(order.id)).toHaveLength(0);
    expect(await eventKinds(order.id)).toContain('order.payment_mismatch');
  });

  it('answers 404 for an order that is not ours', async () => {
    const { order } = await pendingOrder();
    const built = paymentNotification(order.orderNo);
    await OrderModel.updateOne({ _id: order.id }, { $set: { orderNo: 'BV20260101999999999999' } });
    expect((await postNotification(world, NOTIFY, built)).status).toBe(404);
  });

  it('fulfils once however many times it is replayed, one after another and all at once', async () => {
    const { offer, order } = await pendingOrder();
    const delivery = (await world.emulator.pay(order.orderNo))!;
    for (let replay = 0; replay < 10; replay++) {
      const response = await postNotification(world, NOTIFY, delivery.message);
      expect(response).toMatchObject({ status: 200, body: SUCCESS_ACK });
    }
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => postNotification(world, NOTIFY, delivery.message)),
    );
    expect(parallel.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(await vouchersOfOrder(order.id)).toHaveLength(1);
    expect((await eventKinds(order.id)).filter((kind) => kind === 'order.paid')).toHaveLength(1);
    expect(await stockOf(offer)).toBe(9);
  });

  it('fulfils once when ten first deliveries race each other', async () => {
    const { order } = await pendingOrder();
    await world.emulator.pay(order.orderNo, { notify: false });
    const message = paymentNotification(order.orderNo);
    const responses = await Promise.all(Array.from({ length: 10 }, () => postNotification(world, NOTIFY, message)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(await vouchersOfOrder(order.id)).toHaveLength(1);
  });

  it('can arrive before our prepay call returns: the order is paid once, and confirm agrees', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const held = world.wechatPay.holdNext('POST', '/v3/pay/transactions/jsapi');
    const buying = buy(world, member, offer);
    await held.reached;
    // WeChat Pay has the order; the member pays before our client hears back.
    const [orderNo] = [...world.emulator.ledger.transactions.values()]
      .filter((transaction) => transaction.state === 'NOTPAY')
      .map((transaction) => transaction.outTradeNo)
      .slice(-1);
    const delivery = await world.emulator.pay(orderNo!);
    expect(delivery?.status).toBe(200);
    held.release();
    const response = await buying;
    expect(response.status).toBe(200);
    expect(response.body.order).toMatchObject({ orderNo, status: 'paid' });
    // Nothing left to pay.
    expect(response.body.payment).toBeNull();
    const confirmed = await orderAction(world, member, response.body.order.id, 'confirm');
    expect(confirmed.body.status).toBe('paid');
    expect(await vouchersOfOrder(response.body.order.id)).toHaveLength(1);
  });

  it('refunds a payment that reaches an order we closed, never keeping the money', async () => {
    const { offer, order } = await pendingOrder();
    // Closed here only (as if our close call raced the member's payment).
    await OrderModel.updateOne(
      { _id: order.id },
      { $set: { status: 'closed', closedAt: new Date(), closedReason: 'timeout' } },
    );
    await world.emulator.pay(order.orderNo);
    const refunding = await orderDoc(order.id);
    expect(refunding.status).toBe('refunding');
    expect(refunding.refund).toMatchObject({ outRefundNo: `${order.orderNo}R1`, status: 'processing' });
    expect(await vouchersOfOrder(order.id)).toHaveLength(0);
    expect(await eventKinds(order.id)).toContain('order.payment_mismatch');
    await world.emulator.settleRefund(`${order.orderNo}R1`, 'SUCCESS');
    expect((await orderDoc(order.id)).status).toBe('refunded');
    // The closed order's unit was never given back twice (this test closed it by hand, keeping the unit).
    expect(await stockOf(offer)).toBe(9);
  });

  it('keeps refunding a payment that reached a closed order while WeChat Pay cannot take the refund yet', async () => {
    const { order } = await pendingOrder();
    await OrderModel.updateOne(
      { _id: order.id },
      { $set: { status: 'closed', closedAt: new Date(), closedReason: 'timeout' } },
    );
    world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', {
      status: 403,
      body: { code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起' },
    });
    await world.emulator.pay(order.orderNo);
    expect(await orderDoc(order.id)).toMatchObject({ status: 'refunding', refund: { status: 'requested' } });

    // Even a definite refusal never closes it: the money is not ours. Staff are told once.
    for (let pass = 0; pass < 2; pass++) {
      world.wechatPay.failNext('POST', '/v3/refund/domestic/refunds', {
        status: 400,
        body: { code: 'INVALID_REQUEST', message: '请求参数符合参数格式，但不符合业务规则' },
      });
      await reconcilePayments(world.api.running.runtime, new Date(Date.now() + (2 + pass * 2) * 60_000));
    }
    expect(await orderDoc(order.id)).toMatchObject({ status: 'refunding', refund: { status: 'requested' } });
    const failures = await TrailEventModel.find({ orderId: order.id, kind: 'voucher.refund_failed' }).lean();
    expect(failures).toHaveLength(1);
    expect(failures[0]!.summary).toContain('请工作人员关注');

    await reconcilePayments(world.api.running.runtime, new Date(Date.now() + 6 * 60_000));
    expect((await orderDoc(order.id)).refund?.status).toBe('processing');
    await world.emulator.settleRefund(`${order.orderNo}R1`, 'SUCCESS');
    expect((await orderDoc(order.id)).status).toBe('refunded');
  });
});
