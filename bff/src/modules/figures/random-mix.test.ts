/**
 * Issue 15's promise on the real API: after a seeded random mix of writes across the features
 * over two to three days of a moving clock — join applications filed (double taps), approved
 * and rejected by reviewers racing each other, withdrawn; station check-ins scanned several
 * times at once, walk-ins replayed with their request id, feedback answered by parallel replies;
 * coupons claimed with replayed request ids and in a rush for the last units, paid cards bought
 * (the payment notice replayed) and refunded, redemptions at two counters at once; activity
 * sign-ups replayed and cancelled — with settle passes racing the writes (one, two at once, full
 * settles two at once), the settled counters of every metric, org, key and day equal a rebuild
 * from the source collections, and the headline figures equal a brute-force count of the records.
 * No reconcile runs (it would heal a write that forgot to mark): the writes' marks must suffice.
 */
import { randomUUID } from 'node:crypto';
import { chinaDateOf, DAY_MS, OCCUPATIONS } from '@union/shared';
import type { Types } from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '../../../test/fixtures';
import { startMixWorld, type MixWorld } from '../../../test/figure-mix-world';
import { createRandom, type Random } from '../../seeded-random';
import { ActivityModel } from '../activities/activity.model';
import { EntryModel } from '../activities/entry.model';
import { AccountModel } from '../auth/account.model';
import { JoinApplicationModel } from '../membership/join-application.model';
import { MemberModel } from '../membership/member.model';
import { OfferModel } from '../offers/offer.model';
import { OrderModel } from '../payments/order.model';
import { postNotification } from '../payments/test-support';
import { StationFeedbackModel } from '../station-visits/feedback.model';
import { StationCheckInModel, WalkInRecordModel } from '../station-visits/visit.model';
import { StationModel } from '../stations/station.model';
import { VoucherModel } from '../vouchers/voucher.model';
import { rebuildFigureCounters, settleAllFigures, settleFigureCounters } from './counters';
import { expectFiguresMatch, storedCounterDays, type RawRecord } from './test-support';

const SEEDS = [15, 2026, 40961];
const ROUNDS = 14;
const REAL_NOW = Date.now();
/** The mix starts three days back and ends before the real now, so the clock only moves forward. */
const START = REAL_NOW - 3 * DAY_MS - 2 * 3_600_000;

afterEach(() => vi.useRealTimers());

interface Mix {
  world: MixWorld;
  random: Random;
  clock: number;
  applications: { id: string; orgId: string; applicant: Types.ObjectId; decided?: boolean }[];
  feedbacks: { id: string; keeper: Types.ObjectId }[];
  /** Refunds the emulated WeChat Pay was told to settle (once each). */
  settledRefunds: Set<string>;
  serial: number;
}

type Answer = { status: number; body: any };
type Work = () => Promise<unknown>;
type Op = (mix: Mix) => Work | null;

function expectAnswer(what: string, answer: Answer, allowed: number[]): void {
  expect(allowed, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
}

const times = <T>(count: number, make: (n: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, n) => make(n)));

async function post(mix: Mix, path: string, accountId: Types.ObjectId, body?: unknown): Promise<Answer> {
  return mix.world.api.request('POST', path, { token: await mix.world.token(accountId), body });
}

/** A pick made now (so the plan depends on the seed only) of a list read when the work runs. */
const later = (random: Random) => {
  const at = random.next();
  return <T>(items: T[]): T | undefined => items[Math.floor(at * items.length)];
};

// ---- membership ------------------------------------------------------------------------------

const apply: Op = (mix) => {
  const serial = ++mix.serial;
  const { orgs } = mix.world;
  const org = mix.random.pick([orgs.xihuTech, orgs.xihuCommunity, orgs.binjiangTech]);
  const occupation = mix.random.pick(OCCUPATIONS);
  const taps = mix.random.int(1, 2);
  return async () => {
    const account = await AccountModel.create({ kind: 'wechat', openid: `wx-mix-${serial}`, displayName: '微信用户' });
    const body = {
      orgId: org.id,
      name: `${'赵钱孙李周吴郑王'[serial % 8]}${'一二三四五六七八九十'[serial % 10]}${'甲乙丙丁'[(serial >> 3) % 4]}`,
      idNumber: makeIdNumber('330106', `1990${String((serial % 12) + 1).padStart(2, '0')}15`, String(100 + serial)),
      mobile: `1390002${String(serial).padStart(4, '0')}`,
      occupation,
      employer: '西溪某平台',
      agreeToCharter: true,
    };
    // A double tap: one application, the other refused as already pending.
    const answers = await times(taps, () => post(mix, '/api/join-applications', account._id, body));
    answers.forEach((answer) => expectAnswer('apply', answer, [200, 409]));
    const filed = answers.filter((answer) => answer.status === 200);
    expect(filed).toHaveLength(1);
    mix.applications.push({ id: filed[0]!.body.id, orgId: org.id, applicant: account._id });
  };
};

