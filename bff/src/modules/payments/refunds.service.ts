/**
 * Refunds of paid orders, and of payments that reached an order we had closed. The order
 * moves to `refunding` (with its refund inline) and the product holds what was delivered
 * (`mayRefund`) before WeChat Pay is asked, so it cannot be used meanwhile. WeChat Pay's
 * answer, its notification or the job's query finishes the refund, once: every step is
 * conditional on the refund's current status, and the same refund number is safe to send again.
 */
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError } from '../../http/errors';
import type { RefundStatus } from '../../integrations/wechat-pay/client';
import { WechatPayApiError } from '../../integrations/wechat-pay/errors';
import type { Actor } from '../auth/actor';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { recordEvent, SYSTEM_ACTOR, WECHAT_PAY_ACTOR, type EventActor } from '../event-trail/record';
import { orderSubject, payerActor, yuan } from './order-facts';
import { OrderModel, type OrderDoc } from './order.model';
import { ownOrder } from './policy';
import { refundNumber } from './refund-number';
import { productOf } from './products';
import { refundNotifyUrl, requireWechatPay, type PaymentApp } from './settings';

/** Refund states that may still end either way. */
const UNFINISHED = ['requested', 'processing', 'abnormal'];

const refundUnderWay = () => ConflictError('退款处理中，请勿重复申请', 'not_refundable');

export interface RefundRequest {
  orderId: string;
  reason: string;
  /** The member's request id: a retried tap finds the refund it started. */
  requestId: string;
  /** The product's own refusals, checked unless this is a retried request (e.g. a used voucher). */
  precondition?: () => void;
}

/** How many times a request starts over after a parallel one's refund was called off under it. */
const START_ROUNDS = 3;

/**
 * The payer asks for a paid, fulfilled order's money back. Returns once the refund is sent
 * (or found already started by the same request); throws the refusal otherwise. A resend of
 * the same request answers what that request came to (see `answerResend`).
 */
export async function requestRefund(app: PaymentApp, actor: Actor, input: RefundRequest, now: Date): Promise<void> {
  requireWechatPay(app);
  let order = await ownOrder(actor, input.orderId);
  if (order.refund?.requestId === input.requestId) return answerResend(app, order, now);
  input.precondition?.();
  const adapter = productOf(order);

  let refunding: OrderDoc | null = null;
  for (let round = 0; !refunding; round++) {
    const attempt = (order.refundAttempts ?? 0) + 1;
    const refund: NonNullable<OrderDoc['refund']> = {
      outRefundNo: refundNumber(order.orderNo, attempt),
      requestId: input.requestId,
      reason: input.reason,
      requestedAt: now,
      status: 'requested',
    };
    // paid → refunding for one request only; the winner sends the refund from what it wrote.
    const won = await updateIfAndRead(
      OrderModel,
      { key: { _id: order._id }, when: { status: 'paid', fulfilmentId: { $ne: null } } },
      { $set: { status: 'refunding', refundAttempts: attempt, refund } },
    );
    // Read back after the write, the order may already show a resend of this request calling
    // the refund off (what it gives back was used at that moment): this request still decides
    // from the refund it wrote, and meets the same refusal when it holds. Every later step is
    // conditional on this refund number, so nothing acts on a refund that is gone.
    if (won) refunding = { ...won, status: 'refunding', refund };
    if (refunding) break;
    const current = (await OrderModel.findById(order._id).lean<OrderDoc>())!;
    // A parallel duplicate of this request wrote it: answer what it comes to.
    if (current.refund?.requestId === input.requestId) return answerResend(app, current, now);
    // Paid again: the refund that beat this one was called off a moment ago (what it would
    // give back was used); this request tries for itself, to be refused in its own right.
    if (current.status !== 'paid' || round + 1 >= START_ROUNDS) throw refundUnderWay();
    order = current;
  }
  await holdOrCallOff(refunding, now);
  await recordEvent({
    kind: adapter.refundEvents.requested,
    actor: payerActor(refunding),
    at: now,
    ...orderSubject(refunding),
    amountFen: refunding.amountFen,
    summary: `申请退款 ${yuan(refunding.amountFen)} 元：${input.reason}`,
  });
  const { refused } = await sendRefund(app, refunding, now);
  if (refused) throw refusalAnswer(refused);
}

/** A definite refusal from WeChat Pay as the member is told it. */
function refusalAnswer(refused: WechatPayApiError) {
  // Our own setup (balance, keys) reads as an outage; anything else WeChat Pay refused, in its words.
  return refused.status === 502 ? refused : ConflictError(`微信支付未受理退款：${refused.message}`, 'refund_refused');
}

/**
 * The product holds what it delivered, or it was used a moment ago: one of the two wins. When
 * it was used, the refund is off before WeChat Pay heard of it (the order paid again, with no
 * refund record) and the product's refusal is thrown.
 */
async function holdOrCallOff(order: OrderDoc, now: Date): Promise<void> {
  const hold = await productOf(order).mayRefund(order, now);
  if (hold.held) return;
  await OrderModel.updateOne(
    { _id: order._id, 'refund.outRefundNo': order.refund!.outRefundNo, 'refund.status': 'requested' },
    { $set: { status: 'paid', refund: null } },
  );
  throw ConflictError(hold.refusal, 'not_refundable');
}

/**
 * A resend of a refund request (a double tap, a retry after a lost answer) finds the refund
 * that request started, and answers what it came to — never 200 for a refund that was called
 * off. One still `requested` may be being decided by the first attempt at this very moment
 * (what it would give back being used at the counter): the resend takes the same steps with
 * the same refund number — hold, then ask WeChat Pay, which never refunds a number twice — so
 * both meet the same outcome. One accepted by WeChat Pay was answered 200, whatever became of it.
 */
