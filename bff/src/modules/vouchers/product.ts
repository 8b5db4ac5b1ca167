/**
 * A paid benefit voucher as a payments product: ordering an offer holds a unit of its stock
 * and the member's quota (claim-core), a paid order becomes a voucher (issue key
 * `order:<id>`), a closed one gives its unit back, and a refund holds the voucher against
 * redemption while the money goes back, then voids it. Payments drives these hooks behind
 * its own once-only order transitions; `registerProduct(voucherProduct)` runs at startup.
 */
import type { Types } from 'mongoose';
import { isPaidOfferKind, offerNeedsPayment } from '@union/shared';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, ForbiddenError, HttpError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { memberLabel, recordEvent, SYSTEM_ACTOR } from '../event-trail/record';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { MerchantModel } from '../merchants/merchant.model';
import { ELIGIBILITY_REASONS, offerEligibilityReasons } from '../offers/eligibility';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import { ReservationConflict, type ProductAdapter } from '../payments/products';
import { refundAttemptOf } from '../payments/refund-number';
import { requestRefund } from '../payments/refunds.service';
import { requireWechatPay, type PaymentApp } from '../payments/settings';
import {
  claimedInPeriod,
  eligibilityRefusal,
  holdsStock,
  issueVoucher,
  orderHoldKey,
  releaseClaim,
  reserveClaim,
  settleStock,
  type Reservation,
} from './claim-core';
import { BENEFIT_METRICS, markBenefitFigures, markOrderMoney } from './figures';
import { VOUCHER_PRODUCT } from './product-kind';
import { VoucherModel, type VoucherDoc } from './voucher.model';

export { VOUCHER_PRODUCT };

/** What a voucher order keeps of its offer when placed. */
interface VoucherOrderFacts {
  merchantId: Types.ObjectId;
  merchantName: string;
  /** The quota period the order's unit was taken from. */
  periodKey: string;
  /** The offer stock hold the order stands for (claim-core.ts); absent on orders older than holds. */
  holdToken?: string | null;
}

const factsOf = (order: Pick<OrderDoc, 'product'>) => order.product.facts as VoucherOrderFacts;

/** The unit of stock and quota the order holds (taken when it was created). */
const reservationOf = (order: Pick<OrderDoc, 'product' | 'memberId' | 'requestKey'>): Reservation => ({
  offerId: order.product.ref,
  memberId: order.memberId,
  periodKey: factsOf(order).periodKey,
  holdKey: orderHoldKey(order.requestKey),
  holdToken: factsOf(order).holdToken ?? null,
});

async function requireMember(actor: Actor): Promise<MemberDoc> {
  const member = actor.memberId ? await MemberModel.findById(actor.memberId).lean<MemberDoc>() : null;
  if (!member) throw ForbiddenError(ELIGIBILITY_REASONS.notMember);
  return member;
}

