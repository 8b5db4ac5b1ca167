/**
 * What the order page needs to pay an order it did not create. The offer page hands over
 * the payment it just received (in memory), and remembers each order's requestId on the
 * phone: replaying createOrder with it returns the same order with fresh payment
 * parameters, so a member who cancelled the WeChat Pay sheet, or left and came back,
 * can still pay that order instead of reserving a second one.
 */
import Taro from '@tarojs/taro';
import type { OrderPayment } from '@union/shared';

const TICKETS_KEY = 'union.benefits.orderTickets';
/** Orders close after 15 minutes unpaid; a few recent ones are plenty. */
const MAX_TICKETS = 10;

export interface OrderTicket {
  orderId: string;
  offerId: string;
  requestId: string;
}

let handoff: OrderPayment | null = null;

export function rememberOrder(ticket: OrderTicket, payment: OrderPayment): void {
  handoff = payment;
  const kept = loadTickets().filter((t) => t.orderId !== ticket.orderId);
  Taro.setStorageSync(TICKETS_KEY, [ticket, ...kept].slice(0, MAX_TICKETS));
}

/** The payment the offer page just created for this order, once. */
export function takeHandoff(orderId: string): OrderPayment | null {
  const payment = handoff?.order.id === orderId ? handoff : null;
  handoff = null;
  return payment;
}

export function orderTicket(orderId: string): OrderTicket | null {
  return loadTickets().find((t) => t.orderId === orderId) ?? null;
}

/** The latest order for an offer that may still be waiting for payment. */
export function ticketForOffer(offerId: string): OrderTicket | null {
  return loadTickets().find((t) => t.offerId === offerId) ?? null;
}

/** Paid or closed: the requestId must not be replayed any more. */
export function forgetOrder(orderId: string): void {
  Taro.setStorageSync(
    TICKETS_KEY,
    loadTickets().filter((t) => t.orderId !== orderId),
  );
}

function loadTickets(): OrderTicket[] {
  const stored: unknown = Taro.getStorageSync(TICKETS_KEY);
  return Array.isArray(stored) ? (stored as OrderTicket[]) : [];
}
