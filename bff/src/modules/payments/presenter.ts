/** What a member sees of an order, and what the mini-program needs to pay for it. */
import type { Order, OrderPayment, OrderStatus } from '@union/shared';
import type { WechatPayRuntime } from '../../runtime';
import type { OrderDoc } from './order.model';
import { productOf } from './products';

/** The order's own fields, then the product's (what was bought, what it became). */
export function presentOrder(order: OrderDoc): Order {
  return {
    id: String(order._id),
    orderNo: order.orderNo,
    status: order.status as OrderStatus,
    amountFen: order.amountFen,
    totalFen: order.totalFen,
    unionSubsidyFen: order.unionSubsidyFen,
    resultId: order.fulfilmentId ? String(order.fulfilmentId) : null,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    closedAt: order.closedAt?.toISOString() ?? null,
    // The product names its own fields; outside production `mount` checks them against the contract.
    ...productOf(order).present(order),
  } as Order;
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
