/**
 * Who may do what with orders: a member acts on their own orders only; anyone else's reads
 * exactly like a missing one.
 */
import type { Types } from 'mongoose';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { OrderModel, type OrderDoc } from './order.model';

export const paymentPolicy = definePolicy(
  {
    view: (actor: Actor, order: Pick<OrderDoc, 'memberId'>) =>
      actor.memberId !== null && actor.memberId === String(order.memberId),
  },
  () => NotFoundError('订单不存在'),
);

/** The member's own order, or 404. */
export async function ownOrder(actor: Actor, id: string | Types.ObjectId): Promise<OrderDoc> {
  const order = await OrderModel.findById(id).lean<OrderDoc>();
  if (!order) throw NotFoundError('订单不存在');
  paymentPolicy.authorize(actor, 'view', order);
  return order;
}
