import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi } from '../../../test/harness';
import { MAX_ATTEMPTS } from '../../integrations/bounded-call';
import { createOrgTree } from '../../../test/fixtures';
import { claimHoldKey, issueVoucher, orderHoldKey, reserveClaim } from '../vouchers/claim-core';
import { VoucherModel } from '../vouchers/voucher.model';
import { createMerchant, createOffer, memberSession } from '../vouchers/test-support';
import { reconcilePayments } from './jobs';
import { OfferModel } from '../offers/offer.model';
import { OrderModel } from './order.model';
import {
  buy,
  eventKinds,
  getOrder,
  newMember,
  orderAction,
  orderDoc,
  paidOffer,
  placeOrder,
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

const MINUTE = 60_000;
const reconcileAt = (minutesFromNow: number) =>
  reconcilePayments(world.api.running.runtime, new Date(Date.now() + minutesFromNow * MINUTE));

describe('buying a paid voucher', () => {
  it('reserves a unit and answers with requestPayment parameters signed by the merchant key', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const response = await buy(world, member, offer);
    expect(response.status).toBe(200);
    const { order, payment, simulated } = response.body;
    expect(order).toMatchObject({
      status: 'pending_payment',
      amountFen: 1200,
      offerTitle: '爱心超市 100 元券',
      voucherId: null,
    });
    expect(order.orderNo).toMatch(/^BV\d{20}$/);
    expect(new Date(order.expiresAt).getTime() - new Date(order.createdAt).getTime()).toBe(15 * MINUTE);
    expect(simulated).toBe(true);
    const { identity } = world.emulator;
    const message = `${identity.appId}\n${payment.timeStamp}\n${payment.nonceStr}\n${payment.package}\n`;
    expect(
      verify('RSA-SHA256', Buffer.from(message), identity.merchantPublicKey, Buffer.from(payment.paySign, 'base64')),
    ).toBe(true);
    // WeChat Pay holds the same order, to be paid before our timeout.
    const transaction = world.emulator.ledger.transactions.get(order.orderNo)!;
    expect(payment.package).toBe(`prepay_id=${transaction.prepayId}`);
    expect(transaction).toMatchObject({ totalFen: 1200, state: 'NOTPAY' });
    // time_expire has whole seconds.
    expect(Math.abs(transaction.expiresAt!.getTime() - new Date(order.expiresAt).getTime())).toBeLessThan(1000);
    expect(transaction.notifyUrl).toBe(`${world.api.url}/api/payments/wechat/notify`);
    expect(await stockOf(offer)).toBe(9);
    expect(await quotaOf(offer, member)).toBe(1);
    expect(await eventKinds(order.id)).toEqual(['order.created']);
  });

  it('answers a replayed request with the same order and fresh payment parameters, reserving one unit', async () => {
    const offer = await paidOffer(world, { limitPerMember: 5 });
    const member = await newMember(world);
    const id = requestId();
    const responses = await Promise.all(Array.from({ length: 10 }, () => buy(world, member, offer, id)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((response) => response.body.order.id)).size).toBe(1);
    expect(await stockOf(offer)).toBe(9);
    expect(await quotaOf(offer, member)).toBe(1);
    const again = await buy(world, member, offer, id);
    expect(again.body.order.id).toBe(responses[0]!.body.order.id);
    expect(again.body.payment.package).toBe(responses[0]!.body.payment.package);
  });

  it('holds the per-member limit when one member buys in parallel with different requests', async () => {
    const offer = await paidOffer(world, { limitPerMember: 1 });
    const member = await newMember(world);
    const responses = await Promise.all(Array.from({ length: 6 }, () => buy(world, member, offer)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409)[0]?.body.error.code).toBe('claim_limit_reached');
    expect(await stockOf(offer)).toBe(9);
  });

  it('refuses free coupons, members who may not buy, and people who are not members', async () => {
    const member = await newMember(world);
    const coupon = await createOffer(world.merchant);
    expect((await buy(world, member, coupon)).body.error.code).toBe('free_offer');
    const ridersOnly = await paidOffer(world, { audience: { occupations: ['rider'], hardshipFamiliesOnly: false } });
    const refused = await buy(world, member, ridersOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('仅限外卖骑手');
    expect(await stockOf(ridersOnly)).toBe(10);
  });

  it('closes the order and gives the unit back when WeChat Pay refuses the prepay', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    world.wechatPay.failNext('POST', '/v3/pay/transactions/jsapi', {
      status: 403,
      body: { code: 'NO_AUTH', message: '商户无权限' },
    });
    const response = await buy(world, member, offer);
    expect(response.status).toBe(502);
    expect(response.body.error.message).toBe('商户未开通该微信支付权限，请联系管理员');
    expect(await stockOf(offer)).toBe(10);
    expect(await quotaOf(offer, member)).toBe(0);
  });

  it('keeps the order when WeChat Pay is only rate-limiting (429), so the retried tap can pay', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const id = requestId();
    world.wechatPay.failNext('POST', '/v3/pay/transactions/jsapi', {
      status: 429,
      body: { code: 'FREQUENCY_LIMITED', message: '频率超限' },
    });
    const limited = await buy(world, member, offer, id);
    expect(limited.status).toBe(429);
    expect(await stockOf(offer)).toBe(9);
    const retried = await buy(world, member, offer, id);
    expect(retried.status).toBe(200);
    expect(retried.body.order.status).toBe('pending_payment');
    expect(retried.body.payment.package).toMatch(/^prepay_id=wx/);
    expect(await eventKinds(retried.body.order.id)).toEqual(['order.created']);
  });

  it('keeps the order pending when WeChat Pay does not answer, for a retry or the job to settle', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const id = requestId();
    world.wechatPay.failNext('POST', '/v3/pay/transactions/jsapi', 'unreachable', MAX_ATTEMPTS);
    const lost = await buy(world, member, offer, id);
    expect(lost.status).toBe(502);
    expect(await stockOf(offer)).toBe(9);
    // The member taps again: the same order, now with a prepay id.
    const retried = await buy(world, member, offer, id);
    expect(retried.status).toBe(200);
    expect(retried.body.payment.package).toMatch(/^prepay_id=wx/);
    expect(await stockOf(offer)).toBe(9);
  });
});

