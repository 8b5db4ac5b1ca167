/**
 * Buying a paid voucher. The order (holding a reserved unit of stock and quota) is written
 * before WeChat Pay hears of it, so no notification can arrive for an order we do not know;
 * then the JSAPI prepay. Idempotent by the client's requestId: a replay returns the same
 * order (with fresh payment parameters), and parallel replays reserve one unit between them.
 */
import { randomInt } from 'node:crypto';
import { chinaDateOf, offerNeedsPayment, type OfferKind } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, HttpError, NotFoundError } from '../../http/errors';
import { EmulatorError } from '../../integrations/wechat-pay/emulator-core';
import type { WechatPayEmulator } from '../../integrations/wechat-pay/emulator';
import { WechatPayApiError } from '../../integrations/wechat-pay/errors';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { MerchantModel } from '../merchants/merchant.model';
import type { MemberDoc } from '../membership/member.model';
import { offerEligibilityReasons } from '../offers/eligibility';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { claimedInPeriod, releaseClaim, reserveClaim, type Reservation } from '../vouchers/claim-core';
import { memberActor, recordBenefitEvent, SYSTEM_ACTOR } from '../vouchers/events';
import { closeOrderLocally, closeUnpaidOrder, settleWithWechatPay } from './order-lifecycle';
import { orderSubject, yuan } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { ownOrder, requireMember } from './policy';
import { ORDER_PAYMENT_WINDOW_MS, paymentNotifyUrl, requireWechatPay, type PaymentApp } from './settings';

/** How long a request that lost a race waits for its parallel duplicate to write the order. */
const DUPLICATE_WAIT_MS = [25, 50, 100, 200, 400];

export async function createOrder(
  app: PaymentApp,
  actor: Actor,
  input: { offerId: string; requestId: string; notifyBaseUrl: string },
  now: Date,
): Promise<OrderDoc> {
  requireWechatPay(app);
  const member = await requireMember(actor);
  const requestKey = `${String(member._id)}:${input.requestId}`;
  const existing = await orderOfRequest(requestKey, input.offerId);
  if (existing) return resumeOrder(app, existing, now);

  const offer = await OfferModel.findById(input.offerId).lean<OfferDoc>();
  if (!offer || offer.status === 'draft') throw NotFoundError('优惠不存在');
  if (!offerNeedsPayment({ kind: offer.kind as OfferKind, priceFen: offer.priceFen }))
    throw ConflictError('这是免费券，请直接领取', 'free_offer');
  const refusal = await eligibilityRefusal(offer, member, now);
  if (refusal) {
    // A double tap on the last unit: the first tap may hold it with its order not yet written.
    const duplicate = (await mayBeDuplicateHoldingUnit(offer, member, now))
      ? await awaitDuplicate(requestKey, input.offerId)
      : null;
    if (duplicate) return resumeOrder(app, duplicate, now);
    throw refusal;
  }
  const account = await AccountModel.findById(actor.accountId, { openid: 1 }).lean();
  if (!account?.openid) throw ConflictError('请在微信小程序中登录后购买', 'wechat_login_required');
  const merchant = await MerchantModel.findById(offer.merchantId, { name: 1 }).lean();
  if (!merchant) throw NotFoundError('优惠不存在');

  let reservation: Reservation;
  try {
    reservation = await reserveClaim(offer, member._id, now);
  } catch (caught) {
    // A parallel duplicate of this very request may hold the last unit or the member's quota.
    const duplicate =
      caught instanceof HttpError && caught.status === 409 ? await awaitDuplicate(requestKey, input.offerId) : null;
    if (duplicate) return resumeOrder(app, duplicate, now);
    throw caught;
  }
  let order: OrderDoc;
  try {
    order = await insertOrder({
      requestKey,
      memberId: member._id,
      accountId: account._id,
      payerOpenid: account.openid,
      offerId: offer._id,
      merchantId: offer.merchantId,
      offerTitle: offer.title,
      merchantName: merchant.name,
      amountFen: offer.priceFen,
      faceValueFen: offer.faceValueFen,
      unionSubsidyFen: offer.unionSubsidyFen,
      periodKey: reservation.periodKey,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ORDER_PAYMENT_WINDOW_MS),
      notifyBaseUrl: input.notifyBaseUrl,
    });
  } catch (caught) {
    await releaseClaim(reservation);
    if (!(caught instanceof DuplicateRequest)) throw caught;
    return resumeOrder(app, (await orderOfRequest(requestKey, input.offerId))!, now);
  }
  await recordBenefitEvent({
    kind: 'order.created',
    actor: memberActor(actor.accountId, member.name),
    at: now,
    ...orderSubject(order),
    amountFen: order.amountFen,
    summary: `下单「${order.offerTitle}」，待支付 ${yuan(order.amountFen)} 元`,
  });
  return requestPrepay(app, order, now);
}

async function eligibilityRefusal(offer: OfferDoc, member: MemberDoc, now: Date): Promise<HttpError | null> {
  const reasons = await offerEligibilityReasons(offer, member, now);
  return reasons.length > 0 ? new HttpError(403, 'not_eligible', `暂不能购买：${reasons.join('；')}`) : null;
}

/** Only a sold-out offer of which the member holds a unit can be a duplicate's doing. */
async function mayBeDuplicateHoldingUnit(offer: OfferDoc, member: MemberDoc, now: Date): Promise<boolean> {
  return offer.stockRemaining < 1 && (await claimedInPeriod(offer, member._id, now)) > 0;
}

async function orderOfRequest(requestKey: string, offerId: string): Promise<OrderDoc | null> {
  const order = await OrderModel.findOne({ requestKey }).lean<OrderDoc>();
  if (order && String(order.offerId) !== offerId) {
    throw ConflictError('该请求编号已用于购买其他优惠，请重新下单', 'request_reused');
  }
  return order;
}

