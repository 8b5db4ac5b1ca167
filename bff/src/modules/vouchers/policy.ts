/**
 * Who may do what with vouchers. Clerks redeem for the one merchant their account is bound
 * to; union office staff settle and audit the vouchers, orders and offers of merchants signed
 * within their subtree (anything outside answers 404 as if it did not exist). Below the
 * rules: the binding guard for clerks' routes and the scopes settlements and the trail read.
 */
import type { Middleware } from 'koa';
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { ForbiddenError, NotFoundError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { MerchantModel } from '../merchants/merchant.model';
import { OfferModel } from '../offers/offer.model';
import { OrganizationModel } from '../organizations/organization.model';
import { voucherOrderMerchant } from './product';
import { VoucherModel } from './voucher.model';

type OrgPath = readonly { toString(): string }[];

export const voucherPolicy = definePolicy(
  {
    /** A clerk's account redeems the vouchers of the merchant it is bound to. */
    redeem: (actor, voucher: { merchantId: { toString(): string } }) =>
      Boolean(actor.merchantId) && String(voucher.merchantId) === actor.merchantId,
    /** Union office staff over the merchant's organisation (a voucher's, an offer's or an organisation's path). */
    audit: (actor, subject: { orgPath: OrgPath }) => holdsRoleOver(actor, UNION_OFFICE_ROLES, subject.orgPath),
  },
  (action) => (action === 'redeem' ? ForbiddenError('这张券不是本店的') : NotFoundError('券不存在')),
);

/** A clerk's account bound to a merchant. */
export type ClerkActor = Actor & { merchantId: string };

/** The actor as a bound clerk; an account without a merchant is refused. */
export function boundClerk(actor: Actor): ClerkActor {
  if (!actor.merchantId) throw ForbiddenError('请先用邀请码绑定商户');
  return { ...actor, merchantId: actor.merchantId };
}

/** A guard after the clerk role: the account must still be bound to a merchant. */
export function requireMerchantBinding(): Middleware {
  return async (ctx, next) => {
    boundClerk(ctx.state.actor as Actor);
    await next();
  };
}

/**
 * The organisations whose subtrees a settlement covers: the one asked for (if the caller
 * holds an office role over it), or every organisation of the caller's office grants.
 */
export async function settlementScope(actor: Actor, orgId: string | undefined): Promise<Types.ObjectId[]> {
  if (!orgId) return scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));
  const org = await OrganizationModel.findById(orgId, { path: 1 }).lean();
  if (!org || !voucherPolicy.can(actor, 'audit', { orgPath: org.path })) throw NotFoundError('组织不存在');
  return [org._id];
}

export interface EventSubject {
  voucherId?: string;
  orderId?: string;
  offerId?: string;
}

/**
 * The event filters of the requested voucher, order or offer, each checked against the
 * caller's scope. A voucher bought through an order brings the order's events along.
 */
export async function eventFiltersInScope(actor: Actor, subject: EventSubject): Promise<Record<string, unknown>[]> {
  const inScope = (orgPath: OrgPath | undefined) =>
    Boolean(orgPath) && voucherPolicy.can(actor, 'audit', { orgPath: orgPath! });
  const filters: Record<string, unknown>[] = [];
  if (subject.voucherId) {
    const voucher = await VoucherModel.findById(subject.voucherId, { merchantOrgPath: 1, orderId: 1 }).lean();
    if (!voucher || !inScope(voucher.merchantOrgPath)) throw NotFoundError('券不存在');
    filters.push({ voucherId: voucher._id });
    if (voucher.orderId) filters.push({ orderId: voucher.orderId });
  }
  if (subject.orderId) {
    const order = await voucherOrderMerchant(subject.orderId);
    const merchant = order && (await MerchantModel.findById(order.merchantId, { orgPath: 1 }).lean());
    if (!order || !merchant || !inScope(merchant.orgPath)) throw NotFoundError('订单不存在');
    filters.push({ orderId: order.orderId });
  }
  if (subject.offerId) {
    const offer = await OfferModel.findById(subject.offerId, { orgPath: 1 }).lean();
    if (!offer || !inScope(offer.orgPath)) throw NotFoundError('优惠不存在');
    filters.push({ offerId: offer._id });
  }
  return filters;
}
