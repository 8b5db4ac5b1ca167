/**
 * The benefit figures as a cadre reads them, against the merchants, offers and orders built
 * through the API: 普惠商家 are the merchants under contract (not suspended) of each subtree by
 * category; 在架优惠 are the offers members can see listed now (active, started, not ended, of a
 * merchant not suspended); 会员支付金额 is what members paid in the period less what went back
 * to them — in total and by child org.
 */
import {
  chinaDateOf,
  DAY_MS,
  MERCHANT_CATEGORY_LABELS,
  type FigureDetail,
  type FiguresReport,
  type MerchantCategory,
} from '@union/shared';
import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, loginStaff } from '../../../test/fixtures';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { couponOfferBody, createMerchantVia, merchantBody, subsidisedOfferBody } from '../merchants/test-support';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import {
  newMember,
  orderAction,
  placeOrder,
  postNotification,
  requestId,
  startPaymentWorld,
  vouchersOfOrder,
  type PaymentWorld,
} from '../payments/test-support';
import { createOffer } from '../vouchers/test-support';
import { settleAllFigures } from './counters';

let world: PaymentWorld;
let city: string;

beforeAll(async () => {
  world = await startPaymentWorld();
  await createStaff('benefit_fig_city', [{ role: 'union_admin', org: world.orgs.city }]);
  city = await loginStaff(world.api, 'benefit_fig_city');
  await buildCatalogue();
  await buildPayments();
  await settleAllFigures();
});
afterAll(() => world.stop());

const offers: Record<string, OfferDoc> = {};

async function newOffer(body: Record<string, unknown>): Promise<OfferDoc> {
  const created = await world.api.request('POST', '/api/admin/offers', { token: city, body });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return (await OfferModel.findById(created.body.id).lean<OfferDoc>())!;
}

async function patch(path: string, body: Record<string, unknown>) {
  const patched = await world.api.request('PATCH', path, { token: city, body });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}

/**
 * Beside the fixtures' supermarket (西溪科技): a diner (西溪社区), a pharmacy (滨江), a shop of
 * 西溪街道 later suspended; offers live, in draft, paused, not yet started, ended, and one of the
 * suspended shop.
 */
async function buildCatalogue() {
  const { xihuCommunity, binjiangTech, xixi } = world.orgs;
  const diner = await createMerchantVia(
    world.api,
    city,
    merchantBody(xihuCommunity.id, { name: '社区食堂', category: 'dining' }),
  );
  const pharmacy = await createMerchantVia(
    world.api,
    city,
    merchantBody(binjiangTech.id, { name: '滨江大药房', category: 'pharmacy' }),
  );
  const shop = await createMerchantVia(world.api, city, merchantBody(xixi.id, { name: '西溪便利店' }));
  const supermarket = String(world.merchant._id);

  offers.supermarket = await newOffer(couponOfferBody(supermarket));
  offers.diner = await newOffer(couponOfferBody(diner.id, { title: '午餐立减 5 元' }));
  offers.pharmacy = await newOffer(couponOfferBody(pharmacy.id, { title: '药品满减' }));
  offers.card = await newOffer(subsidisedOfferBody(supermarket, { limitPerMember: 2 }));
  offers.pharmacyCard = await newOffer(subsidisedOfferBody(pharmacy.id, { title: '药房百元卡' }));
  offers.draft = await newOffer(couponOfferBody(diner.id, { title: '晚餐立减', status: 'draft' }));
  offers.paused = await newOffer(couponOfferBody(pharmacy.id, { title: '体温计特价' }));
  await patch(`/api/admin/offers/${String(offers.paused._id)}`, { status: 'paused' });
  offers.later = await newOffer(
    couponOfferBody(supermarket, {
      title: '年货节满减',
      validFrom: new Date(Date.now() + 5 * DAY_MS).toISOString(),
    }),
  );
  // An offer that has ended: the editor takes no dates in the past, so written as the seed would.
  offers.ended = await createOffer(world.merchant, {
    title: '中秋满减',
    validFrom: new Date(Date.now() - 30 * DAY_MS),
    validUntil: new Date(Date.now() - DAY_MS),
  });
  offers.suspendedShop = await newOffer(couponOfferBody(shop.id, { title: '便利店满减' }));
  await patch(`/api/admin/merchants/${shop.id}`, { status: 'suspended' });
}

/** Paid and confirmed by WeChat Pay's notification. */
async function pay(member: Awaited<ReturnType<typeof newMember>>, offer: OfferDoc) {
  const order = await placeOrder(world, member, offer);
  const delivery = (await world.emulator.pay(order.orderNo))!;
  expect((await postNotification(world, '/api/payments/wechat/notify', delivery.message)).status).toBe(200);
  return order;
}

/** Two cards bought at the supermarket, one of them refunded; one at the pharmacy; one order cancelled unpaid. */
async function buildPayments() {
  const [m1, m2, m3] = [await newMember(world, '王芳'), await newMember(world, '陈静'), await newMember(world)];
  await pay(m1, offers.card!);
  const refunded = await pay(m2, offers.card!);
  const [card] = await vouchersOfOrder(refunded.id);
  const refund = await world.api.request('POST', `/api/benefits/vouchers/${String(card!._id)}/refund`, {
    token: m2.token,
    body: { reason: '计划有变', requestId: requestId() },
  });
  expect(refund.status, JSON.stringify(refund.body)).toBe(200);
  const settled = (await world.emulator.settleRefund(`${refunded.orderNo}R1`, 'SUCCESS'))!;
  expect((await postNotification(world, '/api/payments/wechat/refund-notify', settled.message)).status).toBe(200);
  await pay(m3, offers.pharmacyCard!);
  const unpaid = await placeOrder(world, m1, offers.card!);
  expect((await orderAction(world, m1, unpaid.id, 'cancel')).status).toBe(200);
}

