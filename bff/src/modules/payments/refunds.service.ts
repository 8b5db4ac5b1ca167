/**
 * Refunds of unused paid vouchers, and of payments that reached an order we had closed. The
 * order moves to `refunding` (with its refund inline) and the voucher to `refunding` before
 * WeChat Pay is asked, so the voucher cannot be redeemed meanwhile. WeChat Pay's answer, its
 * notification or the job's query finishes the refund, once: every step is conditional on the
 * refund's current status, and the same refund number is safe to send again.
 */
import type { Types } from 'mongoose';
import { isPaidOfferKind, type OfferKind } from '@union/shared';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { RefundStatus } from '../../integrations/wechat-pay/client';
import { WechatPayApiError } from '../../integrations/wechat-pay/errors';
import type { Actor } from '../auth/actor';
import { releaseClaim } from '../vouchers/claim-core';
import { BenefitEventModel } from '../vouchers/benefit-event.model';
import { memberActor, recordBenefitEvent, SYSTEM_ACTOR, WECHAT_PAY_ACTOR, type BenefitActor } from '../vouchers/events';
import { VoucherModel, type VoucherDoc } from '../vouchers/voucher.model';
import { orderSubject, reservationOf, yuan } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { requireMember } from './policy';
import { refundNotifyUrl, requireWechatPay, type PaymentApp } from './settings';

/** Refund states that may still end either way. */
const UNFINISHED = ['requested', 'processing', 'abnormal'];

const NOT_REFUNDABLE: Record<string, string> = {
  used: '券已使用，不能退款',
  refunding: '退款处理中，请勿重复申请',
  refunded: '该券已退款',
};

function notRefundable(status: string | undefined) {
  return ConflictError(NOT_REFUNDABLE[status ?? ''] ?? '该券当前不能退款', 'not_refundable');
}

export async function requestRefund(
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
  if (!isPaidOfferKind(voucher.kind as OfferKind) || !voucher.orderId) {
    throw ConflictError('免费券无需退款', 'not_refundable');
  }
  const order = await OrderModel.findById(voucher.orderId).lean<OrderDoc>();
  if (!order) throw NotFoundError('订单不存在');
  // A retried tap finds the refund it started.
  if (order.refund?.requestId === input.requestId) return voucher;
  if (voucher.status !== 'unused') throw notRefundable(voucher.status);

  const attempt = (order.refundAttempts ?? 0) + 1;
  const outRefundNo = `${order.orderNo}R${attempt}`;
  // paid → refunding for one request only; the winner sends the refund from what it wrote.
  const refunding = await updateIfAndRead(
    OrderModel,
    { key: { _id: order._id }, when: { status: 'paid', voucherId: voucher._id } },
    {
      $set: {
        status: 'refunding',
        refundAttempts: attempt,
        refund: {
          outRefundNo,
          requestId: input.requestId,
          reason: input.reason,
          requestedAt: now,
          status: 'requested',
        },
      },
    },
  );
  if (!refunding) {
    const current = await OrderModel.findById(order._id, { refund: 1 }).lean();
    if (current?.refund?.requestId === input.requestId)
      return (await VoucherModel.findById(voucher._id).lean<VoucherDoc>())!;
    throw notRefundable('refunding');
  }
  // unused → refunding, or the counter redeemed it first: one of the two takes the voucher.
  const taken = await updateIf(
    VoucherModel,
    { key: { _id: voucher._id }, when: { status: 'unused' } },
    { $set: { status: 'refunding' } },
  );
  if (!taken) {
    // Redeemed at the counter a moment ago: the refund is off before WeChat Pay heard of it.
    await OrderModel.updateOne(
      { _id: order._id, 'refund.outRefundNo': outRefundNo, 'refund.status': 'requested' },
      { $set: { status: 'paid', refund: null } },
    );
    throw notRefundable((await VoucherModel.findById(voucher._id, { status: 1 }).lean())?.status);
  }
  const by = memberActor(actor.accountId, member.name);
  await recordBenefitEvent({
    kind: 'voucher.refund_requested',
    actor: by,
    at: now,
    ...orderSubject(refunding),
    amountFen: refunding.amountFen,
    summary: `申请退款 ${yuan(refunding.amountFen)} 元：${input.reason}`,
  });
  const { refused } = await sendRefund(app, refunding, now);
  if (refused) {
    // Our own setup (balance, keys) reads as an outage; anything else WeChat Pay refused, in its words.
    throw refused.status === 502 ? refused : ConflictError(`微信支付未受理退款：${refused.message}`, 'refund_refused');
  }
  return (await VoucherModel.findById(voucher._id).lean<VoucherDoc>())!;
}

