/**
 * A paid voucher refunded by its member and redeemed at the counter at the same moment, many
 * times over, over HTTP: exactly one of them takes the voucher, and stock, quota, the order
 * and WeChat Pay agree with it (a refunded voucher is never also redeemed).
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import type { ApiResponse } from '../../../test/harness';
import { AccountModel } from '../auth/account.model';
import { OfferModel } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { ClaimQuotaModel } from '../vouchers/claim-quota.model';
import { clerkSession } from '../vouchers/test-support';
import { VoucherModel } from '../vouchers/voucher.model';
import { OrderModel } from './order.model';
import {
  newMember,
  orderDoc,
  paidOffer,
  placeOrder,
  quotaOf,
  requestId,
  startPaymentWorld,
  stockOf,
  vouchersOfOrder,
  type PaymentWorld,
} from './test-support';

const STOCK = 10;
const PARALLEL = 16;
const CLERKS = 4;

let world: PaymentWorld;
beforeAll(async () => {
  // Hundreds of refund requests by one member: the per-account rate limits are not under test here.
  world = await startPaymentWorld({ RATE_LIMIT_SCALE: '1000' });
});
afterAll(() => world.stop());

type Result = ApiResponse | RaceError;
const answered = (results: Result[], kind: 'refund' | 'redeem') =>
  results.filter(
    (result, contender) =>
      (contender % 2 === 0 ? 'refund' : 'redeem') === kind && !(result instanceof RaceError) && result.status === 200,
  ).length;
const answers = (results: Result[]) =>
  tally(results, (result) =>
    result instanceof RaceError ? 'error' : `${result.status} ${result.body?.error?.code ?? ''}`.trim(),
  );

/**
 * A member's paid, unused voucher and the clerks of its merchant, with `reset` putting the
 * voucher back unused and paid for (its unit held) and undoing what the last trial did.
 */
async function contestedVoucher(clerkPrefix: string) {
  const offer = await paidOffer(world, { stockTotal: STOCK });
  const member = await newMember(world);
  const order = await placeOrder(world, member, offer);
  await world.emulator.pay(order.orderNo);
  const voucher = (await vouchersOfOrder(order.id))[0]!;
  const clerks: string[] = [];
  for (let i = 0; i < CLERKS; i++) clerks.push(await clerkSession(world.api, world.merchant, `${clerkPrefix}_${i}`));
  const orderId = new Types.ObjectId(order.id);
  const reset = async () => {
    const { ledger } = world.emulator;
    Object.assign(ledger.transactions.get(order.orderNo)!, { state: 'SUCCESS', refundedFen: 0 });
    for (const no of [...ledger.refunds.keys()]) if (no.startsWith(order.orderNo)) ledger.refunds.delete(no);
    await Promise.all([
      VoucherModel.updateOne(
        { _id: voucher._id },
        {
          $set: {
            status: 'unused',
            redeemedAt: null,
            redeemedByAccountId: null,
            redeemRequestId: null,
            refundedAt: null,
          },
        },
      ),
      OrderModel.updateOne(
        { _id: orderId },
        { $set: { status: 'paid', refund: null, refundAttempts: 0, lastCheckedAt: null } },
      ),
      OfferModel.updateOne({ _id: offer._id }, { $set: { stockRemaining: STOCK - 1, redeemedCount: 0 } }),
      ClaimQuotaModel.updateOne(
        { offerId: offer._id, memberId: new Types.ObjectId(member.memberId) },
        { $set: { count: 1 } },
      ),
      TrailEventModel.deleteMany({ $or: [{ orderId }, { voucherId: voucher._id }], kind: { $ne: 'order.created' } }),
    ]);
  };
  const ledgerRefunds = () =>
    [...world.emulator.ledger.refunds.values()].filter((refund) => refund.outTradeNo === order.orderNo);
  const stored = async () => ({
    voucher: (await VoucherModel.findById(voucher._id).lean())!,
    order: await orderDoc(order.id),
    stock: await stockOf(offer),
    quota: await quotaOf(offer, member),
    redeemedCount: (await OfferModel.findById(offer._id, { redeemedCount: 1 }).lean())!.redeemedCount,
  });
  const summary = (state: Awaited<ReturnType<typeof stored>>) =>
    `voucher ${state.voucher.status}, order ${state.order.status} (refund ${state.order.refund?.status ?? 'none'}), ` +
    `stock ${state.stock}, quota ${state.quota}, redeemedCount ${state.redeemedCount}, ${ledgerRefunds().length} refunds at WeChat Pay`;
  const askRefund = (id: string) =>
    world.api.request('POST', `/api/benefits/vouchers/${String(voucher._id)}/refund`, {
      token: member.token,
      body: { reason: '计划有变，用不上了', requestId: id },
    });
  const redeem = (clerk: number) =>
    world.api.request('POST', '/api/merchant/redemptions', {
      token: clerks[clerk % CLERKS]!,
      body: { code: voucher.code, requestId: requestId() },
    });
  return {
    offer,
    member,
    order,
    voucher,
    refundNo: `${order.orderNo}R1`,
    reset,
    ledgerRefunds,
    stored,
    summary,
    askRefund,
    redeem,
  };
}

