/** What a member sees of an order, and what the mini-program needs to pay for it. */
import type { Order, OrderPayment, OrderStatus } from '@union/shared';
import type { WechatPayRuntime } from '../../runtime';
import type { OrderDoc } from './order.model';

export function presentOrder(order: OrderDoc): Order {
  return {
    id: String(order._id),
    orderNo: order.orderNo,
    status: order.status as OrderStatus,
    offerId: String(order.offerId),
    offerTitle: order.offerTitle,
    merchantName: order.merchantName,
    amountFen: order.amountFen,
    // Orders placed before the terms were kept on them show no subsidy rather than a guess.
    faceValueFen: order.faceValueFen ?? order.amountFen,
    unionSubsidyFen: order.unionSubsidyFen ?? 0,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    closedAt: order.closedAt?.toISOString() ?? null,
    voucherId: order.voucherId ? String(order.voucherId) : null,
  };
}

/** Fresh `Taro.requestPayment` parameters while the order can still be paid. */
export function presentOrderPayment(order: OrderDoc, wechatPay: WechatPayRuntime | null): OrderPayment {
  const payable = order.status === 'pending_payment' && order.prepayId && wechatPay;
  return {
    order: presentOrder(order),
    payment: payable ? wechatPay.client.paymentParamsFor(order.prepayId!) : null,
    simulated: wechatPay?.simulated ?? false,
  };
}
