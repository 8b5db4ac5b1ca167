/**
 * The transitions money depends on. Each is one conditional update on the order's current
 * status, so it happens once however many notifications, confirmations and job passes race;
 * what follows it (fulfilling through the product, giving its unit back) is idempotent or runs
 * only behind the winning update. The notification route, confirmOrder, cancelOrder and the
 * payment job all go through these functions.
 */
import type { Types } from 'mongoose';
import { updateIfAndRead } from '../../db/conditional-update';
import type { WechatPayTransaction } from '../../integrations/wechat-pay/client';
import { WechatPayApiError } from '../../integrations/wechat-pay/errors';
import { recordEvent, SYSTEM_ACTOR, WECHAT_PAY_ACTOR, type EventActor } from '../event-trail/record';
import { orderSubject, yuan } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { productOf } from './products';
import { refundNumber } from './refund-number';
import { sendRefund } from './refunds.service';
import { requireWechatPay, type PaymentApp } from './settings';

export interface PaymentFacts {
  transactionId: string | null;
  paidAt: Date;
}

const reload = async (id: Types.ObjectId) => (await OrderModel.findById(id).lean<OrderDoc>())!;

/**
 * The member paid: pending → paid, then the product is fulfilled. An order already paid only
 * gets its fulfilment made sure of (repairing a crash between the two steps); a payment for
 * an order we closed is refunded, never kept.
 */
export async function fulfilOrder(app: PaymentApp, orderId: Types.ObjectId, payment: PaymentFacts, now: Date) {
  // pending → paid for exactly one of the racing notifications, confirmations and job passes.
  const paid = await updateIfAndRead(
    OrderModel,
    { key: { _id: orderId }, when: { status: 'pending_payment' } },
    { $set: { status: 'paid', paidAt: payment.paidAt, transactionId: payment.transactionId } },
  );
  if (paid) return completePayment(paid, payment, now);
  const current = await reload(orderId);
  // Paid by an earlier delivery that may have been cut off before finishing what follows.
  if (current.status === 'paid') return current.fulfilmentId ? current : completePayment(current, payment, now);
  if (current.status === 'closed' && !current.refund) return refundPaymentAfterClose(app, current, payment, now);
  return current;
}

/**
 * What follows pending → paid, in order: the trail, the figures, the fulfilment. A fulfilment id
 * on the order therefore means all of it is done; without one, any delivery or job pass (racing
 * the first, or after a crash) runs it all again: each step happens once however often it runs.
 */
async function completePayment(order: OrderDoc, payment: PaymentFacts, now: Date) {
  await recordEvent({
    kind: 'order.paid',
    actor: WECHAT_PAY_ACTOR,
    at: now,
    ...orderSubject(order),
    amountFen: order.amountFen,
    summary: `支付成功 ${yuan(order.amountFen)} 元（订单 ${order.orderNo}）`,
    detail: { transactionId: order.transactionId ?? payment.transactionId },
    once: `order.paid:${String(order._id)}`,
  });
  // Counted from the order's own fields: running twice changes nothing.
  await productOf(order).moneyChanged?.(order);
  return ensureFulfilled(order, now);
}

/** A paid order without its fulfilment (a crash after the payment was recorded): finish what follows. */
export const finishPaidOrder = (order: OrderDoc, now: Date) =>
  completePayment(order, { transactionId: order.transactionId ?? null, paidAt: order.paidAt ?? now }, now);

/** Fulfils the paid order through its product unless that is done (the product's fulfil is idempotent). */
export async function ensureFulfilled(order: OrderDoc, now: Date): Promise<OrderDoc> {
  if (order.fulfilmentId) return order;
  const fulfilmentId = await productOf(order).fulfil(order, now);
  await OrderModel.updateOne({ _id: order._id, fulfilmentId: null }, { $set: { fulfilmentId } });
  return reload(order._id);
}

async function refundPaymentAfterClose(app: PaymentApp, order: OrderDoc, payment: PaymentFacts, now: Date) {
  const attempt = (order.refundAttempts ?? 0) + 1;
  // closed → refunding once, however many deliveries of the payment race.
  const refunding = await updateIfAndRead(
    OrderModel,
    { key: { _id: order._id }, when: { status: 'closed', refund: null } },
    {
      $set: {
        status: 'refunding',
        paidAt: payment.paidAt,
        transactionId: payment.transactionId,
        refundAttempts: attempt,
        refund: {
          outRefundNo: refundNumber(order.orderNo, attempt),
          requestId: null,
          reason: '订单已关闭后收到付款，原路退回',
          requestedAt: now,
          status: 'requested',
        },
      },
    },
  );
  if (!refunding) return reload(order._id);
  await productOf(refunding).moneyChanged?.(refunding);
  await recordEvent({
    kind: 'order.payment_mismatch',
    actor: WECHAT_PAY_ACTOR,
    at: now,
    ...orderSubject(refunding),
    amountFen: refunding.amountFen,
    summary: `订单已关闭后收到付款 ${yuan(refunding.amountFen)} 元，已自动发起退款`,
    detail: { transactionId: payment.transactionId },
  });
  await sendRefund(app, refunding, now);
  return reload(order._id);
}