describe('an order', () => {
  it('tells its member the face value and the union subsidy it was bought with', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    expect((await getOrder(world, member, order.id)).body).toMatchObject({
      faceValueFen: 10_000,
      unionSubsidyFen: 8_800,
      amountFen: 1_200,
    });
  });

  it('is visible only to its member', async () => {
    const offer = await paidOffer(world);
    const [owner, other] = [await newMember(world), await newMember(world, '张伟')];
    const order = await placeOrder(world, owner, offer);
    expect((await getOrder(world, owner, order.id)).body.status).toBe('pending_payment');
    expect((await getOrder(world, other, order.id)).status).toBe(404);
    expect((await orderAction(world, other, order.id, 'cancel')).status).toBe(404);
    expect((await orderAction(world, other, order.id, 'confirm')).status).toBe(404);
  });

  it('is cancelled at WeChat Pay and here, giving the unit back', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    const cancelled = await orderAction(world, member, order.id, 'cancel');
    expect(cancelled.body).toMatchObject({ status: 'closed' });
    expect(world.emulator.ledger.transactions.get(order.orderNo)?.state).toBe('CLOSED');
    expect(await stockOf(offer)).toBe(10);
    expect(await quotaOf(offer, member)).toBe(0);
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.closed']);
    // Cancelling twice changes nothing more.
    expect((await orderAction(world, member, order.id, 'cancel')).body.status).toBe('closed');
    expect(await stockOf(offer)).toBe(10);
  });

  it('is fulfilled instead of cancelled when the member paid meanwhile', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await world.emulator.pay(order.orderNo, { notify: false });
    const response = await orderAction(world, member, order.id, 'cancel');
    expect(response.body.status).toBe('paid');
    expect(await vouchersOfOrder(order.id)).toHaveLength(1);
  });

  it('is confirmed from WeChat Pay when the notification was lost', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    expect((await orderAction(world, member, order.id, 'confirm')).body.status).toBe('pending_payment');
    await world.emulator.pay(order.orderNo, { notify: false });
    const confirmed = await orderAction(world, member, order.id, 'confirm');
    expect(confirmed.body).toMatchObject({ status: 'paid' });
    const vouchers = await vouchersOfOrder(order.id);
    expect(vouchers).toHaveLength(1);
    expect(confirmed.body.voucherId).toBe(String(vouchers[0]!._id));
    expect(vouchers[0]).toMatchObject({ paidFen: 1200, faceValueFen: 10_000, unionSubsidyFen: 8800, status: 'unused' });
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.paid', 'voucher.claimed']);
    // Confirming again is harmless.
    expect((await orderAction(world, member, order.id, 'confirm')).body.voucherId).toBe(confirmed.body.voucherId);
    expect(await stockOf(offer)).toBe(9);
  });
});

