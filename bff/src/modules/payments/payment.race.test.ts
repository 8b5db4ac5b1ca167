/**
 * One pending order, everything that can settle it at once, many times over: WeChat Pay's
 * payment notification (and its re-deliveries), the payment job, and the member's confirm,
 * query and cancel, over HTTP as they arrive in production. Exactly one outcome each time,
 * agreeing with WeChat Pay: paid with one voucher, or closed with the unit given back once.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { EmulatorError } from '../../integrations/wechat-pay/emulator-core';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { ClaimQuotaModel } from '../vouchers/claim-quota.model';
import { SYSTEM_ACTOR } from '../event-trail/record';
import type { MemberSession } from '../vouchers/test-support';
import { VoucherModel } from '../vouchers/voucher.model';
import { reconcilePayments } from './jobs';
import { closeOrderLocally } from './order-lifecycle';
import { OrderModel, type OrderDoc } from './order.model';
import {
  getOrder,
  newMember,
  orderAction,
  orderDoc,
  paidOffer,
  placeOrder,
  postNotification,
  quotaOf,
  startPaymentWorld,
  stockOf,
  type PaymentWorld,
} from './test-support';

const STOCK = 10;
const NOTIFY = '/api/payments/wechat/notify';

let world: PaymentWorld;
beforeAll(async () => {
  // Hundreds of confirms and queries by one member: the per-account rate limits are not under test here.
  world = await startPaymentWorld({ RATE_LIMIT_SCALE: '1000' });
});
afterAll(() => world.stop());

interface Pending {
  offer: OfferDoc;
  member: MemberSession;
  order: { id: string; orderNo: string };
  /** The unit's stock and quota documents (counters and holds) as the order left them. */
  reserved: { stock: Record<string, unknown>; quota: Record<string, unknown> };
}

const held = ({ holds, held }: { holds?: unknown; held?: number | null }) => ({
  holds: holds ?? {},
  held: held ?? 0,
});

async function pendingOrder(): Promise<Pending> {
  const offer = await paidOffer(world, { stockTotal: STOCK });
  const member = await newMember(world);
  const order = await placeOrder(world, member, offer);
  const stock = (await OfferModel.findById(offer._id).lean())!;
  const quota = (await ClaimQuotaModel.findOne({ offerId: offer._id }).lean())!;
  return {
    offer,
    member,
    order,
    reserved: {
      stock: { stockRemaining: stock.stockRemaining, ...held(stock) },
      quota: { count: quota.count, ...held(quota) },
    },
  };
}

/**
 * The order pending again with its unit reserved (stock STOCK-1, quota 1), WeChat Pay holding it
 * in `state`, and what the last trial made of it (voucher, refund, events) removed.
 */
async function resetOrder({ offer, member, order, reserved }: Pending, state: 'NOTPAY' | 'SUCCESS', expired: boolean) {
  const now = Date.now();
  const { ledger } = world.emulator;
  const transaction = ledger.transactions.get(order.orderNo)!;
  Object.assign(transaction, {
    state,
    transactionId: state === 'SUCCESS' ? `4200${String(now).padStart(24, '0')}` : null,
    successTime: state === 'SUCCESS' ? new Date(now) : null,
    refundedFen: 0,
    // WeChat Pay still takes the payment: the member pays right at our deadline.
    expiresAt: new Date(now + 15 * 60_000),
  });
  for (const refundNo of [...ledger.refunds.keys()])
    if (refundNo.startsWith(order.orderNo)) ledger.refunds.delete(refundNo);
  await Promise.all([
    OrderModel.updateOne(
      { _id: order.id },
      {
        $set: {
          status: 'pending_payment',
          expiresAt: new Date(now + (expired ? -60_000 : 15 * 60_000)),
          paidAt: null,
          transactionId: null,
          closedAt: null,
          closedReason: null,
          fulfilmentId: null,
          refund: null,
          refundAttempts: 0,
          lastCheckedAt: null,
        },
      },
    ),
    VoucherModel.deleteMany({ orderId: new Types.ObjectId(order.id) }),
    TrailEventModel.deleteMany({ orderId: new Types.ObjectId(order.id) }),
    OfferModel.updateOne({ _id: offer._id }, { $set: reserved.stock }),
    ClaimQuotaModel.updateOne(
      { offerId: offer._id, memberId: new Types.ObjectId(member.memberId) },
      { $set: reserved.quota },
    ),
  ]);
}

/** What the trial left: the order, its vouchers, stock, quota, events by kind, refunds at WeChat Pay. */
async function outcomeOf({ offer, member, order }: Pending) {
  const [stored, vouchers, stock, quota, events] = await Promise.all([
    orderDoc(order.id),
    VoucherModel.find({ orderId: new Types.ObjectId(order.id) }).lean(),
    stockOf(offer),
    quotaOf(offer, member),
    TrailEventModel.find({ orderId: new Types.ObjectId(order.id) }, { kind: 1 }).lean(),
  ]);
  const refunds = [...world.emulator.ledger.refunds.values()].filter((refund) => refund.outTradeNo === order.orderNo);
  return {
    order: stored,
    vouchers,
    stock,
    quota,
    events: tally(events, (event) => event.kind),
    refunds,
    wechatState: world.emulator.ledger.transactions.get(order.orderNo)!.state,
  };
}
type Outcome = Awaited<ReturnType<typeof outcomeOf>>;

/** Paid: one voucher, the order pointing at it, the unit kept, paid and issued once. */
function paidProblems(outcome: Outcome): string | null {
  const { order, vouchers, stock, quota, events, refunds } = outcome;
  const ok =
    order.status === 'paid' &&
    vouchers.length === 1 &&
    String(order.voucherId) === String(vouchers[0]!._id) &&
    stock === STOCK - 1 &&
    quota === 1 &&
    events['order.paid'] === 1 &&
    events['voucher.claimed'] === 1 &&
    !events['order.closed'] &&
    refunds.length === 0;
  return ok ? null : summary(outcome);
}