describe('refunding and redeeming one voucher at the same moment', () => {
  it(
    'lets exactly one of 8 refund requests and 8 redemptions take the voucher, with stock, quota and the order agreeing (150 trials)',
    async () => {
      const { refundNo, reset, ledgerRefunds, stored, summary, askRefund, redeem } =
        await contestedVoucher('refund_race');
      expect(await AccountModel.countDocuments({ username: /^refund_race_/ })).toBe(CLERKS);

      const report = await race({
        trials: 150,
        parallel: PARALLEL,
        reset,
        attempt: (contender) => (contender % 2 === 0 ? askRefund(requestId()) : redeem(contender)),
        check: async (results) => {
          const refunds = answered(results, 'refund');
          const redemptions = answered(results, 'redeem');
          const refused = results.every(
            (result) => !(result instanceof RaceError) && (result.status === 200 || result.status === 409),
          );
          if (!refused || refunds + redemptions !== 1)
            return `${refunds} refunds and ${redemptions} redemptions answered 200: ${JSON.stringify(answers(results))}`;
          const now = await stored();
          if (redemptions === 1) {
            // Redeemed: the refund never reached WeChat Pay, the order is paid again, the unit stays used.
            const consistent =
              now.voucher.status === 'used' &&
              now.order.status === 'paid' &&
              now.order.refund === null &&
              ledgerRefunds().length === 0 &&
              now.redeemedCount === 1 &&
              now.stock === STOCK - 1 &&
              now.quota === 1;
            return consistent ? null : `redeemed, but ${summary(now)}`;
          }
          // Refunding: never redeemed; once WeChat Pay refunds, the unit goes back once.
          const refunding =
            now.voucher.status === 'refunding' &&
            now.voucher.redeemedAt === null &&
            now.order.status === 'refunding' &&
            now.order.refund?.outRefundNo === refundNo &&
            ledgerRefunds().length === 1 &&
            now.redeemedCount === 0 &&
            now.stock === STOCK - 1;
          if (!refunding) return `refund answered, but ${summary(now)}`;
          const delivery = await world.emulator.settleRefund(refundNo, 'SUCCESS');
          const after = await stored();
          const refunded =
            delivery?.status === 200 &&
            after.voucher.status === 'refunded' &&
            after.voucher.redeemedAt === null &&
            after.order.status === 'refunded' &&
            after.redeemedCount === 0 &&
            after.stock === STOCK &&
            after.quota === 0;
          return refunded ? null : `refund settled, but ${summary(after)}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
  it(
    'answers a refund request and its resend (same requestId) alike while the voucher is being redeemed (40 trials)',
    async () => {
      const { refundNo, reset, ledgerRefunds, stored, summary, askRefund, redeem } =
        await contestedVoucher('refund_resend_race');
      const TRIALS = 40;
      const ids = Array.from({ length: TRIALS }, () => requestId());
      const report = await race({
        trials: TRIALS,
        parallel: 3,
        reset,
        // The member's tap and its resend with the same requestId, and the counter redeeming.
        attempt: (contender, trial) => (contender < 2 ? askRefund(ids[trial]!) : redeem(contender)),
        check: async (results) => {
          if (results.some((result) => result instanceof RaceError)) return JSON.stringify(answers(results));
          const [tap, resend, redemption] = results as ApiResponse[];
          const said = (response: ApiResponse) =>
            `${response.status} ${response.body?.error?.code ?? ''} ${response.body?.error?.message ?? ''}`.trim();
          if (said(tap!) !== said(resend!)) return `the tap answered ${said(tap!)}, its resend ${said(resend!)}`;
          const refunded = tap!.status === 200;
          if (refunded === (redemption!.status === 200) || ![200, 409].includes(tap!.status))
            return `refund ${said(tap!)}, redemption ${said(redemption!)}`;
          const now = await stored();
          if (!refunded) {
            // Redeemed: nothing says a refund is under way, and none reached WeChat Pay.
            const consistent =
              now.voucher.status === 'used' &&
              now.order.status === 'paid' &&
              (!now.order.refund || now.order.refund.status === 'closed') &&
              ledgerRefunds().length === 0 &&
              now.stock === STOCK - 1;
            return consistent ? null : `redeemed, but ${summary(now)}`;
          }
          // The refund went out, once, and the voucher is held against use.
          const consistent =
            now.voucher.status === 'refunding' &&
            now.voucher.redeemedAt === null &&
            now.order.status === 'refunding' &&
            now.order.refund?.outRefundNo === refundNo &&
            now.order.refund.status === 'processing' &&
            ledgerRefunds().length === 1 &&
            now.redeemedCount === 0;
          return consistent ? null : `refund answered, but ${summary(now)}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
