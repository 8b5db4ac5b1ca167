/**
 * WeChat Pay misbehaving on a real socket (test/faulty-upstream.ts in front of the emulator):
 * slow past the budget, 5xx, reset connections, answers lost after WeChat Pay acted. The member
 * gets a clear Chinese message with a stable code in bounded time; attempts are bounded and
 * carry the same out_trade_no / out_refund_no, so nothing is charged or refunded twice; a
 * retried purchase with the same request id is the same order; and money WeChat Pay took while
 * we saw only a failure is found by the reconciliation job and fulfilled exactly once.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../src/integrations/bounded-call';
import type { WechatPayEmulator } from '../src/integrations/wechat-pay/emulator';
import { reconcilePayments } from '../src/modules/payments/jobs';
import { OrderModel } from '../src/modules/payments/order.model';
import {
  buy,
  eventKinds,
  newMember,
  orderAction,
  orderDoc,
  paidOffer,
  placeOrder,
  requestId,
  startPaymentWorld,
  stockOf,
  vouchersOfOrder,
  type PaymentWorld,
} from '../src/modules/payments/test-support';
import type { MemberSession } from '../src/modules/vouchers/test-support';
import { startFaultyUpstream, type Fault, type FaultyUpstream, type UpstreamRequest } from './faulty-upstream';

/** WeChat Pay's budget per call in these tests (production: WECHAT_PAY_TIMEOUT_MS, 6 s by default). */
const BUDGET_MS = 1000;
/** Slack for a busy machine on top of the budget; far below "hangs until the fake server stops". */
const SLACK_MS = 4000;
const PREPAY = '/v3/pay/transactions/jsapi';
const QUERY = '/v3/pay/transactions/out-trade-no/';
const REFUND = '/v3/refund/domestic/refunds';

let emulator: WechatPayEmulator;
let upstream: FaultyUpstream;
let world: PaymentWorld;
beforeAll(async () => {
  upstream = await startFaultyUpstream((request) => emulator.handle(request));
  world = await startPaymentWorld({
    WECHAT_PAY_API_BASE_URL: upstream.url,
    WECHAT_PAY_TIMEOUT_MS: String(BUDGET_MS),
  });
  emulator = world.emulator;
});
afterAll(async () => {
  await world.stop();
  await upstream.stop();
});
beforeEach(() => upstream.heal());

const reconcileAt = (minutesFromNow: number) =>
  reconcilePayments(world.api.running.runtime, new Date(Date.now() + minutesFromNow * 60_000));

/** What WeChat Pay was sent from now on, for one API. */
function watch(method: string, pathPrefix: string) {
  const mark = upstream.requests.length;
  const seen = () =>
    upstream.requests.slice(mark).filter((request) => request.method === method && request.path.startsWith(pathPrefix));
  return { seen, bodies: () => seen().map((request: UpstreamRequest) => JSON.parse(request.body)) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const started = Date.now();
  const result = await work();
  return { result, elapsedMs: Date.now() - started };
}

const ordersOf = (member: MemberSession) => OrderModel.find({ memberId: new Types.ObjectId(member.memberId) }).lean();

/** Nothing a member should not read: no driver, socket or stack text. */
const INTERNAL = /fetch failed|ECONN|socket|terminated|abort|Error|stack|undici|127\.0\.0\.1/i;

function expectClearError(body: any, code: string, message: string) {
  expect(body.error).toMatchObject({ code, message });
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'requestId']);
  expect(body.error.message).not.toMatch(INTERNAL);
}

