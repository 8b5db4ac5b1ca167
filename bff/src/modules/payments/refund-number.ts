/**
 * An order's refund numbers: the order number, R, and the attempt (R1, R2…). WeChat Pay never
 * refunds one number twice, so each new refund of an order takes the next attempt.
 */
import type { OrderDoc } from './order.model';

export const refundNumber = (orderNo: string, attempt: number) => `${orderNo}R${attempt}`;

/** The attempt of the order's current refund. */
export function refundAttemptOf(order: Pick<OrderDoc, 'orderNo' | 'refund'>): number {
  return Number(order.refund!.outRefundNo.slice(order.orderNo.length + 1));
}
