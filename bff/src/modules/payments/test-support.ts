/**
 * Test world for payments: the real BFF over HTTP with the WeChat Pay emulator mounted behind
 * an interceptor on api.mch.weixin.qq.com (so the real client signs and the real routes verify),
 * a merchant with a union-subsidised voucher, and bound members.
 */
import { Types } from 'mongoose';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import type { WechatPayEmulator } from '../../integrations/wechat-pay/emulator';
import { interceptWechatPay, type WechatPayInterception } from '../../integrations/wechat-pay/test-support';
import type { MerchantDoc } from '../merchants/merchant.model';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { ClaimQuotaModel } from '../vouchers/claim-quota.model';
import { createMerchant, createOffer, memberSession, requestId, type MemberSession } from '../vouchers/test-support';
import { VoucherModel } from '../vouchers/voucher.model';
import { OrderModel, type OrderDoc } from './order.model';

export { eventually } from '../stations/test-support';
export { requestId };

export interface PaymentWorld {
  api: TestApi;
  emulator: WechatPayEmulator;
  wechatPay: WechatPayInterception;
  orgs: OrgTree;
  merchant: MerchantDoc;
  stop(): Promise<void>;
}

export async function startPaymentWorld(env: Record<string, string> = {}): Promise<PaymentWorld> {
  const api = await startTestApi({ WECHAT_PAY_EMULATOR_HTTP: 'false', ...env });
  const emulator = api.running.runtime.wechatPayEmulator!;
  // Refunds settle only when a test says so, unless it asks for WeChat Pay's own timing.
  emulator.setRefundBehaviour({ outcome: 'manual' });
  const wechatPay = interceptWechatPay(emulator);
  const orgs = await createOrgTree();
  const merchant = await createMerchant(orgs.xihuTech, '西溪爱心超市');
  return {
    api,
    emulator,
    wechatPay,
    orgs,
    merchant,
    async stop() {
      wechatPay.stop();
      await api.stop();
    },
  };
}

/** 爱心超市 100 元券: the member pays ¥12, the union subsidises ¥88. */
export function paidOffer(world: PaymentWorld, overrides: Record<string, unknown> = {}): Promise<OfferDoc> {
  return createOffer(world.merchant, {
    kind: 'subsidised_voucher',
    title: '爱心超市 100 元券',
    coupon: null,
    faceValueFen: 10_000,
    priceFen: 1_200,
    unionSubsidyFen: 8_800,
    stockTotal: 10,
    limitPerMember: 2,
    ...overrides,
  });
}

export const newMember = (world: PaymentWorld, name = '李秀英'): Promise<MemberSession> =>
  memberSession(world.api, world.orgs.xihuTech, name);

export const buy = (world: PaymentWorld, member: MemberSession, offer: OfferDoc, id = requestId()) =>
  world.api.request('POST', `/api/benefits/offers/${String(offer._id)}/orders`, {
    token: member.token,
    body: { requestId: id },
  });

/** Buys and expects the order to be created. */
export async function placeOrder(world: PaymentWorld, member: MemberSession, offer: OfferDoc) {
  const response = await buy(world, member, offer);
  if (response.status !== 200) throw new Error(`order not created: ${JSON.stringify(response.body)}`);
  return response.body.order as { id: string; orderNo: string; status: string };
}

export const orderAction = (
  world: PaymentWorld,
  member: MemberSession,
  orderId: string,
  action: 'confirm' | 'cancel',
) => world.api.request('POST', `/api/benefits/orders/${orderId}/${action}`, { token: member.token });

export const getOrder = (world: PaymentWorld, member: MemberSession, orderId: string) =>
  world.api.request('GET', `/api/benefits/orders/${orderId}`, { token: member.token });

/** The stored order, naming the voucher it became as `voucherId`. */
export async function orderDoc(orderId: string) {
  const order = (await OrderModel.findById(orderId).lean<OrderDoc>())!;
  return { ...order, voucherId: order.fulfilmentId };
}

export const vouchersOfOrder = (orderId: string) => VoucherModel.find({ orderId: new Types.ObjectId(orderId) }).lean();

export async function stockOf(offer: OfferDoc): Promise<number> {
  return (await OfferModel.findById(offer._id, { stockRemaining: 1 }).lean())!.stockRemaining;
}

/** Units of the offer the member holds in the current period (reserved orders included). */
export async function quotaOf(offer: OfferDoc, member: MemberSession): Promise<number> {
  const quota = await ClaimQuotaModel.findOne({
    offerId: offer._id,
    memberId: new Types.ObjectId(member.memberId),
  }).lean();
  return quota?.count ?? 0;
}

export async function eventKinds(orderId: string): Promise<string[]> {
  const events = await TrailEventModel.find({ orderId: new Types.ObjectId(orderId) })
    .sort({ at: 1, _id: 1 })
    .lean();
  return events.map((event) => event.kind);
}

/** POSTs a notification to the BFF exactly as given (a replay, a forgery). */
export const postNotification = (
  world: PaymentWorld,
  path: '/api/payments/wechat/notify' | '/api/payments/wechat/refund-notify',
  message: { headers: Record<string, string>; body: string },
) =>
  world.api.request('POST', path, {
    headers: { 'Content-Type': 'application/json', ...message.headers },
    rawBody: message.body,
  });
