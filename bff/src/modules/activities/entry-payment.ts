/**
 * Paying for an activity entry and giving the money back, through payments (entry-product.ts
 * is the product). One open order per entry: the request id is derived from the entry and the
 * number of its orders closed so far, so a replayed tap finds the open order, and a new order
 * is placed only after the previous one closed.
 */
import type { OrderPayment } from '@union/shared';
import { Types } from 'mongoose';
import { HttpError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { SYSTEM_ACTOR } from '../event-trail/record';
import { closeUnpaidOrder } from '../payments/order-lifecycle';
import { OrderModel, type OrderDoc } from '../payments/order.model';
import { placeOrder } from '../payments/orders.service';
import { presentOrderPayment } from '../payments/presenter';
import { requestRefund } from '../payments/refunds.service';
import type { PaymentApp } from '../payments/settings';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { ACTIVITY_ENTRY_PRODUCT, expireUnpaidEntry, onLateEntryPayment } from './entry-product';
import { EntryModel, type EntryDoc } from './entry.model';

/** How long a paid first-come sign-up holds its place unpaid (the entry's `offeredUntil`). */
export const ENTRY_PAYMENT_WINDOW_MS = 15 * 60_000;

const entryOrders = (entryId: Types.ObjectId) => ({ 'product.kind': ACTIVITY_ENTRY_PRODUCT, 'product.ref': entryId });

/** Creates or returns the open order of the member's own entry (404 for anyone else's). */
export async function payEntry(
  app: PaymentApp,
  actor: Actor,
  id: string,
  notifyBaseUrl: string,
  now: Date,
): Promise<OrderPayment> {
  const entry = Types.ObjectId.isValid(id) ? await EntryModel.findById(id).lean<EntryDoc>() : null;
  if (!entry || !actor.memberId || String(entry.memberId) !== actor.memberId) throw NotFoundError('报名记录不存在');
  const paid = await OrderModel.findOne({ ...entryOrders(entry._id), status: { $ne: 'closed' } })
    .sort({ _id: -1 })
    .lean<OrderDoc>();
  // Paid already (or refunding): the member sees that order, never a second charge.
  if (paid && paid.status !== 'pending_payment') return presentOrderPayment(paid, app.wechatPay);
  const closedSoFar = await OrderModel.countDocuments({ ...entryOrders(entry._id), status: 'closed' });
  const order = await placeOrder(
    app,
    actor,
    {
      product: { kind: ACTIVITY_ENTRY_PRODUCT, ref: String(entry._id) },
      requestId: `entry:${String(entry._id)}:${closedSoFar}`,
      notifyBaseUrl,
    },
    now,
  );
  // The order never outlives the entry's deadline: unpaid by then, both end together.
  if (entry.offeredUntil && order.expiresAt > entry.offeredUntil) {
    await OrderModel.updateOne(
      { _id: order._id, status: 'pending_payment', expiresAt: { $gt: entry.offeredUntil } },
      { $set: { expiresAt: entry.offeredUntil } },
    );
    order.expiresAt = entry.offeredUntil;
  }
  return presentOrderPayment(order, app.wechatPay);
}

/**
 * Gives back the money paid for an entry, through payments' refund path: idempotent (the
 * request id is the entry's, so a replay finds the refund it started) and a no-op for an entry
 * never paid. For the member's cancel, the activity's cancellation and the organiser's removal.
 */
export async function refundEntryPayment(app: PaymentApp, entryId: Types.ObjectId | string, reason: string) {
  const order = await OrderModel.findOne({
    'product.kind': ACTIVITY_ENTRY_PRODUCT,
    'product.ref': new Types.ObjectId(String(entryId)),
    status: { $in: ['paid', 'refunding', 'refunded'] },
  }).lean<OrderDoc>();
  if (!order || order.status !== 'paid') return;
  await refundOrder(app, order, reason);
}

async function refundOrder(app: PaymentApp, order: OrderDoc, reason: string) {
  const payer: Actor = {
    accountId: String(order.accountId),
    kind: 'wechat',
    memberId: String(order.memberId),
    merchantId: null,
    grants: [],
  };
  await requestRefund(
    app,
    payer,
    { orderId: String(order._id), reason, requestId: `refund:${String(order._id)}` },
    new Date(),
  );
}

let boundApp: PaymentApp | null = null;

/** The `$set` that ends a paid entry also records the refund it owes (see `refundOwedAt`). */
export const owingRefund = (entry: Pick<EntryDoc, 'paidOrderId'>, now: Date) =>
  entry.paidOrderId ? { refundOwedAt: now } : {};

/** A refund owed this long is the sweep's: the request that ended the entry is no longer running. */
export const REFUND_OWED_BOUND_MS = 60_000;

/**
 * Asks WeChat Pay for the entry's refund (idempotent: the request id is the order's) and, once
 * asked (or found asked, refunded, or never paid), clears the entry's `refundOwedAt`. False when
 * it could not be asked now (WeChat Pay down): the mark stays and the sweep asks again.
 */
export async function settleOwedRefund(
  app: PaymentApp,
  entryId: Types.ObjectId,
  owedAt: Date | undefined,
  reason: string,
) {
  try {
    await refundEntryPayment(app, entryId, reason);
  } catch (error) {
    // A refund that can no longer go out (closed by WeChat Pay) is for staff, not for a retry loop.
    if (!(error instanceof HttpError && error.status === 409)) {
      app.logger.error({ err: error, entryId: String(entryId) }, 'entry refund not sent; the activity sweep retries');
      return false;
    }
    app.logger.warn({ err: error, entryId: String(entryId) }, 'entry refund refused');
  }
  await EntryModel.updateOne(
    { _id: entryId, ...(owedAt ? { refundOwedAt: owedAt } : {}) },
    { $unset: { refundOwedAt: 1 } },
  );
  return true;
}

/**
 * `refundEntryPayment` for callers without the app (cancelling an entry or an activity): the
 * entry is already cancelled (with `refundOwedAt` set), so a refund that fails here is logged,
 * never fails the cancel, and is asked again by the activity sweep.
 */
export async function refundPaidEntry(entryId: Types.ObjectId | string, reason: string): Promise<void> {
  const app = boundApp;
  if (!app?.wechatPay) return;
  await settleOwedRefund(app, new Types.ObjectId(String(entryId)), undefined, reason);
}

/** The sweep's part: refunds owed for longer than the bound (a cut-off cancel, WeChat Pay down), asked again. */
export async function settleOwedRefunds(app: PaymentApp, now: Date, limit = 100): Promise<number> {
  if (!app.wechatPay) return 0;
  const owed = await EntryModel.find(
    { refundOwedAt: { $lte: new Date(now.getTime() - REFUND_OWED_BOUND_MS) } },
    { _id: 1, refundOwedAt: 1 },
  )
    .limit(limit)
    .lean<EntryDoc[]>();
  let settled = 0;
  for (const entry of owed) {
    if (await settleOwedRefund(app, entry._id, entry.refundOwedAt ?? undefined, '报名已取消')) settled += 1;
  }
  return settled;
}

/** Binds the late-payment refund (see entry-product.ts) to this app's WeChat Pay. */
export function bindEntryPayments(app: PaymentApp): void {
  boundApp = app;
  onLateEntryPayment(async (orderId) => {
    const order = await OrderModel.findById(orderId).lean<OrderDoc>();
    if (order?.status === 'paid') await refundOrder(app, order, '报名已失效，自动退款');
  });
}

/**
 * The sweep's part for paid entries: a pending_payment entry past its deadline ends, its open
 * order closed first (at WeChat Pay too: a payment found there confirms the entry instead).
 */
export async function sweepUnpaidEntries(app: PaymentApp, now: Date, limit = 100): Promise<number> {
  const missed = await EntryModel.find({ status: 'pending_payment', offeredUntil: { $lte: now } })
    .limit(limit)
    .lean<EntryDoc[]>();
  let expired = 0;
  for (const entry of missed) {
    const open = await OrderModel.findOne({ ...entryOrders(entry._id), status: 'pending_payment' }).lean<OrderDoc>();
    if (open && app.wechatPay) await closeUnpaidOrder(app, open, 'timeout', SYSTEM_ACTOR, now);
    const activity = await ActivityModel.findById(entry.activityId).lean<ActivityDoc>();
    if (activity && (await expireUnpaidEntry(entry, activity, now))) expired += 1;
  }
  return expired;
}
