/** Small facts about an order that several payment steps share. */
import type { EventActor } from '../event-trail/record';
import type { OrderDoc } from './order.model';
import { productOf } from './products';

/** What every trail event about an order names: the order and the product's own subjects. */
export const orderSubject = (order: OrderDoc) => ({ ...productOf(order).eventSubjects(order), orderId: order._id });

/** The payer as the event trail names them. */
export const payerActor = (order: OrderDoc): EventActor => ({
  kind: 'member',
  accountId: order.accountId,
  label: order.payerLabel,
});

export const yuan = (fen: number) => (fen / 100).toFixed(2);