export const voucherProduct: ProductAdapter = {
  kind: VOUCHER_PRODUCT,
  words: {
    requestReused: '该请求编号已用于购买其他优惠，请重新下单',
    paidCannotCancel: '订单已支付，不能取消；如需退款请在“我的券”中申请',
  },
  refundEvents: {
    requested: 'voucher.refund_requested',
    refunded: 'voucher.refunded',
    failed: 'voucher.refund_failed',
  },

  async reserve({ actor, ref, now, beforeHold, requestKey }) {
    const member = await requireMember(actor);
    const offer = await OfferModel.findById(ref).lean<OfferDoc>();
    if (!offer || offer.status === 'draft') throw NotFoundError('优惠不存在');
    if (!offerNeedsPayment(offer)) throw ConflictError('这是免费券，请直接领取', 'free_offer');
    const holdKey = orderHoldKey(requestKey);
    // An earlier attempt of this request that was cut off may hold the last unit: not sold out for it.
    const resumed = await holdsStock(offer, holdKey);
    const seen = resumed ? { ...offer, stockRemaining: offer.stockRemaining + 1 } : offer;
    const reasons = await offerEligibilityReasons(seen, member, now);
    if (reasons.length > 0) {
      // Only the stock gone: 409 已领完, as for a free claim (the member lost a race, no rule).
      const refusal = eligibilityRefusal(reasons, '购买');
      // A double tap on the last unit: the first tap may hold it with its order not yet written.
      const heldByDuplicate = offer.stockRemaining < 1 && (await claimedInPeriod(offer, member._id, now)) > 0;
      throw heldByDuplicate ? new ReservationConflict(refusal) : refusal;
    }
    await beforeHold();
    const merchant = await MerchantModel.findById(offer.merchantId, { name: 1 }).lean();
    if (!merchant) throw NotFoundError('优惠不存在');
    let reservation: Reservation;
    try {
      reservation = await reserveClaim(offer, member._id, now, holdKey);
    } catch (caught) {
      throw caught instanceof HttpError && caught.status === 409 ? new ReservationConflict(caught) : caught;
    }
    const facts: VoucherOrderFacts = {
      merchantId: offer.merchantId,
      merchantName: merchant.name,
      periodKey: reservation.periodKey,
      holdToken: reservation.holdToken,
    };
    return {
      title: offer.title,
      description: `${merchant.name}-${offer.title}`,
      amountFen: offer.priceFen,
      totalFen: offer.faceValueFen,
      unionSubsidyFen: offer.unionSubsidyFen,
      payer: { memberId: member._id, label: memberLabel(member.name) },
      facts: { ...facts },
    };
  },

  async orderWritten(order, ours) {
    const written = reservationOf(order);
    await settleStock(
      ours ? { ...written, holdToken: (ours.facts as unknown as VoucherOrderFacts).holdToken ?? null } : written,
      written.holdToken,
    );
  },

  async release(order) {
    await releaseClaim(reservationOf(order));
  },

  async fulfil(order, now) {
    const offer = await OfferModel.findById(order.product.ref).lean<OfferDoc>();
    if (!offer) throw new Error(`offer ${String(order.product.ref)} of order ${order.orderNo} is missing`);
    const { voucher } = await issueVoucher({
      offer,
      merchantOrgPath: offer.orgPath,
      reservation: reservationOf(order),
      accountId: order.accountId,
      issueKey: `order:${String(order._id)}`,
      orderId: order._id,
      paidFen: order.amountFen,
      now,
    });
    // Also when the voucher was already there: an attempt may have been cut off before its trail.
    await recordEvent({
      kind: 'voucher.claimed',
      actor: SYSTEM_ACTOR,
      at: now,
      ...voucherProduct.eventSubjects(order),
      orderId: order._id,
      voucherId: voucher._id,
      amountFen: order.amountFen,
      summary: `购买「${order.title}」，发放券`,
      once: `voucher.claimed:${String(voucher._id)}`,
    });
    return voucher._id;
  },

  /**
   * unused/refunding → refunding, held by this refund, so the voucher cannot be redeemed while
   * its money goes back. A later refund takes over the hold of one called off (whose release may
   * still be on its way); an earlier one (a late resend) never takes it from a later one.
   */
  async mayRefund(order) {
    const attempt = refundAttemptOf(order);
    const held = await updateIf(
      VoucherModel,
      {
        key: { _id: order.fulfilmentId },
        when: {
          status: { $in: ['unused', 'refunding'] },
          $or: [{ refundHold: null }, { refundHold: { $lte: attempt } }],
        },
      },
      { $set: { status: 'refunding', refundHold: attempt } },
    );
    if (held) return { held: true };
    const voucher = await VoucherModel.findById(order.fulfilmentId, { status: 1 }).lean();
    if (voucher?.status === 'refunding') {
      return { held: false, refusal: NOT_REFUNDABLE.refunding!, trail: '已有新的退款申请在处理，本次退款未发出' };
    }
    if (voucher?.status !== 'used') {
      throw new Error(`voucher of order ${order.orderNo} is ${voucher?.status ?? 'missing'}: refund not sent`);
    }
    return { held: false, refusal: NOT_REFUNDABLE.used!, trail: '券已在门店使用，退款未发出，订单恢复为已支付' };
  },

  async refundCalledOff(order) {
    await VoucherModel.updateOne(
      { _id: order.fulfilmentId, status: 'refunding', refundHold: { $in: [refundAttemptOf(order), null] } },
      { $set: { status: 'unused', refundHold: null } },
    );
    return '退款已关闭，券恢复为未使用';
  },

  /** refunding (or, for a refund sent before the voucher was held, unused) → refunded, then the unit back. */
  async afterRefund(order, now) {
    // The unit goes back only behind this once-only transition.
    const refunded = await updateIfAndRead(
      VoucherModel,
      { key: { _id: order.fulfilmentId }, when: { status: { $in: ['refunding', 'unused'] } } },
      { $set: { status: 'refunded', refundedAt: now } },
    );
    if (!refunded) return '退款已成功，但券已不在退款中（可能已使用），库存未退回，需工作人员核对';
    await releaseClaim(reservationOf(order));
    // A refunded voucher is no longer a claim, on the day it was claimed.
    const offer = await OfferModel.findById(refunded.offerId, { orgId: 1, orgPath: 1 }).lean();
    if (offer) await markBenefitFigures([BENEFIT_METRICS.claims], offer, refunded.claimedAt);
    return null;
  },

  moneyChanged: markOrderMoney,

  eventSubjects: (order) => ({
    offerId: order.product.ref,
    merchantId: factsOf(order).merchantId,
    voucherId: order.fulfilmentId ?? null,
  }),

  present: (order) => ({
    product: {
      kind: VOUCHER_PRODUCT,
      ref: String(order.product.ref),
      title: order.title,
      subtitle: factsOf(order).merchantName,
    },
    offerId: String(order.product.ref),
    offerTitle: order.title,
    merchantName: factsOf(order).merchantName,
    faceValueFen: order.totalFen,
    unionSubsidyFen: order.unionSubsidyFen,
    voucherId: order.fulfilmentId ? String(order.fulfilmentId) : null,
  }),
};