describe('a failed or revoked payment', () => {
  it('closes the order at WeChat Pay too, so the prepay can no longer be paid', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    world.emulator.ledger.transactions.get(order.orderNo)!.state = 'PAYERROR';
    const confirmed = await orderAction(world, member, order.id, 'confirm');
    expect(confirmed.body.status).toBe('closed');
    expect(world.emulator.ledger.transactions.get(order.orderNo)?.state).toBe('CLOSED');
    expect(await stockOf(offer)).toBe(10);
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.closed']);
  });
});

describe('the payment job', () => {
  it('closes an unpaid order after its timeout and releases the stock and the quota', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await reconcileAt(10);
    expect((await orderDoc(order.id)).status).toBe('pending_payment');
    await reconcileAt(16);
    expect((await orderDoc(order.id)).status).toBe('closed');
    expect(world.emulator.ledger.transactions.get(order.orderNo)?.state).toBe('CLOSED');
    expect(await stockOf(offer)).toBe(10);
    expect(await quotaOf(offer, member)).toBe(0);
    // A second pass finds nothing to do.
    await reconcileAt(17);
    expect(await stockOf(offer)).toBe(10);
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.closed']);
  });

  it('leaves every order alone in a pass whose job lease was lost, for the new leader', async () => {
    const offer = await paidOffer(world, { limitPerMember: 3 });
    const member = await newMember(world);
    const orders = [
      await placeOrder(world, member, offer),
      await placeOrder(world, member, offer),
      await placeOrder(world, member, offer),
    ];
    let asked = 0;
    const lostLease = () => {
      asked += 1;
      return Promise.resolve(false);
    };
    const result = await reconcilePayments(world.api.running.runtime, new Date(Date.now() + 16 * MINUTE), lostLease);
    expect(result).toEqual({ expiredSettled: 0, fulfilmentsRepaired: 0, refundsResent: 0, refundsQueried: 0 });
    expect(asked).toBe(1);
    for (const order of orders) expect((await orderDoc(order.id)).status).toBe('pending_payment');
    await reconcileAt(16);
    for (const order of orders) expect((await orderDoc(order.id)).status).toBe('closed');
  });

  it('fulfils an expired order that WeChat Pay says was paid', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await world.emulator.pay(order.orderNo, { notify: false });
    await reconcileAt(16);
    expect((await orderDoc(order.id)).status).toBe('paid');
    expect(await vouchersOfOrder(order.id)).toHaveLength(1);
    expect(await stockOf(offer)).toBe(9);
  });

  it('closes an order whose prepay never reached WeChat Pay', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    world.wechatPay.failNext('POST', '/v3/pay/transactions/jsapi', 'unreachable', MAX_ATTEMPTS);
    await buy(world, member, offer);
    expect(await stockOf(offer)).toBe(9);
    await reconcileAt(16);
    expect(await stockOf(offer)).toBe(10);
  });

  it('issues the voucher of a paid order that has none (a crash between the two steps)', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    const { OrderModel } = await import('./order.model');
    await OrderModel.updateOne({ _id: order.id }, { $set: { status: 'paid', paidAt: new Date() } });
    await reconcileAt(0);
    await reconcileAt(0);
    expect(await vouchersOfOrder(order.id)).toHaveLength(1);
    expect((await orderDoc(order.id)).voucherId).not.toBeNull();
  });

  it('closes an expired order WeChat Pay holds for another amount, giving its unit back and telling staff', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await world.emulator.pay(order.orderNo, { notify: false });
    world.emulator.ledger.transactions.get(order.orderNo)!.totalFen = 1;
    await reconcileAt(16);
    expect(await orderDoc(order.id)).toMatchObject({ status: 'closed', closedReason: 'amount_mismatch' });
    expect(await vouchersOfOrder(order.id)).toHaveLength(0);
    expect(await stockOf(offer)).toBe(10);
    expect(await quotaOf(offer, member)).toBe(0);
    await reconcileAt(17);
    expect(await eventKinds(order.id)).toEqual(['order.created', 'order.payment_mismatch', 'order.closed']);
  });

  it('gets to every expired order even when a full batch keeps failing', async () => {
    await reconcileAt(16); // Settles what earlier tests left behind.
    const offer = await paidOffer(world, { stockTotal: 60, limitPerMember: 60 });
    const member = await newMember(world);
    const orders: { id: string }[] = [];
    for (let batch = 0; batch < 51; batch += 17) {
      orders.push(...(await Promise.all(Array.from({ length: 17 }, () => placeOrder(world, member, offer)))));
    }
    const checked = async () => {
      const docs = await Promise.all(orders.map((order) => orderDoc(order.id)));
      return docs.map((doc) => ({ status: doc.status, checked: doc.lastCheckedAt?.getTime() ?? null }));
    };
    // WeChat Pay refuses a whole batch's queries for now (rate-limited: not retried within the call).
    world.wechatPay.failNext(
      'GET',
      '/v3/pay/transactions/out-trade-no/',
      { status: 429, body: { code: 'FREQUENCY_LIMITED', message: '频率超限' } },
      50,
    );
    await reconcileAt(16);
    const first = await checked();
    expect(first.filter((order) => order.status === 'pending_payment' && order.checked !== null)).toHaveLength(50);
    const untried = first.findIndex((order) => order.checked === null);
    expect(untried).not.toBe(-1);
    // The next pass starts with the one never asked about, and leaves the just-failed ones for later.
    await reconcileAt(16.1);
    const second = await checked();
    expect(second[untried]!.status).toBe('closed');
    expect(second.filter((order) => order.status === 'pending_payment')).toHaveLength(50);
    await reconcileAt(17);
    expect((await checked()).every((order) => order.status === 'closed')).toBe(true);
    expect(await stockOf(offer)).toBe(60);
  });

  it('shows an expired order as closed as soon as the member looks', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    const { OrderModel } = await import('./order.model');
    await OrderModel.updateOne({ _id: order.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getOrder(world, member, order.id)).body.status).toBe('closed');
    expect(await stockOf(offer)).toBe(10);
  });
});

