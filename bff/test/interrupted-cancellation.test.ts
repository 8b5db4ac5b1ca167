/**
 * A member cancelling a paid activity entry, cut off from the database at every step (see
 * every-step.ts). The cancel ends the entry and then, in other writes, asks WeChat Pay for the
 * refund. Whatever step the cut hits, once the member's retry, the activity sweep's owed-refund
 * pass and the payment job have run, the entry is cancelled and exactly one refund went out:
 * a cancelled paid entry never keeps the member's money.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { REFUND_OWED_BOUND_MS, settleOwedRefunds } from '../src/modules/activities/entry-payment';
import { EntryModel } from '../src/modules/activities/entry.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from '../src/modules/activities/test-support';
import { reconcilePayments } from '../src/modules/payments/jobs';
import { OrderModel } from '../src/modules/payments/order.model';
import { startPaymentWorld, type PaymentWorld } from '../src/modules/payments/test-support';

let cut: DatabaseCut;
let world: PaymentWorld;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  world = await startPaymentWorld({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
  staff = await organiser(world.api, world.orgs.xihu, 'cut-cancel-staff');
  members = await memberSessions(world.api, world.orgs.xihuTech, 40);
}, 120_000);
afterAll(async () => {
  cut.restore();
  await world?.stop();
  await cut?.stop();
});

describe('cancelling a paid entry cut off from the database at every step', () => {
  it('ends the entry and refunds it exactly once, once the retry and the sweeps have run', async () => {
    const activityId = await publishedActivity(
      world.api,
      staff,
      activityInput(world.orgs, {
        fee: { priceFen: 5_000, subsidyFen: 3_000 },
        groups: [{ id: 'open', name: '公开组', capacity: 60, allocation: 'first_come' }],
      } as never),
    );
    let trial = 0;
    const cancel = (member: MemberSession, entryId: string) =>
      world.api.request('POST', `/api/activities/entries/${entryId}/cancel`, { token: member.token });
    await atEveryStep(cut, world.api, {
      async prepare() {
        const member = members[trial++]!;
        const signedUp = await signUpAs(world.api, member, activityId);
        expect(signedUp.status, JSON.stringify(signedUp.body)).toBe(200);
        const entryId = signedUp.body.id as string;
        const order = await world.api.request('POST', `/api/activities/entries/${entryId}/payment`, {
          token: member.token,
        });
        expect(order.status, JSON.stringify(order.body)).toBe(200);
        await world.emulator.pay(order.body.order.orderNo);
        expect((await EntryModel.findById(entryId).lean())!.status).toBe('confirmed');
        return { member, entryId, orderId: order.body.order.id as string };
      },
      act: ({ member, entryId }) => cancel(member, entryId),
      async repair({ member, entryId }) {
        const retried = await cancel(member, entryId);
        expect([200, 409], JSON.stringify(retried.body)).toContain(retried.status);
        const later = new Date(Date.now() + REFUND_OWED_BOUND_MS + 1000);
        await settleOwedRefunds(world.api.running.runtime, later);
        await reconcilePayments(world.api.running.runtime, new Date(Date.now() + 16 * 60_000));
      },
      async check({ entryId, orderId }) {
        const entry = (await EntryModel.findById(entryId).lean())!;
        expect(entry.status).toBe('cancelled');
        expect(entry.refundOwedAt).toBeUndefined();
        const order = (await OrderModel.findById(orderId).lean())!;
        expect(order.status).toBe('refunding');
        // One refund at WeChat Pay for the whole amount the member paid, never two.
        const refunds = [...world.emulator.ledger.refunds.values()].filter(
          (refund) => refund.outTradeNo === order.orderNo,
        );
        expect(refunds.map((refund) => refund.refundFen)).toEqual([order.amountFen]);
      },
      // The refund is asked after the cancel stands: a cut there answers the cancel (200) and the
      // owed-refund pass asks it again; in-app messages are best effort.
      bestEffort: /benefit|notifications/,
    });
  }, 600_000);
});