const NOT_REFUNDABLE: Record<string, string> = {
  used: '券已使用，不能退款',
  refunding: '退款处理中，请勿重复申请',
  refunded: '该券已退款',
};

const notRefundable = (status: string | undefined) =>
  ConflictError(NOT_REFUNDABLE[status ?? ''] ?? '该券当前不能退款', 'not_refundable');

/** The member asks for a paid voucher's money back: only an unused one, through its order. */
export async function refundVoucher(
  app: PaymentApp,
  actor: Actor,
  voucherId: string,
  input: { reason: string; requestId: string },
  now: Date,
): Promise<VoucherDoc> {
  requireWechatPay(app);
  const member = await requireMember(actor);
  const voucher = await VoucherModel.findById(voucherId).lean<VoucherDoc>();
  if (!voucher || String(voucher.memberId) !== String(member._id)) throw NotFoundError('券不存在');
  if (!isPaidOfferKind(voucher.kind) || !voucher.orderId) throw ConflictError('免费券无需退款', 'not_refundable');
  await requestRefund(
    app,
    actor,
    {
      orderId: String(voucher.orderId),
      reason: input.reason,
      requestId: input.requestId,
      precondition: () => {
        if (voucher.status !== 'unused') throw notRefundable(voucher.status);
      },
    },
    now,
  );
  return (await VoucherModel.findById(voucher._id).lean<VoucherDoc>())!;
}

/** A voucher order's id and merchant, for the audit trail's scope check; null for no such voucher order. */
export async function voucherOrderMerchant(
  orderId: string,
): Promise<{ orderId: Types.ObjectId; merchantId: Types.ObjectId } | null> {
  const order = await OrderModel.findById(orderId, { product: 1 }).lean<Pick<OrderDoc, '_id' | 'product'>>();
  if (!order || order.product.kind !== VOUCHER_PRODUCT) return null;
  return { orderId: order._id, merchantId: factsOf(order).merchantId };
}
