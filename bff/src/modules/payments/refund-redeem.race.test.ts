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

describe('refunding and redeeming one voucher at the same moment', () => {
  it(
    'lets exactly one of 8 refund requests and 8 redemptions take the voucher, with stock, quota and the order agreeing (150 trials)',
    async () => {
      const offer = await paidOffer(world, { stockTotal: STOCK });
      const member = await newMember(world);
      const order = await placeOrder(world, member, offer);
      await world.emulator.pay(order.orderNo);
      const voucher = (await vouchersOfOrder(order.id))[0]!;
      const clerks: string[] = [];
      for (let i = 0; i < CLERKS; i++) clerks.push(await clerkSession(world.api, world.merchant, `refund_race_${i}`));
      expect(await AccountModel.countDocuments({ username: /^refund_race_/ })).toBe(CLERKS);
      const orderId = new Types.ObjectId(order.id);
      const refundNo = `${order.orderNo}R1`;

      const report = await race({
        trials: 150,
        parallel: PARALLEL,
        // The voucher unused and paid for again, its unit held, and what the last trial did undone.
        reset: async () => {
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
            TrailEventModel.deleteMany({
              $or: [{ orderId }, { voucherId: voucher._id }],
              kind: { $ne: 'order.created' },
            }),
          ]);
        },
        attempt: (contender) =>
          contender % 2 === 0
            ? world.api.request('POST', `/api/benefits/vouchers/${String(voucher._id)}/refund`, {
                token: member.token,
                body: { reason: '计划有变，用不上了', requestId: requestId() },
              })
            : world.api.request('POST', '/api/merchant/redemptions', {
                token: clerks[contender % CLERKS]!,
                body: { code: voucher.code, requestId: requestId() },
              }),
        check: async (results) => {
          const refunds = answered(results, 'refund');
          const redemptions = answered(results, 'redeem');
          const refused = results.every(
            (result) => !(result instanceof RaceError) && (result.status === 200 || result.status === 409),
          );
          if (!refused || refunds + redemptions !== 1)
            return `${refunds} refunds and ${redemptions} redemptions answered 200: ${JSON.stringify(answers(results))}`;
          const ledgerRefunds = () =>
            [...world.emulator.ledger.refunds.values()].filter((refund) => refund.outTradeNo === order.orderNo);
          const stored = async () => ({
            voucher: (await VoucherModel.findById(voucher._id).lean())!,
            order: await orderDoc(order.id),
            stock: await stockOf(offer),
            quota: await quotaOf(offer, member),
            redeemedCount: (await OfferModel.findById(offer._id, { redeemedCount: 1 }).lean())!.redeemedCount,
          });
          const now = await stored();
          const summary = (state: typeof now) =>
            `voucher ${state.voucher.status}, order ${state.order.status} (refund ${state.order.refund?.status ?? 'none'}), ` +
            `stock ${state.stock}, quota ${state.quota}, redeemedCount ${state.redeemedCount}, ${ledgerRefunds().length} refunds at WeChat Pay`;
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
});