type Org = PaymentWorld['orgs'][keyof PaymentWorld['orgs']];
const within = (orgPath: Types.ObjectId[], org: { _id: Types.ObjectId }) => orgPath.some((id) => id.equals(org._id));

/** Each figure by hand from the merchants, offers and orders, for an org's subtree over the days given. */
async function byHand(org: { _id: Types.ObjectId }, range: { from: string; to: string }) {
  const now = Date.now();
  const merchants = await MerchantModel.find().lean<MerchantDoc[]>();
  const suspended = new Set(merchants.filter((m) => m.status === 'suspended').map((m) => String(m._id)));
  const contracted = merchants.filter((m) => m.status === 'active' && within(m.orgPath, org));
  const byCategory = new Map<string, number>();
  for (const merchant of contracted) byCategory.set(merchant.category, (byCategory.get(merchant.category) ?? 0) + 1);
  const listed = (await OfferModel.find().lean<OfferDoc[]>()).filter(
    (offer) =>
      within(offer.orgPath, org) &&
      offer.status === 'active' &&
      offer.validFrom.getTime() <= now &&
      offer.validUntil.getTime() > now &&
      !suspended.has(String(offer.merchantId)),
  );
  const offerOrgs = new Map(
    (await OfferModel.find().lean<OfferDoc[]>()).map((offer) => [String(offer._id), offer.orgPath]),
  );
  const orders = (await OrderModel.find({ 'product.kind': 'benefit_voucher' }).lean<OrderDoc[]>()).filter((order) =>
    within(offerOrgs.get(String(order.product.ref))!, org),
  );
  const inRange = (at: Date | null | undefined) =>
    Boolean(at) && chinaDateOf(at!) >= range.from && chinaDateOf(at!) <= range.to;
  const paid = orders.filter((order) => inRange(order.paidAt)).reduce((sum, order) => sum + order.amountFen, 0);
  const refunded = orders
    .filter((order) => order.refund?.status === 'succeeded' && inRange(order.refund.finishedAt))
    .reduce((sum, order) => sum + order.amountFen, 0);
  return {
    merchants: contracted.length,
    merchantsByCategory: byCategory,
    offers: listed.length,
    memberPayments: paid - refunded,
  };
}

async function figuresOf(org: Org, range: { from: string; to: string }) {
  const response = await world.api.request(
    'GET',
    `/api/staff/figures?from=${range.from}&to=${range.to}&orgId=${org.id}`,
    { token: city },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return new Map(
    (response.body as FiguresReport).sections
      .flatMap((section) => section.figures)
      .map((figure) => [figure.key, figure]),
  );
}

describe('benefit figures', () => {
  const range = () => ({ from: chinaDateOf(Date.now() - 30 * DAY_MS), to: chinaDateOf(new Date()) });
  const lastYear = () => ({ from: chinaDateOf(Date.now() - 395 * DAY_MS), to: chinaDateOf(Date.now() - 365 * DAY_MS) });

  it('counts merchants under contract by category and the offers members see listed, in each subtree', async () => {
    const { city: cityOrg, xihu, xixi, xihuTech, xihuCommunity, binjiang } = world.orgs;
    for (const org of [cityOrg, xihu, xixi, xihuTech, xihuCommunity, binjiang]) {
      const expected = await byHand(org, range());
      const figures = await figuresOf(org, range());
      const merchants = figures.get('benefits.merchants')!;
      expect(merchants.value, org.name).toBe(expected.merchants);
      expect(new Map(merchants.breakdown!.map((row) => [row.key, row.value])), org.name).toEqual(
        expected.merchantsByCategory,
      );
      for (const row of merchants.breakdown!) {
        expect(row.label).toBe(MERCHANT_CATEGORY_LABELS[row.key as MerchantCategory]);
      }
      expect(figures.get('benefits.offers')!.value, org.name).toBe(expected.offers);
    }
    // By eye: the supermarket's coupon and card, the diner's coupon, the pharmacy's coupon and card.
    expect((await figuresOf(cityOrg, range())).get('benefits.offers')!.value).toBe(5);
    expect((await figuresOf(xixi, range())).get('benefits.merchants')!.value).toBe(2);
  });

  it('reads member payments less refunds, in total, last year and by child org', async () => {
    for (const org of Object.values(world.orgs)) {
      const figure = (await figuresOf(org, range())).get('benefits.memberPayments')!;
      expect(figure.value, org.name).toBe((await byHand(org, range())).memberPayments);
      expect(figure.lastYear, org.name).toBe((await byHand(org, lastYear())).memberPayments);
    }
    // By eye: two supermarket cards paid, one refunded; the pharmacy's card.
    const paid = await figuresOf(world.orgs.city, range());
    expect(paid.get('benefits.memberPayments')!.value).toBe(offers.card!.priceFen + offers.pharmacyCard!.priceFen);

    for (const key of ['benefits.memberPayments', 'benefits.merchants', 'benefits.offers'] as const) {
      const detail = await world.api.request(
        'GET',
        `/api/staff/figure?figure=${key}&from=${range().from}&to=${range().to}`,
        { token: city },
      );
      expect(detail.status, JSON.stringify(detail.body)).toBe(200);
      for (const row of (detail.body as FigureDetail).byChild) {
        const child = Object.values(world.orgs).find((org) => org.id === row.org.id)!;
        const expected = await byHand(child, range());
        expect(row.value, `${key} ${row.org.name}`).toBe(
          expected[key.slice('benefits.'.length) as keyof typeof expected],
        );
      }
    }
  });
});