async function awaitDuplicate(requestKey: string, offerId: string): Promise<OrderDoc | null> {
  for (const wait of DUPLICATE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    const order = await orderOfRequest(requestKey, offerId);
    if (order) return order;
  }
  return null;
}

class DuplicateRequest extends Error {}

type NewOrder = Omit<
  OrderDoc,
  | '_id'
  | 'orderNo'
  | 'status'
  | 'prepayId'
  | 'paidAt'
  | 'transactionId'
  | 'closedAt'
  | 'closedReason'
  | 'voucherId'
  | 'refund'
  | 'refundAttempts'
  | 'lastCheckedAt'
>;

async function insertOrder(fields: NewOrder): Promise<OrderDoc> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const order = await OrderModel.create({ ...fields, orderNo: newOrderNo(fields.createdAt) });
      return order.toObject() as OrderDoc;
    } catch (caught) {
      if (!isDuplicateKeyError(caught)) throw caught;
      if (await OrderModel.exists({ requestKey: fields.requestKey })) throw new DuplicateRequest();
      // Otherwise the random order number collided: draw again.
    }
  }
  throw new Error('could not draw a unique order number');
}

/** `BV` + the China date + 12 random digits: within WeChat Pay's alphabet, and readable on a receipt. */
export function newOrderNo(now: Date): string {
  const digits = Array.from({ length: 12 }, () => randomInt(0, 10)).join('');
  return `BV${chinaDateOf(now).replace(/-/g, '')}${digits}`;
}

/** A replayed request: the order as it is, asking WeChat Pay for its prepay id if that was lost. */
async function resumeOrder(app: PaymentApp, order: OrderDoc, now: Date): Promise<OrderDoc> {
  if (order.status !== 'pending_payment') return order;
  if (order.expiresAt <= now) return viewOrder(app, order, now);
  return order.prepayId ? order : requestPrepay(app, order, now);
}

/**
 * Creates (or finds again: WeChat Pay answers the same order with the same prepay id) the
 * JSAPI transaction. A definite refusal closes the order and gives its unit back; no answer
 * leaves it pending for the payment job, which asks WeChat Pay once it expires.
 */
async function requestPrepay(app: PaymentApp, order: OrderDoc, now: Date): Promise<OrderDoc> {
  const { client } = requireWechatPay(app);
  let prepayId: string;
  try {
    prepayId = await client.prepayJsapi({
      outTradeNo: order.orderNo,
      description: `${order.merchantName}-${order.offerTitle}`.slice(0, 40),
      amountFen: order.amountFen,
      payerOpenid: order.payerOpenid,
      notifyUrl: paymentNotifyUrl(order.notifyBaseUrl),
      expiresAt: order.expiresAt,
    });
  } catch (error) {
    if (!(error instanceof WechatPayApiError) || !error.definite) throw error;
    // Paid already (a replay after the member paid): settle from WeChat Pay's own record.
    if (error.code === 'wechat_pay_order_paid') return settleWithWechatPay(app, order, { closeIfUnpaid: false }, now);
    await closeOrderLocally(order, 'prepay_refused', SYSTEM_ACTOR, now);
    throw error;
  }
  // The first prepay id is kept (WeChat Pay answers a replay with the same one); either way the
  // order is answered as it now stands, which a notification may already have paid.
  await updateIf(OrderModel, { key: { _id: order._id }, when: { prepayId: null } }, { $set: { prepayId } });
  return (await OrderModel.findById(order._id).lean<OrderDoc>())!;
}

/** The order as the member should see it: an expired unpaid one is settled with WeChat Pay first. */
export async function viewOrder(app: PaymentApp, order: OrderDoc, now: Date): Promise<OrderDoc> {
  if (order.status !== 'pending_payment' || order.expiresAt > now || !app.wechatPay) return order;
  try {
    return await settleWithWechatPay(app, order, { closeIfUnpaid: true }, now);
  } catch (error) {
    // WeChat Pay unreachable: show it pending; the payment job settles it later.
    app.logger.warn({ err: error, orderNo: order.orderNo }, 'could not settle an expired order now');
    return order;
  }
}

/** After `requestPayment` returns: asks WeChat Pay unless the notification has already settled it. */
export async function confirmOrder(app: PaymentApp, actor: Actor, orderId: string, now: Date): Promise<OrderDoc> {
  const order = await ownOrder(actor, orderId);
  if (order.status !== 'pending_payment') return order;
  requireWechatPay(app);
  return settleWithWechatPay(app, order, { closeIfUnpaid: order.expiresAt <= now }, now);
}

export async function cancelOrder(app: PaymentApp, actor: Actor, orderId: string, now: Date): Promise<OrderDoc> {
  const order = await ownOrder(actor, orderId);
  if (order.status === 'closed') return order;
  if (order.status !== 'pending_payment')
    throw ConflictError('订单已支付，不能取消；如需退款请在“我的券”中申请', 'order_paid');
  requireWechatPay(app);
  const member = await requireMember(actor);
  return closeUnpaidOrder(app, order, 'cancelled', memberActor(actor.accountId, member.name), now);
}

/** Development only: the member "pays" in the emulator, which sends the real signed notification. */
export async function simulatePayment(emulator: WechatPayEmulator, actor: Actor, orderId: string): Promise<void> {
  const order = await ownOrder(actor, orderId);
  if (order.status !== 'pending_payment') throw ConflictError('订单不是待支付状态', 'order_not_pending');
  try {
    await emulator.pay(order.orderNo);
  } catch (error) {
    if (error instanceof EmulatorError) throw ConflictError(error.message, 'simulated_payment_refused');
    throw error;
  }
}