describe('a sold-out card', () => {
  const SOLD_OUT = { code: 'sold_out', message: '已经领完了，下次早点来' };

  it('answers the member who came after the last unit 409 已领完, as a free claim does, not 403', async () => {
    const offer = await paidOffer(world, { stockTotal: 1 });
    const [first, late] = [await newMember(world), await newMember(world, '周芳')];
    expect((await buy(world, first, offer)).status).toBe(200);
    const refused = await buy(world, late, offer);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject(SOLD_OUT);
    // The same words a free coupon's late claimer reads.
    const coupon = await createOffer(world.merchant, { stockTotal: 1 });
    const claim = (member: typeof first) =>
      world.api.request('POST', `/api/benefits/offers/${String(coupon._id)}/claims`, {
        token: member.token,
        body: { requestId: requestId() },
      });
    expect((await claim(first)).status).toBe(200);
    expect((await claim(late)).body.error).toMatchObject(SOLD_OUT);
    expect(await OrderModel.countDocuments({ 'product.ref': offer._id })).toBe(1);
    expect(await quotaOf(offer, late)).toBe(0);
  });

  it('still answers 403 with its reasons a member who may not buy it, sold out or not', async () => {
    const offer = await paidOffer(world, {
      stockTotal: 1,
      audience: { occupations: ['rider'], hardshipFamiliesOnly: false },
    });
    await OfferModel.updateOne({ _id: offer._id }, { $set: { stockRemaining: 0 } });
    const refused = await buy(world, await newMember(world), offer);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'not_eligible', message: '暂不能购买：已领完；仅限外卖骑手' });
  });

  it('sells its last units once when members buy them at the same moment: the rest 409 已领完, none 403', async () => {
    const stock = 2;
    const offer = await paidOffer(world, { stockTotal: stock });
    const members = [];
    for (let i = 0; i < 8; i++) members.push(await newMember(world, `抢购${i}`));
    const responses = await Promise.all(members.map((member) => buy(world, member, offer)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(stock).fill(200), ...Array(members.length - stock).fill(409)]);
    for (const refused of responses.filter((response) => response.status !== 200)) {
      expect(refused.body.error).toMatchObject(SOLD_OUT);
    }
    expect(await OrderModel.countDocuments({ 'product.ref': offer._id })).toBe(stock);
    expect(await stockOf(offer)).toBe(0);
  });
});

