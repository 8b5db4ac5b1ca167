/**
 * Benefits in the cadres' figures: claims (a double tap replayed in parallel), paid orders
 * (WeChat Pay's notification replayed), a refund, a cancelled order and redemptions (several
 * counters racing on one voucher) reach the counters of the org running the offer, keyed by its
 * category, equal a brute-force count of the vouchers and orders, the monthly settlement, and a
 * rebuild from the records.
 */
import { chinaDateOf, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loginStaff } from '../../../test/fixtures';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureTotal } from '../figures/read';
import { expectFiguresMatch, type RawRecord } from '../figures/test-support';
import { OfferModel } from '../offers/offer.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import {
  newMember,
  orderAction,
  paidOffer,
  placeOrder,
  postNotification,
  requestId,
  startPaymentWorld,
  vouchersOfOrder,
  type PaymentWorld,
} from '../payments/test-support';
import { BENEFIT_METRICS } from './figures';
import { settlementMoneyOf } from './settlement-money';
import { claim, clerkSession, createMerchant, createOffer } from './test-support';
import { VoucherModel, type VoucherDoc } from './voucher.model';

let world: PaymentWorld;
beforeAll(async () => {
  world = await startPaymentWorld();
});
afterAll(() => world.stop());

/** What each metric counts, by hand from the vouchers and orders, by the offer's org and category. */
async function bruteForce(): Promise<Record<string, RawRecord[]>> {
  const offers = new Map((await OfferModel.find().lean()).map((offer) => [String(offer._id), offer]));
  const of = (offerId: unknown, amount: number): RawRecord => {
    const offer = offers.get(String(offerId))!;
    return { orgPath: offer.orgPath, amount, key: offer.category };
  };
  const vouchers = await VoucherModel.find().lean<VoucherDoc[]>();
  const used = vouchers.filter((voucher) => voucher.status === 'used');
  const orders = await OrderModel.find({ 'product.kind': 'benefit_voucher' }).lean<OrderDoc[]>();
  return {
    [BENEFIT_METRICS.claims]: vouchers
      .filter((voucher) => voucher.status !== 'refunded')
      .map((voucher) => of(voucher.offerId, 1)),
    [BENEFIT_METRICS.redemptions]: used.map((voucher) => of(voucher.offerId, 1)),
    [BENEFIT_METRICS.subsidy]: used.map((voucher) => of(voucher.offerId, settlementMoneyOf(voucher).unionSubsidyFen)),
    [BENEFIT_METRICS.memberPayments]: orders
      .filter((order) => order.paidAt)
      .map((order) => of(order.product.ref, order.amountFen)),
    [BENEFIT_METRICS.refunds]: orders
      .filter((order) => order.refund?.status === 'succeeded')
      .map((order) => of(order.product.ref, order.amountFen)),
  };
}