describe('buying while the prepay fails', () => {
  const failures: { name: string; fault: Fault; attempts: number; status: number; code: string; message: string }[] = [
    {
      name: 'is slow past the budget',
      fault: 'hang',
      attempts: 1,
      status: 504,
      code: 'upstream_timeout',
      message: '微信支付响应超时，请稍后再试',
    },
    ...[500, 502, 503].map((status) => ({
      name: `answers ${status}`,
      fault: { status },
      attempts: MAX_ATTEMPTS,
      status: 502,
      code: 'upstream_failed',
      message: `微信支付暂时不可用，请稍后再试（${status}）`,
    })),
    {
      name: 'resets the connection',
      fault: 'reset' as const,
      attempts: MAX_ATTEMPTS,
      status: 502,
      code: 'upstream_failed',
      message: '暂时无法连接微信支付，请稍后再试',
    },
    {
      name: 'creates the order but cuts its answer off halfway',
      fault: 'act-then-cut' as const,
      attempts: MAX_ATTEMPTS,
      status: 502,
      code: 'upstream_failed',
      message: '暂时无法连接微信支付，请稍后再试',
    },
  ];

  for (const { name, fault, attempts, status, code, message } of failures) {
    it(`answers ${status} ${code} after ${attempts} attempt(s) with one order number when WeChat Pay ${name}; the retried tap pays the same order`, async () => {
      const offer = await paidOffer(world);
      const member = await newMember(world);
      const id = requestId();
      const prepays = watch('POST', PREPAY);
      upstream.failNext('POST', PREPAY, fault, MAX_ATTEMPTS + 1);

      const { result: failed, elapsedMs } = await timed(() => buy(world, member, offer, id));
      expect(failed.status).toBe(status);
      expectClearError(failed.body, code, message);
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      expect(prepays.seen()).toHaveLength(attempts);
      // The unit stays held for the order, which waits for the member's retry (or the job).
      const [order] = await ordersOf(member);
      expect(order).toMatchObject({ status: 'pending_payment', prepayId: null });
      expect(await stockOf(offer)).toBe(9);

      upstream.heal();
      const retried = await buy(world, member, offer, id);
      expect(retried.status).toBe(200);
      expect(retried.body.order).toMatchObject({ id: String(order!._id), status: 'pending_payment' });
      expect(retried.body.payment.package).toBe(
        `prepay_id=${emulator.ledger.transactions.get(order!.orderNo)!.prepayId}`,
      );
      // Every attempt, the failed ones and the retry, named the one order: WeChat Pay holds one.
      expect(new Set(prepays.bodies().map((body) => body.out_trade_no))).toEqual(new Set([order!.orderNo]));
      expect(await ordersOf(member)).toHaveLength(1);
      expect(await stockOf(offer)).toBe(9);
      expect(await eventKinds(String(order!._id))).toEqual(['order.created']);
    });
  }

  it('succeeds within the call when a reset or a 5xx passes, asking with the same order number', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const prepays = watch('POST', PREPAY);
    upstream.failNext('POST', PREPAY, 'reset');
    upstream.failNext('POST', PREPAY, { status: 503 });
    const response = await buy(world, member, offer);
    expect(response.status).toBe(200);
    expect(prepays.seen()).toHaveLength(3);
    expect(new Set(prepays.bodies().map((body) => body.out_trade_no))).toEqual(new Set([response.body.order.orderNo]));
  });

  it('gets the same prepay id again when WeChat Pay created the order but its answer was lost', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const prepays = watch('POST', PREPAY);
    upstream.failNext('POST', PREPAY, 'act-then-reset');
    const response = await buy(world, member, offer);
    expect(response.status).toBe(200);
    expect(prepays.seen()).toHaveLength(2);
    const orderNo = response.body.order.orderNo as string;
    expect(response.body.payment.package).toBe(`prepay_id=${emulator.ledger.transactions.get(orderNo)!.prepayId}`);
    expect([...emulator.ledger.transactions.keys()].filter((number) => number === orderNo)).toHaveLength(1);
  });

  it('answers 504 when WeChat Pay created the order but answered too late; the retried tap gets that prepay id', async () => {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const id = requestId();
    upstream.failNext('POST', PREPAY, 'act-then-hang');
    const late = await buy(world, member, offer, id);
    expect(late.status).toBe(504);
    expectClearError(late.body, 'upstream_timeout', '微信支付响应超时，请稍后再试');
    const [order] = await ordersOf(member);
    const created = emulator.ledger.transactions.get(order!.orderNo)!;
    const retried = await buy(world, member, offer, id);
    expect(retried.body.payment.package).toBe(`prepay_id=${created.prepayId}`);
    expect(await ordersOf(member)).toHaveLength(1);
  });
});