const decide: Op = (mix) => {
  // Mostly one still pending as far as the test knows; sometimes one decided already.
  const pending = mix.applications.filter((application) => !application.decided);
  const application = mix.random.pick(mix.random.chance(0.8) && pending.length > 0 ? pending : mix.applications);
  if (!application) return null;
  const decisions = mix.random.pick([
    ['approve'],
    ['reject'],
    ['approve', 'approve'],
    ['approve', 'reject'],
    ['reject', 'approve', 'approve'],
  ]);
  const who = decisions.map(() => mix.random.int(0, 1));
  return async () => {
    const reviewers = mix.world.reviewers.get(application.orgId)!;
    const answers = await Promise.all(
      decisions.map((decision, n) =>
        post(
          mix,
          `/api/staff/join-applications/${application.id}/${decision}`,
          reviewers[who[n]! % reviewers.length]!,
          decision === 'reject' ? { reason: '所填单位与所选工会不符' } : undefined,
        ),
      ),
    );
    answers.forEach((answer) => expectAnswer('decide', answer, [200, 409]));
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
    application.decided = true;
  };
};

const withdraw: Op = (mix) => {
  if (mix.applications.length === 0) return null;
  const application = mix.random.pick(mix.applications);
  return async () => {
    const answer = await post(mix, `/api/join-applications/${application.id}/withdraw`, application.applicant);
    expectAnswer('withdraw', answer, [200, 409]);
  };
};

// ---- stations ----------------------------------------------------------------------------------

const someone = (mix: Mix) =>
  mix.random.chance(0.5) ? mix.random.pick(mix.world.visitors) : mix.random.pick(mix.world.members).accountId;

const checkIn: Op = (mix) => {
  const station = mix.random.pick(mix.world.stations);
  const who = someone(mix);
  const scans = mix.random.int(1, 3);
  return async () => {
    const answers = await times(scans, () => post(mix, '/api/station-check-ins', who, { stationCode: station.code }));
    answers.forEach((answer) => expectAnswer('check-in', answer, [200]));
    expect(answers.filter((answer) => answer.body.counted).length).toBeLessThanOrEqual(1);
  };
};

const walkIns: Op = (mix) => {
  const station = mix.random.pick(mix.world.stations);
  const count = mix.random.int(1, 6);
  const sends = mix.random.int(1, 3);
  return async () => {
    const body = { count, requestId: randomUUID() };
    const answers = await times(sends, () =>
      post(mix, `/api/staff/stations/${station.id}/walk-ins`, station.keeper, body),
    );
    answers.forEach((answer) => expectAnswer('walk-ins', answer, [200]));
  };
};

const feedback: Op = (mix) => {
  const station = mix.random.pick(mix.world.stations);
  const who = someone(mix);
  const body = mix.random.chance(0.6)
    ? { rating: mix.random.int(1, 5), comment: mix.random.chance(0.5) ? '环境很好' : '' }
    : { kind: 'wish', rating: mix.random.chance(0.3) ? mix.random.int(1, 5) : null, comment: '希望有充电桩' };
  return async () => {
    const answer = await post(mix, `/api/stations/${station.id}/feedback`, who, body);
    // Five a day per person and station.
    expectAnswer('feedback', answer, [200, 429]);
    if (answer.status === 200) mix.feedbacks.push({ id: answer.body.id, keeper: station.keeper });
  };
};

const reply: Op = (mix) => {
  if (mix.feedbacks.length === 0) return null;
  const given = mix.random.pick(mix.feedbacks);
  const replies = Array.from({ length: mix.random.int(1, 3) }, () => ({
    reply: mix.random.chance(0.6) ? '感谢反馈，已安排' : '',
    handled: mix.random.chance(0.7),
  }));
  return async () => {
    const answers = await Promise.all(
      replies.map((body) => post(mix, `/api/staff/station-feedback/${given.id}/reply`, given.keeper, body)),
    );
    answers.forEach((answer) => expectAnswer('reply', answer, [200, 409]));
  };
};

// ---- benefits ----------------------------------------------------------------------------------