/**
 * Asks WeChat Pay for the order's refund (again: the same refund number never refunds twice).
 * The voucher is made `refunding` first (the order's own step may not have reached it), and a
 * voucher used meanwhile calls the refund off. A definite refusal puts the order and voucher
 * back; no answer leaves the refund `requested` for the payment job to send again.
 */
export async function sendRefund(
  app: PaymentApp,
  order: OrderDoc,
  now: Date,
): Promise<{ refused: WechatPayApiError | null }> {
  const { client } = requireWechatPay(app);
  const refund = order.refund!;
  if (order.voucherId && !(await holdVoucherForRefund(order, now))) return { refused: null };
  let accepted;
  try {
    accepted = await client.refund({
      outTradeNo: order.orderNo,
      outRefundNo: refund.outRefundNo,
      refundFen: order.amountFen,
      totalFen: order.amountFen,
      reason: refund.reason,
      notifyUrl: refundNotifyUrl(order.notifyBaseUrl),
    });
  } catch (error) {
    if (error instanceof WechatPayApiError && error.definite) {
      await refundRefused(order, error, now);
      return { refused: error };
    }
    app.logger.warn(
      { err: error, orderNo: order.orderNo },
      'refund outcome unknown: the payment job will send it again',
    );
    return { refused: null };
  }
  await finishRefund(order, accepted.status, accepted.refundId, WECHAT_PAY_ACTOR, now);
  return { refused: null };
}

/**
 * unused/refunding → refunding, so the voucher cannot be redeemed while its money goes back.
 * False when it was used first: the order is paid again and nothing is sent.
 */
async function holdVoucherForRefund(order: OrderDoc, now: Date): Promise<boolean> {
  const held = await updateIf(
    VoucherModel,
    { key: { _id: order.voucherId }, when: { status: { $in: ['unused', 'refunding'] } } },
    { $set: { status: 'refunding' } },
  );
  if (held) return true;
  const voucher = await VoucherModel.findById(order.voucherId, { status: 1 }).lean();
  if (voucher?.status !== 'used') {
    throw new Error(`voucher of order ${order.orderNo} is ${voucher?.status ?? 'missing'}: refund not sent`);
  }
  const reverted = await callOffRefund(order, now);
  if (reverted) {
    await recordBenefitEvent({
      kind: 'voucher.refund_failed',
      actor: SYSTEM_ACTOR,
      at: now,
      ...orderSubject(reverted),
      amountFen: reverted.amountFen,
      summary: '券已在门店使用，退款未发出，订单恢复为已支付',
    });
  }
  return false;
}

async function refundRefused(order: OrderDoc, error: WechatPayApiError, now: Date): Promise<void> {
  const summary = `微信支付未受理退款（${error.wechatCode ?? error.replyStatus}）：${error.message}`;
  if (!order.voucherId) {
    // Money that reached a closed order is never kept: the refund stays requested for the job
    // to send again, and staff are told (once per kind of refusal, not every pass).
    const staffSummary = `${summary}；款项仍需退回，系统将自动重试，请工作人员关注`;
    const told = await BenefitEventModel.exists({
      orderId: order._id,
      kind: 'voucher.refund_failed',
      summary: staffSummary,
    });
    if (!told) {
      await recordBenefitEvent({
        kind: 'voucher.refund_failed',
        actor: WECHAT_PAY_ACTOR,
        at: now,
        ...orderSubject(order),
        amountFen: order.amountFen,
        summary: staffSummary,
      });
    }
    return;
  }
  const reverted = await callOffRefund(order, now);
  if (!reverted) return;
  await restoreVoucher(reverted.voucherId);
  await recordBenefitEvent({
    kind: 'voucher.refund_failed',
    actor: WECHAT_PAY_ACTOR,
    at: now,
    ...orderSubject(reverted),
    amountFen: reverted.amountFen,
    summary,
  });
}

/** A refund WeChat Pay never accepted is called off: the order is paid again. Null when it had moved on. */
function callOffRefund(order: OrderDoc, now: Date) {
  // Once, and only while WeChat Pay has not accepted this refund.
  return updateIfAndRead(
    OrderModel,
    {
      key: { _id: order._id },
      when: { 'refund.outRefundNo': order.refund!.outRefundNo, 'refund.status': 'requested' },
    },
    { $set: { status: 'paid', 'refund.status': 'closed', 'refund.finishedAt': now } },
  );
}