describe('benefits in the figures', () => {
  it('counts claims, payments, refunds, redemptions and the union subsidy once each, by the offer’s org', async () => {
    const { api, orgs } = world;
    const supermarket = world.merchant; // 西溪科技 union's merchant
    const diner = await createMerchant(orgs.xihuCommunity, '社区食堂');
    const coupon = await createOffer(supermarket);
    const dinerCoupon = await createOffer(diner, { category: 'dining', title: '午餐立减 5 元' });
    const card = await paidOffer(world);
    const [m1, m2, m3] = [await newMember(world, '王芳'), await newMember(world, '陈静'), await newMember(world)];

    // Free claims: m1's double tap arrives five times at once (one voucher); m2 and m3 once each.
    const tap = requestId();
    const taps = await Promise.all(Array.from({ length: 5 }, () => claim(api, m1.token, coupon._id, tap)));
    expect(new Set(taps.map((response) => response.body.id)).size).toBe(1);
    expect((await claim(api, m2.token, coupon._id)).status).toBe(200);
    const dinerVoucher = await claim(api, m3.token, dinerCoupon._id);
    expect(dinerVoucher.status).toBe(200);
    // Settled after each step, so a write that forgot to mark leaves its counter behind.
    await settleAllFigures();

    // Paid cards: m1 pays, WeChat Pay's notification replayed eight times at once; m2 pays and is
    // refunded (the refund notification replayed too); m3's order is cancelled unpaid.
    const m1Order = await placeOrder(world, m1, card);
    const delivery = (await world.emulator.pay(m1Order.orderNo))!;
    const replays = await Promise.all(
      Array.from({ length: 8 }, () => postNotification(world, '/api/payments/wechat/notify', delivery.message)),
    );
    expect(replays.map((reply) => reply.status)).toEqual(Array(8).fill(200));
    await settleAllFigures();
    const m2Order = await placeOrder(world, m2, card);
    await world.emulator.pay(m2Order.orderNo);
    const [m2Card] = await vouchersOfOrder(m2Order.id);
    const refund = await api.request('POST', `/api/benefits/vouchers/${String(m2Card!._id)}/refund`, {
      token: m2.token,
      body: { reason: '计划有变', requestId: requestId() },
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    await settleAllFigures();
    const refunded = (await world.emulator.settleRefund(`${m2Order.orderNo}R1`, 'SUCCESS'))!;
    await Promise.all(
      Array.from({ length: 4 }, () => postNotification(world, '/api/payments/wechat/refund-notify', refunded.message)),
    );
    await settleAllFigures();
    const m3Order = await placeOrder(world, m3, card);
    expect((await orderAction(world, m3, m3Order.id, 'cancel')).status).toBe(200);

    // Redemptions: m1's card at two counters, each clerk's request also replayed; m2's coupon; the diner's.
    const clerks = [
      await clerkSession(api, supermarket, 'fig_clerk_a1'),
      await clerkSession(api, supermarket, 'fig_clerk_a2'),
    ];
    const [m1Card] = await vouchersOfOrder(m1Order.id);
    const redeem = (clerk: string, code: string, id: string) =>
      api.request('POST', '/api/merchant/redemptions', { token: clerk, body: { code, requestId: id } });
    const ids = [requestId(), requestId()];
    const attempts = await Promise.all(
      [0, 1, 0, 1, 0, 1].map((index) => redeem(clerks[index]!, m1Card!.code, ids[index]!)),
    );
    expect(attempts.some((response) => response.status === 200)).toBe(true);
    await settleAllFigures();
    const m2Coupon = await VoucherModel.findOne({ offerId: coupon._id, memberId: m2.memberId }).lean();
    expect((await redeem(clerks[0]!, m2Coupon!.code, requestId())).status).toBe(200);
    const dinerClerk = await clerkSession(api, diner, 'fig_clerk_b1');
    expect((await redeem(dinerClerk, dinerVoucher.body.code, requestId())).status).toBe(200);
    await settleAllFigures();

    const today = chinaDateOf(new Date());
    const range = { from: chinaDateOf(Date.now() - DAY_MS), to: chinaDateOf(Date.now() + DAY_MS) };
    const city = orgs.city._id;
    // Claims: m1 and m2's coupons, the diner's, m1's card (m2's was refunded).
    expect(await figureTotal(BENEFIT_METRICS.claims, city, range)).toBe(4);
    expect(await figureTotal(BENEFIT_METRICS.claims, city, range, { key: 'dining' })).toBe(1);
    expect(await figureTotal(BENEFIT_METRICS.redemptions, city, range)).toBe(3);
    expect(await figureTotal(BENEFIT_METRICS.subsidy, city, range)).toBe(card.unionSubsidyFen);
    expect(await figureTotal(BENEFIT_METRICS.memberPayments, city, range)).toBe(2 * card.priceFen);
    expect(await figureTotal(BENEFIT_METRICS.refunds, city, range)).toBe(card.priceFen);

    // The monthly settlement counts the same redemptions and subsidy.
    await createStaff('fig_settle_city', [{ role: 'union_admin', org: orgs.city }]);
    const settlement = await api.request('GET', `/api/admin/settlements?month=${today.slice(0, 7)}`, {
      token: await loginStaff(api, 'fig_settle_city'),
    });
    expect(settlement.status, JSON.stringify(settlement.body)).toBe(200);
    const month = { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-31` };
    expect(await figureTotal(BENEFIT_METRICS.redemptions, city, month)).toBe(settlement.body.totals.redeemedCount);
    expect(await figureTotal(BENEFIT_METRICS.subsidy, city, month)).toBe(settlement.body.totals.unionSubsidyFen);

    // Every metric equals the brute-force count, settled and rebuilt alike; 滨江 (a sibling district) sees 0.
    const raw = await bruteForce();
    const scopes = [orgs.city, orgs.xihu, orgs.xixi, orgs.xihuTech, orgs.binjiang];
    const settled: Record<string, unknown> = {};
    for (const metric of Object.values(BENEFIT_METRICS)) {
      settled[metric] = await expectFiguresMatch(metric, raw[metric]!, scopes, range);
      expect(await figureTotal(metric, orgs.binjiang._id, range)).toBe(0);
    }
    await rebuildFigureCounters({ from: new Date(Date.now() - 2 * DAY_MS), to: new Date(Date.now() + 2 * DAY_MS) });
    for (const metric of Object.values(BENEFIT_METRICS)) {
      expect(await expectFiguresMatch(metric, raw[metric]!, scopes, range)).toEqual(settled[metric]);
    }
  });
});
