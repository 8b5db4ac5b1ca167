/**
 * WeChat Pay's payment and refund notifications: verified (signature by WeChat Pay's key,
 * timestamp window), decrypted, checked against the order (merchant, app, order number,
 * amount), then applied through the same functions as every other path, so a notification
 * retried any number of times changes things once. A refusal is an HttpError (WeChat Pay then
 * retries); a duplicate is a success.
 */
import { HttpError } from '../../http/errors';
import type { RefundStatus, TransactionReply } from '../../integrations/wechat-pay/client';
import { WechatPayMismatchError } from '../../integrations/wechat-pay/errors';
import { assertTransactionMatches, verifyPaymentNotification } from '../../integrations/wechat-pay/notification';
import type { WechatPayRuntime } from '../../runtime';
import { recordEvent, WECHAT_PAY_ACTOR } from '../event-trail/record';
import { fulfilOrder } from './order-lifecycle';
import { orderSubject } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { finishRefund } from './refunds.service';
import type { PaymentApp } from './settings';

export interface NotificationInput {
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  now: Date;
}

interface RefundResource {
  mchid?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  refund_id?: string;
  refund_status?: RefundStatus;
  amount?: { total?: number; refund?: number };
}

const unknownOrder = () => new HttpError(404, 'order_not_found', '订单不存在');

export async function handlePaymentNotification(
  app: PaymentApp,
  wechatPay: WechatPayRuntime,
  input: NotificationInput,
) {
  const notification = verifyPaymentNotification<TransactionReply>({ ...input, ...keysOf(wechatPay) });
  const transaction = notification.resource;
  // Only TRANSACTION.SUCCESS is sent for JSAPI payments; anything else needs nothing from us.
  if (notification.eventType !== 'TRANSACTION.SUCCESS') return;
  const order = await OrderModel.findOne({ orderNo: String(transaction.out_trade_no) }).lean<OrderDoc>();
  if (!order) throw unknownOrder();
  try {
    assertTransactionMatches(transaction, {
      mchid: wechatPay.mchId,
      appid: wechatPay.appId,
      outTradeNo: order.orderNo,
      totalFen: order.amountFen,
    });
  } catch (error) {
    if (error instanceof WechatPayMismatchError)
      await recordMismatch(order, error, transaction.amount?.total, input.now);
    throw error;
  }
  if (transaction.trade_state !== 'SUCCESS') return;
  await fulfilOrder(
    app,
    order._id,
    {
      transactionId: transaction.transaction_id ?? null,
      paidAt: transaction.success_time ? new Date(transaction.success_time) : input.now,
    },
    input.now,
  );
}

export async function handleRefundNotification(wechatPay: WechatPayRuntime, input: NotificationInput) {
  const notification = verifyPaymentNotification<RefundResource>({ ...input, ...keysOf(wechatPay) });
  const refund = notification.resource;
  const order = await OrderModel.findOne({ 'refund.outRefundNo': String(refund.out_refund_no) }).lean<OrderDoc>();
  if (!order) {
    // About an earlier refund of an order that has been refunded again since: already applied.
    const earlier = await OrderModel.exists({ orderNo: String(refund.out_trade_no), refundAttempts: { $gte: 2 } });
    if (earlier && String(refund.out_refund_no).startsWith(`${String(refund.out_trade_no)}R`)) return;
    throw unknownOrder();
  }
  const mismatched: string[] = [];
  if (refund.mchid !== wechatPay.mchId) mismatched.push('商户号');
  if (refund.out_trade_no !== order.orderNo) mismatched.push('订单号');
  // One full refund of the order: both the order's total and the refund are its amount.
  if (refund.amount?.total !== order.amountFen || refund.amount?.refund !== order.amountFen) mismatched.push('金额');
  if (mismatched.length > 0) {
    const error = new WechatPayMismatchError(mismatched);
    await recordMismatch(order, error, refund.amount?.refund, input.now);
    throw error;
  }
  const status = notification.eventType.replace(/^REFUND\./, '') as RefundStatus;
  if (!['SUCCESS', 'CLOSED', 'ABNORMAL'].includes(status)) return;
  await finishRefund(order, status, refund.refund_id ?? null, WECHAT_PAY_ACTOR, input.now);
}

const keysOf = (wechatPay: WechatPayRuntime) => ({
  apiV3Key: wechatPay.apiV3Key,
  platformKeys: wechatPay.platformKeys,
});

async function recordMismatch(
  order: OrderDoc,
  error: WechatPayMismatchError,
  amountFen: number | undefined,
  now: Date,
) {
  await recordEvent({
    kind: 'order.payment_mismatch',
    actor: WECHAT_PAY_ACTOR,
    at: now,
    ...orderSubject(order),
    amountFen: amountFen ?? null,
    summary: error.message,
    detail: { fields: error.fields },
  });
}
