/**
 * The payment job: closes unpaid orders after their timeout (asking WeChat Pay first, since a
 * payment may have arrived without its notification), repairs paid orders never fulfilled
 * (a crash between the two steps), and finishes refunds whose outcome is unknown. Every step goes through the
 * same conditional transitions as the routes, so running beside them (or on several
 * instances at once) changes nothing twice. One instance at a time runs it (jobs/leased-job.ts),
 * and it checks its lease before each order: a leader paused past its lease (then taken over)
 * stops there instead of asking WeChat Pay about, closing or refunding orders a second time.
 */
import type { IntervalJobHandle } from '../../interval-job';
import { startLeasedJob } from '../../jobs/leased-job';
import type { Runtime } from '../../runtime';
import { SYSTEM_ACTOR } from '../event-trail/record';
import { finishPaidOrder, settleWithWechatPay } from './order-lifecycle';
import { OrderModel, type OrderDoc } from './order.model';
import { finishRefund, sendRefund } from './refunds.service';
import type { PaymentApp } from './settings';

export type PaymentJobsHandle = IntervalJobHandle;

/** Orders handled per kind per pass: a backlog drains over a few passes instead of one long one. */
const BATCH = 50;
/** An order the job asked about is left alone this long, so one that keeps failing does not hog a batch. */
const RECHECK_AFTER_MS = 30_000;
/** A refund WeChat Pay never answered is sent again after this (the same number is safe to resend). */
const RESEND_REFUND_AFTER_MS = 60_000;
/** A refund still processing after this is asked about, at most this often. */
const QUERY_REFUND_AFTER_MS = 10 * 60_000;

export interface ReconciliationResult {
  expiredSettled: number;
  fulfilmentsRepaired: number;
  refundsResent: number;
  refundsQueried: number;
}

/** Not asked about since `before`; with the sort, the least recently asked come first. */
const notCheckedSince = (before: Date) => ({ $or: [{ lastCheckedAt: null }, { lastCheckedAt: { $lte: before } }] });
const leastRecentlyChecked = { lastCheckedAt: 1, _id: 1 } as const;
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** `stillLeads` answers whether this pass may go on (the job's lease is still this instance's). */
export async function reconcilePayments(
  app: PaymentApp,
  now: Date,
  stillLeads: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<ReconciliationResult> {
  const result: ReconciliationResult = {
    expiredSettled: 0,
    fulfilmentsRepaired: 0,
    refundsResent: 0,
    refundsQueried: 0,
  };
  if (!app.wechatPay) return result;
  let leading = true;
  const attempt = async (order: OrderDoc, step: () => Promise<unknown>) => {
    // Once the lease is lost, the rest of the pass belongs to the new leader.
    leading &&= await stillLeads();
    if (!leading) return 0;
    try {
      // Marked first, so a step that fails (or hangs) still lets the others have their turn.
      await OrderModel.updateOne({ _id: order._id }, { $set: { lastCheckedAt: now } });
      await step();
      return 1;
    } catch (error) {
      app.logger.warn({ err: error, orderNo: order.orderNo }, 'payment reconciliation step failed; retried next pass');
      return 0;
    }
  };

  const expired = await OrderModel.find({
    status: 'pending_payment',
    expiresAt: { $lte: now },
    ...notCheckedSince(ago(now, RECHECK_AFTER_MS)),
  })
    .sort(leastRecentlyChecked)
    .limit(BATCH)
    .lean<OrderDoc[]>();
  for (const order of expired) {
    result.expiredSettled += await attempt(order, () => settleWithWechatPay(app, order, { closeIfUnpaid: true }, now));
  }

  const unfulfilled = await OrderModel.find({
    status: 'paid',
    fulfilmentId: null,
    ...notCheckedSince(ago(now, RECHECK_AFTER_MS)),
  })
    .sort(leastRecentlyChecked)
    .limit(BATCH)
    .lean<OrderDoc[]>();
  for (const order of unfulfilled) {
    result.fulfilmentsRepaired += await attempt(order, () => finishPaidOrder(order, now));
  }

  const unanswered = await OrderModel.find({
    'refund.status': 'requested',
    'refund.requestedAt': { $lte: ago(now, RESEND_REFUND_AFTER_MS) },
    ...notCheckedSince(ago(now, RESEND_REFUND_AFTER_MS)),
  })
    .sort(leastRecentlyChecked)
    .limit(BATCH)
    .lean<OrderDoc[]>();
  for (const order of unanswered) {
    result.refundsResent += await attempt(order, () => sendRefund(app, order, now));
  }

  const pending = await OrderModel.find({
    'refund.status': { $in: ['processing', 'abnormal'] },
    'refund.requestedAt': { $lte: ago(now, QUERY_REFUND_AFTER_MS) },
    ...notCheckedSince(ago(now, QUERY_REFUND_AFTER_MS)),
  })
    .sort(leastRecentlyChecked)
    .limit(BATCH)
    .lean<OrderDoc[]>();
  for (const order of pending) {
    result.refundsQueried += await attempt(order, () => queryRefund(app, order, now));
  }
  return result;
}

async function queryRefund(app: PaymentApp, order: OrderDoc, now: Date): Promise<void> {
  const refund = await app.wechatPay!.client.queryRefund(order.refund!.outRefundNo);
  if (!refund) {
    // WeChat Pay never received it: send it again on the next pass.
    await OrderModel.updateOne(
      { _id: order._id, 'refund.outRefundNo': order.refund!.outRefundNo, 'refund.status': 'processing' },
      { $set: { 'refund.status': 'requested' } },
    );
    return;
  }
  await finishRefund(order, refund.status, refund.refundId, SYSTEM_ACTOR, now);
}

export function startPaymentJobs(runtime: Runtime): PaymentJobsHandle {
  return startLeasedJob(
    'payment reconciliation pass',
    runtime.logger,
    runtime.config.PAYMENT_JOBS_INTERVAL_MS,
    ({ stillHolds }) => reconcilePayments(runtime, new Date(), stillHolds),
    { observe: runtime.metrics.observeJob },
  );
}
