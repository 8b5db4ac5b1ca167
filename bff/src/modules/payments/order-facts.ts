/** Small facts about an order that several payment steps share. */
import type { Reservation } from '../vouchers/claim-core';
import type { OrderDoc } from './order.model';

/** The unit of stock and quota the order holds (taken when it was created). */
export const reservationOf = (order: OrderDoc): Reservation => ({
  offerId: order.offerId,
  memberId: order.memberId,
  periodKey: order.periodKey,
});

/** What every benefit event about an order names. */
export const orderSubject = (order: OrderDoc) => ({
  orderId: order._id,
  offerId: order.offerId,
  merchantId: order.merchantId,
  voucherId: order.voucherId ?? null,
});

export const yuan = (fen: number) => (fen / 100).toFixed(2);