async function restoreVoucher(voucherId: Types.ObjectId | null | undefined) {
  if (voucherId) await VoucherModel.updateOne({ _id: voucherId, status: 'refunding' }, { $set: { status: 'unused' } });
}

/**
 * refunding (or, for a refund sent before the voucher was held, unused) → refunded, then the
 * unit back to the stock and the quota. False when the voucher was in neither state.
 */
async function refundVoucher(order: OrderDoc, now: Date): Promise<boolean> {
  // The unit goes back only behind this once-only transition.
  const refunded = await updateIf(
    VoucherModel,
    { key: { _id: order.voucherId }, when: { status: { $in: ['refunding', 'unused'] } } },
    { $set: { status: 'refunded', refundedAt: now } },
  );
  if (!refunded) return false;
  await releaseClaim(reservationOf(order));
  return true;
}

/**
 * Applies what WeChat Pay says about the order's refund, once. SUCCESS: the order and voucher
 * are refunded and the unit goes back to the stock and the member's quota. CLOSED: the voucher
 * is usable again. ABNORMAL (e.g. the payer's bank card was cancelled): it stays refunding for
 * staff to settle in the merchant platform. Returns whether anything changed.
 */
export async function finishRefund(
  order: OrderDoc,
  status: RefundStatus,
  refundId: string | null,
  actor: BenefitActor,
  now: Date,
): Promise<boolean> {
  const withId = refundId ? { 'refund.refundId': refundId } : {};
  // Each outcome applies once: conditional on this refund still being in one of `filterStatuses`.
  const update = (filterStatuses: string[], set: Record<string, unknown>) =>
    updateIfAndRead(
      OrderModel,
      {
        key: { _id: order._id },
        when: { 'refund.outRefundNo': order.refund!.outRefundNo, 'refund.status': { $in: filterStatuses } },
      },
      { $set: { ...set, ...withId } },
    );

  if (status === 'PROCESSING') {
    return (await update(['requested'], { 'refund.status': 'processing' })) !== null;
  }
  if (status === 'SUCCESS') {
    const done = await update(UNFINISHED, {
      status: 'refunded',
      'refund.status': 'succeeded',
      'refund.finishedAt': now,
    });
    if (!done) return false;
    // A refund after an order was closed has no voucher and no unit left to give back (the
    // close released it). Otherwise the unit goes back only with the voucher it became: a
    // voucher used meanwhile keeps its unit, and staff settle the money with the merchant.
    if (done.voucherId && !(await refundVoucher(done, now))) {
      await recordBenefitEvent({
        kind: 'voucher.refund_failed',
        actor: SYSTEM_ACTOR,
        at: now,
        ...orderSubject(done),
        amountFen: done.amountFen,
        summary: '退款已成功，但券已不在退款中（可能已使用），库存未退回，需工作人员核对',
      });
    }
    await recordBenefitEvent({
      kind: 'voucher.refunded',
      actor,
      at: now,
      ...orderSubject(done),
      amountFen: done.amountFen,
      summary: `退款成功，${yuan(done.amountFen)} 元已原路退回`,
    });
    return true;
  }
  if (status === 'CLOSED') {
    const closed = await update(UNFINISHED, {
      status: order.voucherId ? 'paid' : 'closed',
      'refund.status': 'closed',
      'refund.finishedAt': now,
    });
    if (!closed) return false;
    await restoreVoucher(closed.voucherId);
    await recordBenefitEvent({
      kind: 'voucher.refund_failed',
      actor,
      at: now,
      ...orderSubject(closed),
      amountFen: closed.amountFen,
      summary: closed.voucherId ? '退款已关闭，券恢复为未使用' : '退款已关闭，款项仍在商户账户，需工作人员处理',
    });
    return true;
  }
  const abnormal = await update(['requested', 'processing'], { 'refund.status': 'abnormal' });
  if (!abnormal) return false;
  await recordBenefitEvent({
    kind: 'voucher.refund_failed',
    actor,
    at: now,
    ...orderSubject(abnormal),
    amountFen: abnormal.amountFen,
    summary: '退款异常（如付款银行卡已注销），需工作人员在微信支付商户平台处理',
  });
  return true;
}