async function answerResend(app: PaymentApp, order: OrderDoc, now: Date): Promise<void> {
  let refund = order.refund!;
  if (refund.status === 'requested') {
    await holdOrCallOff(order, now);
    const current = (await OrderModel.findById(order._id).lean<OrderDoc>())!;
    // Gone: called off by the first attempt after this hold was checked, then another refund asked for.
    if (current.refund?.outRefundNo !== refund.outRefundNo) throw refundNotSent();
    refund = current.refund;
    if (refund.status === 'requested') {
      const { refused } = await sendRefund(app, current, now);
      if (refused) throw refusalAnswer(refused);
      return;
    }
    // Closed just before this hold was taken (WeChat Pay refused it): this hold goes back too.
    if (refund.status === 'closed') await productOf(current).refundCalledOff(current);
  }
  // Closed before WeChat Pay accepted it: the request was refused, and its resend is.
  if (refund.status === 'closed' && !refund.refundId) throw refundNotSent();
}

const refundNotSent = () => ConflictError('这笔退款未能发出，如需退款请重新申请', 'not_refundable');

/**
 * Asks WeChat Pay for the order's refund (again: the same refund number never refunds twice).
 * What was delivered is held first (the order's own step may not have reached it), and a
 * delivery used meanwhile calls the refund off. A definite refusal puts the order and the
 * delivery back; no answer leaves the refund `requested` for the payment job to send again.
 */
export async function sendRefund(
  app: PaymentApp,
  order: OrderDoc,
  now: Date,
): Promise<{ refused: WechatPayApiError | null }> {
  const { client } = requireWechatPay(app);
  const refund = order.refund!;
  if (order.fulfilmentId && !(await holdForRefund(order, now))) return { refused: null };
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

/** Holds what was delivered while its money goes back. False when it was used first: the order is paid again. */
async function holdForRefund(order: OrderDoc, now: Date): Promise<boolean> {
  const adapter = productOf(order);
  const hold = await adapter.mayRefund(order, now);
  if (hold.held) return true;
  const reverted = await callOffRefund(order, now);
  if (reverted) {
    await recordEvent({
      kind: adapter.refundEvents.failed,
      actor: SYSTEM_ACTOR,
      at: now,
      ...orderSubject(reverted),
      amountFen: reverted.amountFen,
      summary: hold.trail,
    });
  }
  return false;
}

async function refundRefused(order: OrderDoc, error: WechatPayApiError, now: Date): Promise<void> {
  const adapter = productOf(order);
  const summary = `微信支付未受理退款（${error.wechatCode ?? error.replyStatus}）：${error.message}`;
  if (!order.fulfilmentId) {
    // Money that reached a closed order is never kept: the refund stays requested for the job
    // to send again, and staff are told (once per kind of refusal, not every pass).
    const staffSummary = `${summary}；款项仍需退回，系统将自动重试，请工作人员关注`;
    const told = await TrailEventModel.exists({
      orderId: order._id,
      kind: adapter.refundEvents.failed,
      summary: staffSummary,
    });
    if (!told) {
      await recordEvent({
        kind: adapter.refundEvents.failed,
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
  // The refund called off is `order`'s: the order read back may already carry the member's next one.
  await adapter.refundCalledOff(order);
  await recordEvent({
    kind: adapter.refundEvents.failed,
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

/**
 * Applies what WeChat Pay says about the order's refund, once. SUCCESS: the order is refunded
 * and the product voids what it delivered (`afterRefund`, which gives its unit back). CLOSED:
 * what was delivered is usable again. ABNORMAL (e.g. the payer's bank card was cancelled): it stays refunding for
 * staff to settle in the merchant platform. Returns whether anything changed.
 */
export async function finishRefund(
  order: OrderDoc,
  status: RefundStatus,
  refundId: string | null,
  actor: EventActor,
  now: Date,
): Promise<boolean> {
  const adapter = productOf(order);
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
    await adapter.moneyChanged?.(done);
    // A refund after an order was closed has nothing delivered and no unit left to give back
    // (the close released it). Otherwise the product voids what it delivered; one used
    // meanwhile keeps its unit, and staff settle the money with the seller.
    const problem = done.fulfilmentId ? await adapter.afterRefund(done, now) : null;
    if (problem) {
      await recordEvent({
        kind: adapter.refundEvents.failed,
        actor: SYSTEM_ACTOR,
        at: now,
        ...orderSubject(done),
        amountFen: done.amountFen,
        summary: problem,
      });
    }
    await recordEvent({
      kind: adapter.refundEvents.refunded,
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
      status: order.fulfilmentId ? 'paid' : 'closed',
      'refund.status': 'closed',
      'refund.finishedAt': now,
    });
    if (!closed) return false;
    const summary = closed.fulfilmentId
      ? await adapter.refundCalledOff(order)
      : '退款已关闭，款项仍在商户账户，需工作人员处理';
    await recordEvent({
      kind: adapter.refundEvents.failed,
      actor,
      at: now,
      ...orderSubject(closed),
      amountFen: closed.amountFen,
      summary,
    });
    return true;
  }
  const abnormal = await update(['requested', 'processing'], { 'refund.status': 'abnormal' });
  if (!abnormal) return false;
  await recordEvent({
    kind: adapter.refundEvents.failed,
    actor,
    at: now,
    ...orderSubject(abnormal),
    amountFen: abnormal.amountFen,
    summary: '退款异常（如付款银行卡已注销），需工作人员在微信支付商户平台处理',
  });
  return true;
}