export type CloseReason = 'timeout' | 'cancelled' | 'prepay_refused' | 'wechat_closed' | 'amount_mismatch';

const CLOSE_SUMMARIES: Record<CloseReason, string> = {
  timeout: '超时未支付，订单关闭，库存已释放',
  cancelled: '会员取消订单，库存已释放',
  prepay_refused: '微信支付未受理下单，订单关闭，库存已释放',
  wechat_closed: '微信支付订单已关闭或支付失败，订单关闭，库存已释放',
  amount_mismatch: '微信支付记录的金额与订单不符，订单关闭，库存已释放；款项需工作人员在商户平台核对处理',
};

/** pending → closed here (WeChat Pay already knows it will not be paid), then the unit goes back. */
export async function closeOrderLocally(order: OrderDoc, reason: CloseReason, actor: EventActor, now: Date) {
  // pending → closed once: only the closer that won gives the unit back.
  const closed = await updateIfAndRead(
    OrderModel,
    { key: { _id: order._id }, when: { status: 'pending_payment' } },
    { $set: { status: 'closed', closedAt: now, closedReason: reason } },
  );
  if (!closed) return reload(order._id);
  await productOf(closed).release(closed);
  await recordEvent({
    kind: 'order.closed',
    actor,
    at: now,
    ...orderSubject(closed),
    amountFen: closed.amountFen,
    summary: CLOSE_SUMMARIES[reason],
  });
  return closed;
}

/**
 * Closes an unpaid order at WeChat Pay (so it can no longer be paid), then here. If WeChat Pay
 * says it was paid meanwhile, the order is fulfilled instead.
 */
export async function closeUnpaidOrder(
  app: PaymentApp,
  order: OrderDoc,
  reason: CloseReason,
  actor: EventActor,
  now: Date,
) {
  const { client } = requireWechatPay(app);
  try {
    await client.close(order.orderNo);
  } catch (error) {
    if (!(error instanceof WechatPayApiError)) throw error;
    if (error.code === 'wechat_pay_order_paid') return settleWithWechatPay(app, order, { closeIfUnpaid: false }, now);
    // Never created there (the prepay was lost), or closed already: nothing can be paid.
    if (error.code !== 'wechat_pay_order_not_found' && error.code !== 'wechat_pay_order_closed') throw error;
  }
  return closeOrderLocally(order, reason, actor, now);
}

/**
 * Asks WeChat Pay what became of a pending order and acts on it: paid → fulfil; closed or
 * failed there → close here; still unpaid → unchanged, or closed when `closeIfUnpaid` (expired).
 * Throws when WeChat Pay cannot be reached: the order then stays as it is.
 */
export async function settleWithWechatPay(
  app: PaymentApp,
  order: OrderDoc,
  options: { closeIfUnpaid: boolean },
  now: Date,
): Promise<OrderDoc> {
  const { client } = requireWechatPay(app);
  const transaction = await client.queryByOutTradeNo(order.orderNo);
  if (transaction && (transaction.tradeState === 'SUCCESS' || transaction.tradeState === 'REFUND')) {
    // Never fulfilled for a different amount; closed (with its unit back) rather than left
    // pending, where the job would ask about it forever. The events tell staff.
    if (!(await amountMatches(order, transaction, now))) {
      return closeOrderLocally(order, 'amount_mismatch', SYSTEM_ACTOR, now);
    }
    return fulfilOrder(
      app,
      order._id,
      { transactionId: transaction.transactionId, paidAt: transaction.successTime ?? now },
      now,
    );
  }
  if (transaction?.tradeState === 'CLOSED') return closeOrderLocally(order, 'wechat_closed', SYSTEM_ACTOR, now);
  // A failed or revoked payment can still be paid with the same prepay id until time_expire:
  // closed there first, like any unpaid order.
  if (transaction && ['REVOKED', 'PAYERROR'].includes(transaction.tradeState)) {
    return closeUnpaidOrder(app, order, 'wechat_closed', SYSTEM_ACTOR, now);
  }
  if (!options.closeIfUnpaid || order.status !== 'pending_payment') return order;
  return closeUnpaidOrder(app, order, 'timeout', SYSTEM_ACTOR, now);
}

async function amountMatches(order: OrderDoc, transaction: WechatPayTransaction, now: Date): Promise<boolean> {
  if (transaction.amountFen === order.amountFen) return true;
  await recordEvent({
    kind: 'order.payment_mismatch',
    actor: WECHAT_PAY_ACTOR,
    at: now,
    ...orderSubject(order),
    amountFen: transaction.amountFen,
    summary: `微信支付查单金额与订单不符：${yuan(transaction.amountFen ?? 0)} 元，订单 ${yuan(order.amountFen)} 元`,
  });
  return false;
}