describe('a payment WeChat Pay took while we never heard of it', () => {
  /** The member paid in WeChat; the notification never arrives. */
  async function paidUnheard() {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await emulator.pay(order.orderNo, { notify: false });
    return { offer, member, order };
  }

  async function expectFulfilledOnce(orderId: string) {
    expect(await orderDoc(orderId)).toMatchObject({ status: 'paid', voucherId: expect.anything() });
    expect(await vouchersOfOrder(orderId)).toHaveLength(1);
    expect((await eventKinds(orderId)).filter((kind) => kind === 'order.paid')).toHaveLength(1);
  }

  for (const [name, fault, status, code, message] of [
    ['slow', 'hang', 504, 'upstream_timeout', '微信支付响应超时，请稍后再试'],
    ['resetting', 'reset', 502, 'upstream_failed', '暂时无法连接微信支付，请稍后再试'],
    ['answering 503', { status: 503 }, 502, 'upstream_failed', '微信支付暂时不可用，请稍后再试（503）'],
  ] as const) {
    it(`tells the confirming member ${status} ${code} while WeChat Pay is ${name}; the job fulfils the order once`, async () => {
      const { offer, member, order } = await paidUnheard();
      const queries = watch('GET', QUERY);
      upstream.failNext('GET', QUERY, fault, MAX_ATTEMPTS);
      const { result: confirm, elapsedMs } = await timed(() => orderAction(world, member, order.id, 'confirm'));
      expect(confirm.status).toBe(status);
      expectClearError(confirm.body, code, message);
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      expect(queries.seen()).toHaveLength(fault === 'hang' ? 1 : MAX_ATTEMPTS);
      expect(await orderDoc(order.id)).toMatchObject({ status: 'pending_payment' });

      // The order's payment window ends; the job asks WeChat Pay and finds the payment.
      expect((await reconcileAt(16)).expiredSettled).toBeGreaterThanOrEqual(1);
      await expectFulfilledOnce(order.id);
      await reconcileAt(17);
      await reconcileAt(18);
      await expectFulfilledOnce(order.id);
      expect(await stockOf(offer)).toBe(9);
      // The member's next look shows it paid.
      expect((await orderAction(world, member, order.id, 'confirm')).body.status).toBe('paid');
    });
  }

  it('is never closed by a job pass that could not reach WeChat Pay; a later pass fulfils it once', async () => {
    const { offer, order } = await paidUnheard();
    upstream.failNext('GET', `${QUERY}${order.orderNo}`, 'hang');
    await reconcileAt(16);
    // Unknown is not unpaid: the order keeps its unit, and no close reached WeChat Pay.
    expect(await orderDoc(order.id)).toMatchObject({ status: 'pending_payment' });
    expect(await stockOf(offer)).toBe(9);
    expect(emulator.ledger.transactions.get(order.orderNo)!.state).toBe('SUCCESS');
    await reconcileAt(17);
    await expectFulfilledOnce(order.id);
  });
});

describe('a refund while WeChat Pay fails', () => {
  async function paidVoucher() {
    const offer = await paidOffer(world);
    const member = await newMember(world);
    const order = await placeOrder(world, member, offer);
    await emulator.pay(order.orderNo);
    const [voucher] = await vouchersOfOrder(order.id);
    return { offer, member, order, voucherId: String(voucher!._id), outRefundNo: `${order.orderNo}R1` };
  }
  const askRefund = (member: MemberSession, voucherId: string) =>
    world.api.request('POST', `/api/benefits/vouchers/${voucherId}/refund`, {
      token: member.token,
      body: { reason: '计划有变，用不上了', requestId: requestId() },
    });

  for (const fault of ['act-then-reset', 'act-then-hang'] as const) {
    it(`refunds once when WeChat Pay took the refund but every answer was lost (${fault}); the job resends the same refund number`, async () => {
      const { offer, member, order, voucherId, outRefundNo } = await paidVoucher();
      const refunds = watch('POST', REFUND);
      const attempts = fault === 'act-then-hang' ? 1 : MAX_ATTEMPTS;
      upstream.failNext('POST', REFUND, fault, attempts);
      const { result: response, elapsedMs } = await timed(() => askRefund(member, voucherId));
      // Outcome unknown: the member sees it refunding, and the voucher cannot be used meanwhile.
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('refunding');
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      expect(refunds.seen()).toHaveLength(attempts);
      expect((await orderDoc(order.id)).refund?.status).toBe('requested');

      await reconcileAt(2);
      expect((await orderDoc(order.id)).refund?.status).toBe('processing');
      expect(new Set(refunds.bodies().map((body) => body.out_refund_no))).toEqual(new Set([outRefundNo]));
      const transaction = emulator.ledger.transactions.get(order.orderNo)!;
      expect(transaction.refundedFen).toBe(1200);
      expect(
        [...emulator.ledger.refunds.values()].filter((refund) => refund.outTradeNo === order.orderNo),
      ).toHaveLength(1);

      await emulator.settleRefund(outRefundNo, 'SUCCESS');
      expect((await orderDoc(order.id)).status).toBe('refunded');
      expect(await stockOf(offer)).toBe(10);
      expect(transaction.refundedFen).toBe(1200);
    });
  }
});