const claim: Op = (mix) => {
  const { coupons, members } = mix.world;
  const send = (offer: (typeof coupons)[number], who: Types.ObjectId, requestId: string) =>
    post(mix, `/api/benefits/offers/${String(offer._id)}/claims`, who, { requestId });
  if (mix.random.chance(0.3)) {
    // A rush on the coupon with few units: several members at once.
    const rush = Array.from({ length: mix.random.int(2, 4) }, () => mix.random.pick(members).accountId);
    return async () => {
      const answers = await Promise.all(rush.map((who) => send(coupons[0]!, who, randomUUID())));
      answers.forEach((answer) => expectAnswer('claim rush', answer, [200, 409]));
    };
  }
  const offer = mix.random.pick(coupons);
  const who = mix.random.pick(members).accountId;
  const sends = mix.random.int(1, 3);
  return async () => {
    const requestId = randomUUID();
    const answers = await times(sends, () => send(offer, who, requestId));
    answers.forEach((answer) => expectAnswer('claim', answer, [200, 409]));
  };
};

const redeem: Op = (mix) => {
  const pick = later(mix.random);
  const counters = Array.from({ length: mix.random.int(1, 3) }, () => mix.random.int(0, 1));
  return async () => {
    const voucher = pick(await VoucherModel.find({ status: 'unused' }).sort({ _id: 1 }).lean());
    if (!voucher) return;
    const merchant = mix.world.merchants.find((m) => m.doc._id.equals(voucher.merchantId))!;
    // Each counter's request id, sent again when a counter appears twice (its own retry).
    const requestIds = merchant.clerks.map(() => randomUUID());
    const answers = await Promise.all(
      counters.map((n) => {
        const clerk = n % merchant.clerks.length;
        return post(mix, '/api/merchant/redemptions', merchant.clerks[clerk]!, {
          code: voucher.code,
          requestId: requestIds[clerk],
        });
      }),
    );
    // 409: another counter won, or a parallel redemption or refund took the voucher first.
    answers.forEach((answer) => expectAnswer('redeem', answer, [200, 409]));
  };
};

const buyCard: Op = (mix) => {
  const who = mix.random.pick(mix.world.members).accountId;
  const replays = mix.random.int(0, 2);
  return async () => {
    const { world } = mix;
    const bought = await post(mix, `/api/benefits/offers/${String(world.card._id)}/orders`, who, {
      requestId: randomUUID(),
    });
    // Sold out (409 sold_out, however the last unit went), or the member's limit reached.
    expectAnswer('buy', bought, [200, 409]);
    if (bought.status !== 200) return;
    const delivery = (await world.emulator.pay(bought.body.order.orderNo))!;
    const answers = await times(replays, () =>
      postNotification(world, '/api/payments/wechat/notify', delivery.message),
    );
    answers.forEach((answer) => expectAnswer('payment notice', answer, [200]));
  };
};

const refund: Op = (mix) => {
  const pick = later(mix.random);
  const sends = mix.random.int(1, 2);
  return async () => {
    const paid = await VoucherModel.find({ status: 'unused', orderId: { $ne: null } })
      .sort({ _id: 1 })
      .lean();
    const voucher = pick(paid);
    if (!voucher) return;
    const body = { reason: '计划有变', requestId: randomUUID() };
    const path = `/api/benefits/vouchers/${String(voucher._id)}/refund`;
    const answers = await times(sends, () => post(mix, path, voucher.accountId, body));
    // 409: a counter redeemed the voucher first.
    answers.forEach((answer) => expectAnswer('refund', answer, [200, 409]));
    // A resend of the same request answers what the request came to.
    const said = answers.map((answer) => `${answer.status} ${answer.body?.error?.code ?? ''}`);
    expect(new Set(said).size, `refund and its resend: ${said.join(' / ')}`).toBe(1);
  };
};

/** WeChat Pay settles a refund it accepted (in a later round: on another day, sometimes), its notice replayed. */
const refundSettled: Op = (mix) => {
  const pick = later(mix.random);
  const replays = mix.random.int(0, 2);
  return async () => {
    const order = pick(await OrderModel.find({ 'refund.status': 'processing' }).sort({ _id: 1 }).lean());
    if (!order || mix.settledRefunds.has(order.refund!.outRefundNo)) return;
    mix.settledRefunds.add(order.refund!.outRefundNo);
    const delivery = (await mix.world.emulator.settleRefund(order.refund!.outRefundNo, 'SUCCESS'))!;
    const answers = await times(replays, () =>
      postNotification(mix.world, '/api/payments/wechat/refund-notify', delivery.message),
    );
    answers.forEach((answer) => expectAnswer('refund notice', answer, [200]));
  };
};

