/**
 * Placing an order for a product. The order (holding the product's reserved unit) is written
 * before WeChat Pay hears of it, so no notification can arrive for an order we do not know;
 * then the JSAPI prepay. Idempotent by the client's requestId: a replay returns the same
 * order (with fresh payment parameters), and parallel replays reserve one unit between them.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { chinaDateOf } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { ConflictError } from '../../http/errors';
import { EmulatorError } from '../../integrations/wechat-pay/emulator-core';
import type { WechatPayEmulator } from '../../integrations/wechat-pay/emulator';
import { WechatPayApiError } from '../../integrations/wechat-pay/errors';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { recordEvent, SYSTEM_ACTOR } from '../event-trail/record';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { closeOrderLocally, closeUnpaidOrder, settleWithWechatPay } from './order-lifecycle';
import { orderSubject, payerActor, yuan } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { ownOrder } from './policy';
import { productOf, ReservationConflict, type OrderTerms, type ProductRef } from './products';
import { ORDER_PAYMENT_WINDOW_MS, paymentNotifyUrl, requireWechatPay, type PaymentApp } from './settings';

/** How long a request that lost a race waits for its parallel duplicate to write the order. */
const DUPLICATE_WAIT_MS = [25, 50, 100, 200, 400];

export interface PlaceOrderInput {
  product: ProductRef;
  requestId: string;
  /** Where WeChat Pay calls back: PUBLIC_BASE_URL (required in production whenever payments are on). */
  notifyBaseUrl: string;
}

export async function placeOrder(app: PaymentApp, actor: Actor, input: PlaceOrderInput, now: Date): Promise<OrderDoc> {
  requireWechatPay(app);
  const adapter = productOf(input.product);
  const requestKey = `${actor.memberId ?? actor.accountId}:${input.requestId}`;
  const existing = actor.memberId ? await orderOfRequest(requestKey, input.product) : null;
  if (existing) {
    // An earlier attempt may have been cut off right after writing it: finish what it left.
    await adapter.orderWritten?.(existing);
    if (!(await TrailEventModel.exists({ orderId: existing._id, kind: 'order.created' })))
      await recordCreated(existing);
    return resumeOrder(app, existing, now);
  }

  // The payer's WeChat account is checked after the product's own checks, before its unit is held.
  let openid = '';
  const beforeHold = async () => {
    openid = await payerOpenid(actor);
  };
  let terms: OrderTerms;
  try {
    terms = await adapter.reserve({ actor, ref: input.product.ref, now, beforeHold, requestKey });
  } catch (caught) {
    if (!(caught instanceof ReservationConflict)) throw caught;
    // A parallel duplicate of this very request may hold the last unit or the member's quota.
    const duplicate = await awaitDuplicate(requestKey, input.product);
    if (duplicate) return resumeOrder(app, duplicate, now);
    throw caught.refusal;
  }
  let order: OrderDoc;
  try {
    order = await insertOrder({
      requestKey,
      product: { kind: input.product.kind, ref: new Types.ObjectId(input.product.ref), facts: terms.facts },
      title: terms.title,
      description: terms.description,
      memberId: terms.payer.memberId,
      accountId: new Types.ObjectId(actor.accountId),
      payerOpenid: openid,
      payerLabel: terms.payer.label,
      amountFen: terms.amountFen,
      totalFen: terms.totalFen,
      unionSubsidyFen: terms.unionSubsidyFen,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ORDER_PAYMENT_WINDOW_MS),
      notifyBaseUrl: input.notifyBaseUrl,
    });
  } catch (caught) {
    // A parallel duplicate of this request wrote the order: it keeps its unit (a second one this attempt took goes back).
    if (caught instanceof DuplicateRequest) {
      const written = (await orderOfRequest(requestKey, input.product))!;
      await adapter.orderWritten?.(written, terms);
      return resumeOrder(app, written, now);
    }
    // Cut off from the database, the unit stays held: the retry resumes it, or the sweep gives it back.
    if (!isDatabaseUnavailable(caught)) await adapter.release(unwrittenOrder(input.product, terms, requestKey));
    throw caught;
  }
  await adapter.orderWritten?.(order);
  await recordCreated(order);
  return requestPrepay(app, order, now);
}

const recordCreated = (order: OrderDoc) =>
  recordEvent({
    kind: 'order.created',
    actor: payerActor(order),
    at: order.createdAt,
    ...orderSubject(order),
    amountFen: order.amountFen,
    summary: `下单「${order.title}」，待支付 ${yuan(order.amountFen)} 元`,
    once: `order.created:${String(order._id)}`,
  });

/** The payer's WeChat openid: WeChat Pay charges that user. */
async function payerOpenid(actor: Actor): Promise<string> {
  const account = await AccountModel.findById(actor.accountId, { openid: 1 }).lean();
  if (!account?.openid) throw ConflictError('请在微信小程序中登录后购买', 'wechat_login_required');
  return account.openid;
}

/** What `release` needs of an order that was never written: the product and its facts. */
const unwrittenOrder = (product: ProductRef, terms: OrderTerms, requestKey: string) =>
  ({
    product: { kind: product.kind, ref: new Types.ObjectId(product.ref), facts: terms.facts },
    memberId: terms.payer.memberId,
    requestKey,
  }) as OrderDoc;

async function orderOfRequest(requestKey: string, product: ProductRef): Promise<OrderDoc | null> {
  const order = await OrderModel.findOne({ requestKey }).lean<OrderDoc>();
  if (order && (order.product.kind !== product.kind || String(order.product.ref) !== product.ref)) {
    throw ConflictError(productOf(product).words.requestReused, 'request_reused');
  }
  return order;
}

async function awaitDuplicate(requestKey: string, product: ProductRef): Promise<OrderDoc | null> {
  for (const wait of DUPLICATE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    const order = await orderOfRequest(requestKey, product);
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
  | 'fulfilmentId'
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
      description: order.description.slice(0, 40),
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
  if (order.status !== 'pending_payment') throw ConflictError(productOf(order).words.paidCannotCancel, 'order_paid');
  requireWechatPay(app);
  return closeUnpaidOrder(app, order, 'cancelled', payerActor(order), now);
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