describe('a double tap on the last unit', () => {
  it('answers a duplicate purchase on the unit the first tap holds, not 已领完: one order', async () => {
    const offer = await paidOffer(world, { stockTotal: 1 });
    const member = await newMember(world);
    const id = requestId();
    const requestKey = `${member.memberId}:${id}`;
    // The first tap (on another instance, or cut off) holds the last unit and has not written its order.
    await reserveClaim(offer, member.memberId, new Date(), orderHoldKey(requestKey));
    const response = await buy(world, member, offer, id);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.payment.package).toMatch(/^prepay_id=wx/);
    const orders = await OrderModel.find({ requestKey }).lean();
    expect(orders.map((order) => String(order._id))).toEqual([response.body.order.id]);
    expect(await stockOf(offer)).toBe(0);
    expect(await quotaOf(offer, member)).toBe(1);
  });

  it('answers a duplicate claim on the unit the first tap holds, not 已领完: one voucher', async () => {
    const coupon = await createOffer(world.merchant, { stockTotal: 1 });
    const member = await newMember(world);
    const id = requestId();
    const issueKey = `claim:${member.memberId}:${id}`;
    const reservation = await reserveClaim(coupon, member.memberId, new Date(), claimHoldKey(issueKey));
    const response = await world.api.request('POST', `/api/benefits/offers/${String(coupon._id)}/claims`, {
      token: member.token,
      body: { requestId: id },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // The first tap writing its voucher now finds the duplicate's: the same one.
    const { voucher, created } = await issueVoucher({
      offer: coupon,
      merchantOrgPath: coupon.orgPath,
      reservation,
      accountId: member.accountId,
      issueKey,
      orderId: null,
      paidFen: 0,
      now: new Date(),
    });
    expect(created).toBe(false);
    expect(response.body.id).toBe(String(voucher._id));
    expect(await VoucherModel.countDocuments({ offerId: coupon._id })).toBe(1);
    expect(await stockOf(coupon)).toBe(0);
  });
});

describe('without WeChat Pay', () => {
  it('refuses to take orders: 支付暂未开通', async () => {
    const api = await startTestApi({ WECHAT_PAY_EMULATOR: 'false' });
    try {
      expect(api.running.runtime.wechatPay).toBeNull();
      const orgs = await createOrgTree();
      const merchant = await createMerchant(orgs.xihuTech);
      const offer = await createOffer(merchant, {
        kind: 'subsidised_voucher',
        coupon: null,
        faceValueFen: 10_000,
        priceFen: 1200,
        unionSubsidyFen: 8800,
      });
      const member = await memberSession(api, orgs.xihuTech);
      const response = await api.request('POST', `/api/benefits/offers/${String(offer._id)}/orders`, {
        token: member.token,
        body: { requestId: requestId() },
      });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'payments_disabled', message: '支付暂未开通' });
      expect((await api.request('POST', '/api/payments/wechat/notify', { body: {} })).status).toBe(404);
    } finally {
      await api.stop();
    }
  });
});