// ---- activities -----------------------------------------------------------------------------

/** Members of the 西湖区 activities' audience. */
const xihuMembers = (mix: Mix) =>
  mix.world.members.filter((member) => !member.org._id.equals(mix.world.orgs.binjiangTech._id));

const signUp: Op = (mix) => {
  const activity = mix.random.pick(mix.world.activities);
  const who = mix.random.pick(xihuMembers(mix)).accountId;
  // Replays of one request, or a double tap (two requests at once).
  const replayed = mix.random.chance(0.7);
  const sends = mix.random.int(1, 3);
  return async () => {
    const shared = randomUUID();
    const answers = await times(sends, () =>
      post(mix, `/api/activities/${activity}/entries`, who, {
        groupId: 'open',
        requestId: replayed ? shared : randomUUID(),
      }),
    );
    answers.forEach((answer) => expectAnswer('sign-up', answer, [200, 409]));
  };
};

const cancel: Op = (mix) => {
  const pick = later(mix.random);
  const sends = mix.random.int(1, 2);
  return async () => {
    const entry = pick(
      await EntryModel.find({ status: { $ne: 'cancelled' } })
        .sort({ _id: 1 })
        .lean(),
    );
    if (!entry) return;
    const answers = await times(sends, () =>
      post(mix, `/api/activities/entries/${String(entry._id)}/cancel`, entry.accountId!),
    );
    answers.forEach((answer) => expectAnswer('cancel', answer, [200, 409]));
  };
};

// ---- settling ---------------------------------------------------------------------------------

const settle: Op = (mix) => {
  const pass = mix.random.pick([
    () => settleFigureCounters(),
    () => Promise.all([settleFigureCounters(), settleFigureCounters()]),
    () => settleAllFigures(),
    () => Promise.all([settleAllFigures(), settleAllFigures()]),
  ]);
  return pass;
};

const OPS: [Op, number][] = [
  [apply, 3],
  [decide, 4],
  [withdraw, 0.5],
  [checkIn, 3],
  [walkIns, 2],
  [feedback, 2],
  [reply, 2],
  [claim, 3],
  [redeem, 2],
  [buyCard, 1.5],
  [refund, 1.5],
  [refundSettled, 1.5],
  [signUp, 3],
  [cancel, 1.2],
  [settle, 2.5],
];

function pickOp(random: Random): Op {
  const total = OPS.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random.next() * total;
  for (const [op, weight] of OPS) {
    at -= weight;
    if (at < 0) return op;
  }
  return OPS[0]![0];
}

/**
 * Moves the frozen clock on by half an hour to ten hours, marks still waiting. A settle pass the
 * server runs meanwhile (every few seconds) sees its claim run out, as a stalled settler would:
 * another may take the bucket over, and the first then marks it again.
 */
function moveClock(mix: Mix): void {
  mix.clock = Math.min(mix.clock + mix.random.int(30, 600) * 60_000, REAL_NOW - 60_000);
  vi.setSystemTime(mix.clock);
  mix.world.clockMoved();
}

// ---- what the counters should say ------------------------------------------------------------

/** The headline metrics' records, counted by hand from the source collections. */
async function rawRecords(): Promise<Record<string, RawRecord[]>> {
  const stations = new Map((await StationModel.find().lean()).map((station) => [String(station._id), station]));
  const offers = new Map((await OfferModel.find().lean()).map((offer) => [String(offer._id), offer]));
  const activities = new Map((await ActivityModel.find().lean()).map((activity) => [String(activity._id), activity]));
  const ofStation = (id: unknown, amount: number, key = String(id)) => ({
    orgPath: stations.get(String(id))!.orgPath,
    amount,
    key,
  });
  const ofOffer = (id: unknown, amount: number) => {
    const offer = offers.get(String(id))!;
    return { orgPath: offer.orgPath, amount, key: offer.category };
  };
  const applications = await JoinApplicationModel.find().lean();
  const feedbacks = await StationFeedbackModel.find().lean();
  const vouchers = await VoucherModel.find().lean();
  const entries = await EntryModel.find().lean();
  return {
    'members.applications': applications.map((a) => ({ orgPath: a.orgPath, amount: 1, key: a.occupation })),
    'members.approvals': applications
      .filter((a) => a.status === 'approved')
      .map((a) => ({ orgPath: a.orgPath, amount: 1 })),
    'members.joined': (await MemberModel.find().lean()).map((m) => ({
      orgPath: m.orgPath,
      amount: 1,
      key: m.occupation,
    })),
    'stations.visits': [
      ...(await StationCheckInModel.find({ counted: true }).lean()).map((c) => ofStation(c.stationId, 1)),
      ...(await WalkInRecordModel.find().lean()).map((w) => ofStation(w.stationId, w.count)),
    ],
    'stations.feedback': feedbacks.map((f) => ofStation(f.stationId, 1, f.kind)),
    'stations.feedbackReplies': feedbacks.filter((f) => f.firstRepliedAt).map((f) => ofStation(f.stationId, 1, f.kind)),
    'benefits.claims': vouchers.filter((v) => v.status !== 'refunded').map((v) => ofOffer(v.offerId, 1)),
    'benefits.redemptions': vouchers.filter((v) => v.status === 'used').map((v) => ofOffer(v.offerId, 1)),
    'benefits.memberPayments': (await OrderModel.find({ paidAt: { $ne: null } }).lean()).map((o) =>
      ofOffer(o.product.ref, o.amountFen),
    ),
    // Every session is days ahead: an entry cancelled before it began is no sign-up.
    'activities.signUps': entries
      .filter((e) => e.status !== 'rejected' && e.status !== 'cancelled')
      .map((e) => {
        const activity = activities.get(String(e.activityId))!;
        return { orgPath: activity.orgPath, amount: 1, key: activity.kind };
      }),
  };
}