const summary = ({ order, vouchers, stock, quota, events, refunds, wechatState }: Outcome) =>
  `WeChat Pay ${wechatState}, order ${order.status}, ${vouchers.length} vouchers, stock ${stock}, quota ${quota}, ` +
  `events ${JSON.stringify(events)}, ${refunds.length} refunds`;

const fails = (results: unknown[]) =>
  results.filter((result) => result instanceof RaceError && !(result.error instanceof EmulatorError));
const serverErrors = (results: unknown[]) =>
  results.filter(
    (result) =>
      typeof result === 'object' &&
      result !== null &&
      'status' in result &&
      (result as { status: number }).status >= 500,
  );

describe('settling one pending order from every side at once', () => {
  it(
    'pays it with exactly one voucher, or closes it releasing stock and quota once, as WeChat Pay has it, when the payment, its re-deliveries, two job passes and the member’s confirms, queries and cancels race (16 at once, 150 trials)',
    async () => {
      const pending = await pendingOrder();
      const { orderNo, id } = pending.order;
      const runtime = world.api.running.runtime;
      const contenders: ((trial: number) => Promise<unknown>)[] = [
        // The member pays at once (trials 0, 4, 8 …), or a moment later while the order is being closed
        // (trials 2, 6 …: WeChat Pay decides which came first), or not at all (odd trials).
        async (trial) => {
          if (trial % 2) return null;
          if (trial % 4 === 2) await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
          return world.emulator.pay(orderNo);
        },
        // WeChat Pay delivering the notification again, as it does when unsure we heard it.
        ...Array.from({ length: 3 }, () => async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
          if (world.emulator.ledger.transactions.get(orderNo)!.state !== 'SUCCESS') return null;
          return world.emulator.notifyTransaction(orderNo);
        }),
        // The payment job, on two instances, after the order's timeout.
        ...Array.from({ length: 2 }, () => () => reconcilePayments(runtime, new Date(Date.now() + 16 * 60_000))),
        ...Array.from({ length: 4 }, () => () => orderAction(world, pending.member, id, 'confirm')),
        ...Array.from({ length: 4 }, () => () => getOrder(world, pending.member, id)),
        ...Array.from({ length: 2 }, () => () => orderAction(world, pending.member, id, 'cancel')),
      ];
      const seen = { paid: 0, closed: 0 };
      const report = await race({
        trials: 150,
        parallel: contenders.length,
        reset: () => resetOrder(pending, 'NOTPAY', true),
        attempt: (contender, trial) => contenders[contender]!(trial),
        check: async (results) => {
          if (fails(results).length || serverErrors(results).length)
            return `${fails(results).length} errors, ${serverErrors(results).length} 5xx answers`;
          const outcome = await outcomeOf(pending);
          if (outcome.wechatState === 'SUCCESS') {
            seen.paid += 1;
            return paidProblems(outcome);
          }
          seen.closed += 1;
          const closedOnce =
            outcome.wechatState === 'CLOSED' &&
            outcome.order.status === 'closed' &&
            outcome.vouchers.length === 0 &&
            outcome.stock === STOCK &&
            outcome.quota === 0 &&
            outcome.events['order.closed'] === 1 &&
            !outcome.events['order.paid'] &&
            outcome.refunds.length === 0;
          return closedOnce ? null : summary(outcome);
        },
      });
      expect(report.violations).toEqual([]);
      // Both outcomes were put to the test (paid on trials 0, 4 …; closed on every odd trial).
      expect(seen.paid).toBeGreaterThan(0);
      expect(seen.closed).toBeGreaterThan(0);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    'either pays it with one voucher, or closes it releasing the unit once and refunds the payment once, when 8 deliveries of a payment race 8 closes (150 trials)',
    async () => {
      const pending = await pendingOrder();
      const { orderNo, id } = pending.order;
      let notification = { headers: {} as Record<string, string>, body: '' };
      const report = await race({
        trials: 150,
        parallel: 16,
        reset: async () => {
          // The member has paid; our close (WeChat Pay reported the order closed) and its notification cross.
          await resetOrder(pending, 'SUCCESS', false);
          const { ledger } = world.emulator;
          notification = world.emulator.buildNotification({
            eventType: 'TRANSACTION.SUCCESS',
            resource: ledger.transactionReply(ledger.transactions.get(orderNo)!),
          });
        },
        attempt: async (contender) => {
          if (contender % 2) return postNotification(world, NOTIFY, notification);
          const order = (await OrderModel.findById(id).lean<OrderDoc>())!;
          return closeOrderLocally(order, 'wechat_closed', SYSTEM_ACTOR, new Date());
        },
        check: async (results) => {
          if (fails(results).length || serverErrors(results).length)
            return `${fails(results).length} errors, ${serverErrors(results).length} 5xx answers`;
          const outcome = await outcomeOf(pending);
          if (outcome.order.status === 'paid') return paidProblems(outcome);
          const { order, vouchers, stock, quota, events, refunds } = outcome;
          const refundedOnce =
            order.status === 'refunding' &&
            order.refund?.outRefundNo === `${orderNo}R1` &&
            order.refund.status === 'processing' &&
            refunds.length === 1 &&
            refunds[0]!.refundFen === order.amountFen &&
            vouchers.length === 0 &&
            stock === STOCK &&
            quota === 0 &&
            events['order.closed'] === 1 &&
            events['order.payment_mismatch'] === 1 &&
            !events['order.paid'];
          return refundedOnce ? null : summary(outcome);
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
