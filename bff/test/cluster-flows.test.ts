/**
 * The product's contended flows on three instances behind a round-robin proxy (this process
 * and two children, one database): a rush of sign-ups for a few places, replayed on other
 * instances; one WeChat Pay notification delivered to every instance at once; a login budget
 * spread over the instances; and a job leader killed outright, whose work another instance
 * takes over once the lease runs out. Every instance is configured as the merchant of one
 * WeChat Pay emulator, so each accepts the notifications it signs; only this process's
 * instance calls WeChat Pay (intercepted), so orders are placed there.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrgTree, createStaff, STAFF_PASSWORD, type OrgTree } from './fixtures';
import { SERVED_BY, startCluster, type TestCluster } from './cluster';
import { tally } from './race';
import { startWechatPayEmulator, type WechatPayEmulator } from '../src/integrations/wechat-pay/emulator';
import type { SignedMessage } from '../src/integrations/wechat-pay/emulator-signing';
import {
  interceptWechatPay,
  merchantEnvOf,
  type WechatPayInterception,
} from '../src/integrations/wechat-pay/test-support';
import { JobLeaseModel } from '../src/jobs/lease';
import { EntryModel } from '../src/modules/activities/entry.model';
import { GroupPlacesModel } from '../src/modules/activities/group-places.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from '../src/modules/activities/test-support';
import { TrailEventModel } from '../src/modules/event-trail/trail-event.model';
import { NotificationModel } from '../src/modules/notifications/notification.model';
import { OfferModel, type OfferDoc } from '../src/modules/offers/offer.model';
import { OrderModel } from '../src/modules/payments/order.model';
import { eventKinds } from '../src/modules/payments/test-support';
import { createMerchant, createOffer } from '../src/modules/vouchers/test-support';
import { VoucherModel } from '../src/modules/vouchers/voucher.model';

/** The payment job's lease, and its interval on the children: a lease of 1.5 s (three intervals). */
const PAYMENT_JOB = 'payment reconciliation pass';
const CHILD_JOB_INTERVAL_MS = 500;
const NOTIFY = '/api/payments/wechat/notify';

let emulator: WechatPayEmulator;
let wechatPay: WechatPayInterception;
let cluster: TestCluster;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  emulator = await startWechatPayEmulator({ appId: 'wx-cluster-appid', listen: false });
  wechatPay = interceptWechatPay(emulator);
  cluster = await startCluster(
    {
      RATE_LIMIT_STORE: 'mongo',
      RATE_LIMIT_SCALE: '1',
      TRUST_PROXY: 'true',
      PAYMENT_JOBS_INTERVAL_MS: String(CHILD_JOB_INTERVAL_MS),
      ...merchantEnvOf(emulator),
    },
    // This process's payment job never ticks here: the job is led by a child, which a test kills.
    { PAYMENT_JOBS_INTERVAL_MS: '3600000' },
  );
  orgs = await createOrgTree();
  staff = await organiser(cluster.api, orgs.xihu, 'cluster_flows_organiser');
  members = await memberSessions(cluster.api, orgs.xihuTech, 34);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
  wechatPay?.stop();
  await emulator?.stop();
});

interface Answer {
  status: number;
  body: any;
  /** The instance that answered, when sent through the proxy. */
  servedBy: number;
}

async function send(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    servedBy: Number(response.headers.get(SERVED_BY)),
  };
}

/** The instances other than `index`. */
const othersThan = (index: number) => cluster.urls.filter((_url, other) => other !== index);

