/**
 * Benefits cut off from the database at every step (see every-step.ts): a free claim, placing
 * a paid order and WeChat Pay's payment notification. Every cut request answers a clean 503,
 * and once the repair production relies on has run (the app retrying with the same request
 * id, WeChat Pay re-delivering its notification, the payment job), the flow is complete
 * exactly once: never a unit or a voucher lost or given twice.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut, type Flow } from './every-step';
import { reconcilePayments } from '../src/modules/payments/jobs';
import {
  buy,
  eventKinds,
  newMember,
  orderDoc,
  paidOffer,
  placeOrder,
  postNotification,
  quotaOf,
  startPaymentWorld,
  stockOf,
  vouchersOfOrder,
  type PaymentWorld,
} from '../src/modules/payments/test-support';
import { OrderModel } from '../src/modules/payments/order.model';
import { OfferModel, type OfferDoc } from '../src/modules/offers/offer.model';
import { ABANDONED_AFTER_MS, sweepAbandonedHolds } from '../src/modules/vouchers/hold-sweep';
import type { MemberSession } from '../src/modules/vouchers/test-support';
import { claim, createOffer, requestId } from '../src/modules/vouchers/test-support';
import { VoucherModel } from '../src/modules/vouchers/voucher.model';

const NOTIFY = '/api/payments/wechat/notify';

let cut: DatabaseCut;
let world: PaymentWorld;

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  world = await startPaymentWorld({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
}, 60_000);
afterAll(async () => {
  cut.restore();
  await world?.stop();
  await cut?.stop();
});

const everyStep = <T>(flow: Flow<T>) => atEveryStep(cut, world.api, flow);

interface ClaimState {
  offer: OfferDoc;
  member: MemberSession;
  id: string;
}

/** What a cut-off request leaves once repaired: a voucher or order and its unit, or neither. */
async function expectWholeUnits(offer: OfferDoc, member: MemberSession, records: number) {
  expect(records).toBeLessThanOrEqual(1);
  expect(await stockOf(offer)).toBe(5 - records);
  expect(await quotaOf(offer, member)).toBe(records);
  expect((await OfferModel.findById(offer._id, { held: 1 }).lean())!.held).toBe(0);
}

/** The member never retries: the hold sweep, a few minutes later, settles or gives back. */
const sweepLater = () => sweepAbandonedHolds(new Date(Date.now() + ABANDONED_AFTER_MS + 60_000));

describe('a request cut off from the database at every step', () => {
  const claimFlow = (repair: 'retry' | 'sweep') => ({
    async prepare() {
      const offer = await createOffer(world.merchant, { stockTotal: 5, limitPerMember: 1 });
      return { offer, member: await newMember(world), id: requestId() };
    },
    act: ({ offer, member, id }: ClaimState) => claim(world.api, member.token, offer._id, id),
    async repair({ offer, member, id }: ClaimState) {
      if (repair === 'sweep') return void (await sweepLater());
      const retried = await claim(world.api, member.token, offer._id, id);
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    },
    async check({ offer, member }: ClaimState) {
      const vouchers = await VoucherModel.find({ offerId: offer._id }).lean();
      expect(vouchers.every((voucher) => String(voucher.memberId) === member.memberId)).toBe(true);
      if (repair === 'retry') expect(vouchers).toHaveLength(1);
      await expectWholeUnits(offer, member, vouchers.length);
    },
  });

  it('a free claim: one voucher and one unit, once the app retries', async () => {
    const steps = await everyStep(claimFlow('retry'));
    expect(steps.length).toBeGreaterThan(2);
  }, 240_000);

  it('a free claim nobody retries: the voucher and its unit, or neither, once the sweep ran', async () => {
    await everyStep(claimFlow('sweep'));
  }, 240_000);

  const orderFlow = (repair: 'retry' | 'sweep') => ({
    async prepare() {
      return { offer: await paidOffer(world, { stockTotal: 5 }), member: await newMember(world), id: requestId() };
    },
    act: ({ offer, member, id }: ClaimState) => buy(world, member, offer, id),
    async repair({ offer, member, id }: ClaimState) {
      if (repair === 'sweep') {
        // And the payment job, once the order's payment window is over, closes what the sweep left to it.
        await sweepLater();
        return void (await reconcilePayments(world.api.running.runtime, new Date(Date.now() + 16 * 60_000)));
      }
      const retried = await buy(world, member, offer, id);
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    },
    async check({ offer, member }: ClaimState) {
      const orders = await OrderModel.find({ 'product.ref': offer._id }).lean();
      if (repair === 'sweep') {
        // Never paid: whatever was written is closed, and every unit is back.
        expect(orders.map((order) => order.status)).toEqual(orders.map(() => 'closed'));
        return expectWholeUnits(offer, member, 0);
      }
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ status: 'pending_payment', memberId: new Types.ObjectId(member.memberId) });
      expect(await eventKinds(String(orders[0]!._id))).toEqual(['order.created']);
      await expectWholeUnits(offer, member, 1);
    },
  });

  it('placing a paid order: one order holding one unit, once the app retries', async () => {
    await everyStep(orderFlow('retry'));
  }, 240_000);

  it('placing a paid order nobody retries: the order and its unit, or neither, once the sweep ran', async () => {
    await everyStep(orderFlow('sweep'));
  }, 240_000);

  it('a payment notification: paid with one voucher, once WeChat Pay re-delivers it or the job runs', async () => {
    let repairs = 0;
    await everyStep({
      async prepare() {
        const offer = await paidOffer(world, { stockTotal: 5 });
        const member = await newMember(world);
        const order = await placeOrder(world, member, offer);
        return {
          offer,
          member,
          order,
          delivery: null as null | { message: { headers: Record<string, string>; body: string } },
        };
      },
      async act(state) {
        const delivery = (await world.emulator.pay(state.order.orderNo))!;
        state.delivery = delivery;
        return { status: delivery.status, body: JSON.parse(delivery.reply || '{}'), headers: new Headers() };
      },
      async repair({ order, delivery }) {
        // Alternate the two ways production settles it: WeChat Pay's next delivery, or the job.
        repairs += 1;
        if (repairs % 2 === 0) {
          await reconcilePayments(world.api.running.runtime, new Date(Date.now() + 16 * 60_000));
        } else {
          const again = await postNotification(world, NOTIFY, delivery!.message);
          expect(again.status, `${order.orderNo}: ${JSON.stringify(again.body)}`).toBe(200);
        }
      },
      async check({ offer, order }) {
        const paid = await orderDoc(order.id);
        expect(paid.status).toBe('paid');
        const vouchers = await vouchersOfOrder(order.id);
        expect(vouchers).toHaveLength(1);
        expect(String(paid.voucherId)).toBe(String(vouchers[0]!._id));
        expect(await stockOf(offer)).toBe(4);
        expect(await eventKinds(order.id)).toEqual(['order.created', 'order.paid', 'voucher.claimed']);
      },
    });
  }, 240_000);
});