/** Metrics every seed's mix writes: their operations are frequent and rarely undone. */
const ALWAYS_WRITTEN = ['members.applications', 'stations.visits', 'benefits.claims'];

/** `metric|org|day|key` entries whose values differ, for a readable failure. */
function differences(settled: Map<string, number>, rebuilt: Map<string, number>): string[] {
  const keys = new Set([...settled.keys(), ...rebuilt.keys()]);
  return [...keys]
    .filter((key) => settled.get(key) !== rebuilt.get(key))
    .map((key) => `${key}: settled ${settled.get(key) ?? 0}, rebuilt ${rebuilt.get(key) ?? 0}`);
}

describe('figures after a random mix of real operations', () => {
  it.each(SEEDS)(
    'seed %i: the settled counters equal a rebuild from the sources and a brute-force count',
    async (seed) => {
      vi.useFakeTimers({ now: START, toFake: ['Date'] });
      const world = await startMixWorld();
      try {
        // The roster was loaded as the seed loads it, and the counters rebuilt as the seed does.
        await rebuildFigureCounters({ from: new Date(0), to: new Date(REAL_NOW + 2 * DAY_MS) });
        await settleAllFigures();
        const mix: Mix = {
          world,
          random: createRandom(seed),
          clock: START,
          applications: [],
          feedbacks: [],
          settledRefunds: new Set(),
          serial: 0,
        };
        let operations = 0;
        for (let round = 0; round < ROUNDS; round++) {
          if (round > 0 && mix.random.chance(0.6)) moveClock(mix);
          const works: Work[] = [];
          for (let n = mix.random.int(5, 9); n > 0; n--) {
            const work = pickOp(mix.random)(mix);
            if (work) works.push(work);
          }
          operations += works.length;
          await Promise.all(works.map((work) => work()));
        }
        expect(operations).toBeGreaterThan(60);
        await settleAllFigures();
        vi.useRealTimers();

        const settled = await storedCounterDays({ $exists: true });
        const raw = await rawRecords();
        const orgs = world.orgs;
        const scopes = [orgs.city, orgs.xihu, orgs.xixi, orgs.xihuTech, orgs.binjiang];
        const range = { from: '2020-01-01', to: chinaDateOf(Date.now() + DAY_MS) };
        for (const [metric, records] of Object.entries(raw)) await expectFiguresMatch(metric, records, scopes, range);
        // Not a vacuous mix: most headline metrics have records, on more than one day of the mix.
        for (const metric of ALWAYS_WRITTEN) expect(raw[metric]!.length, metric).toBeGreaterThan(0);
        expect(Object.values(raw).filter((records) => records.length > 0).length).toBeGreaterThanOrEqual(8);
        const entries = [...settled.keys()].map((key) => key.split('|'));
        expect(
          new Set(entries.map(([, , day]) => day!).filter((day) => day >= chinaDateOf(START))).size,
        ).toBeGreaterThan(1);

        await rebuildFigureCounters({ from: new Date(0), to: new Date(Date.now() + 2 * DAY_MS) });
        const rebuilt = await storedCounterDays({ $exists: true });
        expect(differences(settled, rebuilt)).toEqual([]);
        expect(rebuilt).toEqual(settled);
      } finally {
        vi.useRealTimers();
        await world.stop();
      }
    },
    120_000,
  );
});
