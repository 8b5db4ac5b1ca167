/**
 * Who may do what with orders: a member acts on their own orders only; anyone else's reads
 * exactly like a missing one. Payments need a bound member and a WeChat account (the payer).
 */
import { Types } from 'mongoose';
import { ForbiddenError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { ELIGIBILITY_REASONS } from '../offers/eligibility';
import { OrderModel, type OrderDoc } from './order.model';

export const paymentPolicy = {
  ownOrder: (actor: Actor, order: Pick<OrderDoc, 'memberId'>) =>
    actor.memberId !== null && actor.memberId === String(order.memberId),
};

export async function requireMember(actor: Actor): Promise<MemberDoc> {
  const member = actor.memberId ? await MemberModel.findById(actor.memberId).lean<MemberDoc>() : null;
  if (!member) throw ForbiddenError(ELIGIBILITY_REASONS.notMember);
  return member;
}

export async function ownOrder(actor: Actor, id: string | Types.ObjectId): Promise<OrderDoc> {
  const order = await OrderModel.findById(id).lean<OrderDoc>();
  if (!order || !paymentPolicy.ownOrder(actor, order)) throw NotFoundError('订单不存在');
  return order;
}