describe('signing up for an activity on three instances', () => {
  it('gives 8 places to 8 of 30 members signing up at once, answers every replay with the same entry, and waitlists the rest in one order all instances report', async () => {
    const CAPACITY = 8;
    const activityId = await publishedActivity(
      cluster.api,
      staff,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: CAPACITY, allocation: 'first_come' }] }),
    );
    const path = `/api/activities/${activityId}/entries`;
    const contenders = members.slice(0, 30).map((member) => ({ member, requestId: requestId() }));
    const signUp = (base: string, { member, requestId: id }: (typeof contenders)[number]) =>
      send(base, 'POST', path, { token: member.token, body: { groupId: 'open', requestId: id } });

    // Every sign-up at once through the proxy, each with a double tap (the same request again).
    const waves = await Promise.all([
      Promise.all(contenders.map((contender) => signUp(cluster.proxyUrl, contender))),
      Promise.all(contenders.map((contender) => signUp(cluster.proxyUrl, contender))),
    ]);
    const [firsts, taps] = waves;
    expect(tally([...firsts, ...taps], (answer) => answer.status)).toEqual({ 200: 60 });
    taps.forEach((tap, n) => expect(tap.body.id).toBe(firsts[n]!.body.id));

    // Then each replayed on both instances that did not answer it first.
    const replays = await Promise.all(
      contenders.map((contender, n) =>
        Promise.all(othersThan(firsts[n]!.servedBy).map((url) => signUp(url, contender))),
      ),
    );
    const stored = new Map(
      (await EntryModel.find({ activityId }).lean()).map((entry) => [String(entry._id), entry] as const),
    );
    replays.forEach((pair, n) => {
      for (const replay of pair) {
        expect(replay.status).toBe(200);
        expect(replay.body.id).toBe(firsts[n]!.body.id);
        expect(replay.body.status).toBe(stored.get(firsts[n]!.body.id)!.status);
      }
    });

    // One entry per member, and exactly the places there are taken: none oversold, none lost.
    const entries = [...stored.values()];
    expect(entries).toHaveLength(30);
    expect(new Set(entries.map((entry) => String(entry.memberId))).size).toBe(30);
    const counts = tally(entries, (entry) => entry.status);
    expect((counts.confirmed ?? 0) + (counts.offered ?? 0)).toBe(CAPACITY);
    expect(counts.waitlisted).toBe(30 - CAPACITY);
    expect((await GroupPlacesModel.findOne({ activityId, groupId: 'open' }).lean())!.free).toBe(0);

    // Each waiting member reads the same rank on every instance, and the ranks are 1..22.
    const rankOf = async (member: MemberSession, url: string) =>
      (await send(url, 'GET', '/api/activities/entries/mine', { token: member.token })).body.items[0]
        .waitlistPosition as number;
    const waiting = contenders.filter((_contender, n) => stored.get(firsts[n]!.body.id)!.status === 'waitlisted');
    const ranks = new Map<string, number>();
    for (const { member } of waiting) {
      const seen = await Promise.all(cluster.urls.map((url) => rankOf(member, url)));
      expect(new Set(seen).size).toBe(1);
      ranks.set(member.memberId, seen[0]!);
    }
    expect([...ranks.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 - CAPACITY }, (_, n) => n + 1));

    const entryIdOf = (member: MemberSession) =>
      firsts[contenders.findIndex((contender) => contender.member === member)]!.body.id as string;
    // Three members with places cancel at once, one on each instance: the places go to ranks 1-3, once each.
    const holders = contenders.filter((_contender, n) => stored.get(firsts[n]!.body.id)!.status === 'confirmed');
    expect(holders.length).toBeGreaterThanOrEqual(3);
    const cancelled = await Promise.all(
      holders.slice(0, 3).map(({ member }, n) =>
        send(cluster.urls[n]!, 'POST', `/api/activities/entries/${entryIdOf(member)}/cancel`, {
          token: member.token,
        }),
      ),
    );
    expect(cancelled.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const after = await EntryModel.find({ activityId, status: { $in: ['offered', 'waitlisted'] } }).lean();
    for (const { member } of waiting) {
      const entry = after.find((candidate) => String(candidate.memberId) === member.memberId)!;
      const rank = ranks.get(member.memberId)!;
      if (rank <= 3) expect(entry.status).toBe('offered');
      else {
        expect(entry.status).toBe('waitlisted');
        expect(await rankOf(member, cluster.proxyUrl)).toBe(rank - 3);
      }
    }
    expect((await GroupPlacesModel.findOne({ activityId, groupId: 'open' }).lean())!.free).toBe(0);
  }, 120_000);
  it('ranks the waitlist in order of arrival when sign-ups arrive one after another on alternating instances', async () => {
    const activityId = await publishedActivity(
      cluster.api,
      staff,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 1, allocation: 'first_come' }] }),
    );
    // Within a second or two: what decides who waits ahead is arrival, not which instance answered.
    const queue = members.slice(0, 10);
    const answers: Answer[] = [];
    for (const [n, member] of queue.entries()) {
      answers.push(
        await send(cluster.urls[n % 3]!, 'POST', `/api/activities/${activityId}/entries`, {
          token: member.token,
          body: { groupId: 'open', requestId: requestId() },
        }),
      );
    }
    expect(answers.map((answer) => answer.body.status)).toEqual(['confirmed', ...Array(9).fill('waitlisted')]);
    expect(answers.map((answer) => answer.body.waitlistPosition)).toEqual([null, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('a WeChat Pay notification delivered to every instance', () => {
  it('fulfils each paid order once when its notification reaches all three instances at once, and again later', async () => {
    const merchant = await createMerchant(orgs.xihuTech, '西溪爱心超市');
    const offer = await createOffer(merchant, {
      kind: 'subsidised_voucher',
      title: '爱心超市 100 元券',
      coupon: null,
      faceValueFen: 10_000,
      priceFen: 1_200,
      unionSubsidyFen: 8_800,
      stockTotal: 5,
      limitPerMember: 2,
    });
    const [buyer, entrant] = [members[30]!, members[31]!];
    const bought = await cluster.api.request('POST', `/api/benefits/offers/${String(offer._id)}/orders`, {
      token: buyer.token,
      body: { requestId: requestId() },
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
    const voucherOrder = bought.body.order as { id: string; orderNo: string };

    // A paid activity: the entrant's place waits for payment.
    const activityId = await publishedActivity(
      cluster.api,
      staff,
      activityInput(orgs, {
        title: '职工羽毛球培训',
        fee: { priceFen: 5_000, subsidyFen: 3_000 },
        groups: [{ id: 'open', name: '公开组', capacity: 5, allocation: 'first_come' }],
      } as never),
    );
    const entry = await signUpAs(cluster.api, entrant, activityId);
    expect(entry.body.status).toBe('pending_payment');
    const paying = await cluster.api.request('POST', `/api/activities/entries/${entry.body.id}/payment`, {
      token: entrant.token,
    });
    expect(paying.status, JSON.stringify(paying.body)).toBe(200);
    const entryOrder = paying.body.order as { id: string; orderNo: string };

    // Both pay; WeChat Pay's notifications are held back and delivered by the test.
    const messages: SignedMessage[] = [];
    for (const { orderNo } of [voucherOrder, entryOrder]) {
      await emulator.pay(orderNo, { notify: false });
      const transaction = emulator.ledger.transactions.get(orderNo)!;
      messages.push(
        emulator.buildNotification({
          eventType: 'TRANSACTION.SUCCESS',
          resource: emulator.ledger.transactionReply(transaction),
        }),
      );
    }
    const deliver = (url: string, message: SignedMessage) =>
      send(url, 'POST', NOTIFY, {
        rawBody: message.body,
        headers: { 'Content-Type': 'application/json', ...message.headers },
      });
    const atOnce = await Promise.all(
      messages.flatMap((message) => cluster.urls.flatMap((url) => [deliver(url, message), deliver(url, message)])),
    );
    expect(atOnce.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    for (const message of messages) {
      for (const url of cluster.urls) expect((await deliver(url, message)).status).toBe(200);
    }

    // The voucher: one, the unit taken from stock once (when ordered), one payment and one issue on the trail.
    const order = (await OrderModel.findById(voucherOrder.id).lean())!;
    expect(order.status).toBe('paid');
    const vouchers = await VoucherModel.find({ orderId: order._id }).lean();
    expect(vouchers).toHaveLength(1);
    expect(String(order.fulfilmentId)).toBe(String(vouchers[0]!._id));
    expect((await OfferModel.findById(offer._id).lean<OfferDoc>())!.stockRemaining).toBe(4);
    expect(tally(await eventKinds(voucherOrder.id), (kind) => kind)).toMatchObject({
      'order.paid': 1,
      'voucher.claimed': 1,
    });
    expect(tally(await eventKinds(entryOrder.id), (kind) => kind)).toMatchObject({ 'order.paid': 1 });
    // Every instance shows the buyer the same paid order and voucher.
    for (const url of cluster.urls) {
      const seen = await send(url, 'GET', `/api/benefits/orders/${voucherOrder.id}`, { token: buyer.token });
      expect(seen.body).toMatchObject({ status: 'paid', voucherId: String(vouchers[0]!._id) });
    }

    // The entry: confirmed once, its place taken once (at sign-up), and the entrant told once.
    const stored = (await EntryModel.findById(entry.body.id).lean())!;
    expect(stored.status).toBe('confirmed');
    expect(String(stored.paidOrderId)).toBe(entryOrder.id);
    expect((await GroupPlacesModel.findOne({ activityId, groupId: 'open' }).lean())!.free).toBe(4);
    const told = await NotificationModel.find({ accountId: entrant.accountId, body: /已缴费/ }).lean();
    expect(told).toHaveLength(1);
  }, 60_000);
});

describe('rate limits through the proxy', () => {
  const login = (body: { username: string; password: string }, address: string, url = cluster.proxyUrl) =>
    send(url, 'POST', '/api/auth/password-login', { body, headers: { 'X-Forwarded-For': address } });

  it('stops an address’s logins at the one limit of 10 per 5 minutes, spread round-robin over the instances', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      answers.push(await login({ username: `nobody${attempt}`, password: 'guess' }, '198.51.100.21'));
    }
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(401), 429, 429]);
    expect(new Set(answers.map((answer) => answer.servedBy)).size).toBe(3);

    const atOnce = await Promise.all(
      Array.from({ length: 18 }, (_unused, n) =>
        login({ username: `nobody-at-once${n}`, password: 'guess' }, '198.51.100.22'),
      ),
    );
    const through = atOnce.filter((answer) => answer.status === 401).length;
    expect(through).toBeLessThanOrEqual(10);
    expect(atOnce.filter((answer) => answer.status === 429)).toHaveLength(18 - through);
  });

  it('locks an account on every instance once its wrong passwords, spread over all three, used up its budget', async () => {
    await createStaff('cluster_lock_staff', [{ role: 'union_staff', org: orgs.xihu }]);
    const wrong = await Promise.all(
      Array.from({ length: 20 }, (_unused, n) =>
        login({ username: 'cluster_lock_staff', password: `wrong-${n}` }, `203.0.113.${n + 1}`),
      ),
    );
    expect(wrong.map((answer) => answer.status)).toEqual(Array(20).fill(401));
    for (const url of cluster.urls) {
      const right = await login({ username: 'cluster_lock_staff', password: STAFF_PASSWORD }, '203.0.113.200', url);
      expect(right.status).toBe(429);
      expect(right.body.error.message).toMatch(/^该账号密码错误次数过多，已暂时锁定/);
    }
  });
});

describe('a job leader killed outright', () => {
  /** The pid in a lease holder's id (`host:pid:suffix`). */
  const pidOf = (holder: string | null | undefined) => Number(/:(\d+):[^:]+$/.exec(holder ?? '')?.[1]);
  const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 50 });
  const leaseNow = () => JobLeaseModel.findById(PAYMENT_JOB).lean();

  it('leaves its lease to run out, then another instance takes it and repairs the order it left, once', async () => {
    const offer = await createOffer(await createMerchant(orgs.xihuTech, '西溪便民超市'), {
      kind: 'subsidised_voucher',
      title: '便民超市 50 元券',
      coupon: null,
      faceValueFen: 5_000,
      priceFen: 600,
      unionSubsidyFen: 4_400,
      stockTotal: 3,
      limitPerMember: 1,
    });
    const buyer = members[32]!;
    const bought = await cluster.api.request('POST', `/api/benefits/offers/${String(offer._id)}/orders`, {
      token: buyer.token,
      body: { requestId: requestId() },
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(200);
    await emulator.pay(bought.body.order.orderNo, { notify: false });

    // The leader, found just before it is killed (a child: this process's job never ticks).
    const childPids = cluster.others.map((other) => other.pid);
    let leading = null as Awaited<ReturnType<typeof leaseNow>>;
    await eventually(async () => {
      leading = await leaseNow();
      expect(childPids).toContain(pidOf(leading?.holder));
    });
    const leader = cluster.others.find((other) => other.pid === pidOf(leading!.holder))!;
    const survivor = cluster.others.find((other) => other !== leader)!;
    await leader.kill();
    const orphaned = (await leaseNow())!;
    expect(pidOf(orphaned.holder)).toBe(leader.pid);
    // What the crash left: the order marked paid, its voucher never issued (the job repairs that).
    await OrderModel.updateOne(
      { _id: bought.body.order.id, status: 'pending_payment' },
      { $set: { status: 'paid', paidAt: new Date(), transactionId: `4200${Date.now()}` } },
    );

    await eventually(async () => {
      expect((await OrderModel.findById(bought.body.order.id).lean())!.fulfilmentId).not.toBeNull();
    });
    const successor = (await leaseNow())!;
    expect(pidOf(successor.holder)).toBe(survivor.pid);
    expect(successor.token).toBe(orphaned.token + 1);
    const vouchers = await VoucherModel.find({ orderId: new Types.ObjectId(bought.body.order.id) }).lean();
    expect(vouchers).toHaveLength(1);
    const issued = await TrailEventModel.find({
      orderId: new Types.ObjectId(bought.body.order.id),
      kind: 'voucher.claimed',
    }).lean();
    expect(issued).toHaveLength(1);
    // Nobody ran the job while the dead leader's lease lasted.
    expect(issued[0]!.at.getTime()).toBeGreaterThanOrEqual(orphaned.expiresAt.getTime());
    expect((await OfferModel.findById(offer._id).lean<OfferDoc>())!.stockRemaining).toBe(2);
    // The survivor keeps serving.
    expect((await send(survivor.url, 'GET', '/readyz')).status).toBe(200);
  }, 60_000);
});
