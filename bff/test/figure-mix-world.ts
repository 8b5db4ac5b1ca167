/**
 * The scene of the figures' random mix (src/modules/figures/random-mix.test.ts), built from the
 * features' own test fixtures: the payment world (the org tree, a supermarket, WeChat Pay
 * emulated), three stations and their keepers, join reviewers, three merchants with free coupons
 * (one with few units left), a paid card and clerks, two published activities, roster members
 * bound to accounts and a few visitors. The test moves a frozen clock forward by hours, past
 * the access tokens' lifetime, so every account signs in again (`token`) after each move.
 */
import { Types } from 'mongoose';
import { createStaff } from './fixtures';
import { activityInput, memberSessions, publishedActivity } from '../src/modules/activities/test-support';
import { AccountModel } from '../src/modules/auth/account.model';
import type { OfferDoc } from '../src/modules/offers/offer.model';
import { paidOffer, startPaymentWorld, type PaymentWorld } from '../src/modules/payments/test-support';
import { createStation, posterCode } from '../src/modules/station-visits/visit-fixtures';
import { createMerchant, createOffer } from '../src/modules/vouchers/test-support';
import type { MerchantDoc } from '../src/modules/merchants/merchant.model';

type Org = PaymentWorld['orgs']['xihuTech'];

export interface MixStation {
  id: string;
  code: string;
  keeper: Types.ObjectId;
}

export interface MixMerchant {
  doc: MerchantDoc;
  clerks: Types.ObjectId[];
}

export interface MixMember {
  accountId: Types.ObjectId;
  memberId: string;
  org: Org;
}

export interface MixWorld extends PaymentWorld {
  stations: MixStation[];
  /** Who may review an application to each org that accepts members. */
  reviewers: Map<string, Types.ObjectId[]>;
  merchants: MixMerchant[];
  /** Free coupons; the first has four units, so parallel claims fight over the last ones. */
  coupons: OfferDoc[];
  card: OfferDoc;
  activities: string[];
  members: MixMember[];
  visitors: Types.ObjectId[];
  /** An access token of the account, valid at the clock's current time. */
  token(accountId: Types.ObjectId): Promise<string>;
  /** After the clock moved: every token is issued again. */
  clockMoved(): void;
}

const accountOf = async (filter: Record<string, string>) => (await AccountModel.findOne(filter).lean())!._id;

async function staff(username: string, role: 'union_staff' | 'union_admin' | 'station_keeper', org: Org) {
  await createStaff(username, [{ role, org }]);
  return accountOf({ username });
}

async function merchantWithClerks(merchant: MerchantDoc, names: string[]): Promise<MixMerchant> {
  const clerks = [];
  for (const username of names) {
    await createStaff(username, [{ role: 'merchant_staff', org: { _id: merchant.orgId } }]);
    await AccountModel.updateOne(
      { username },
      { $set: { merchantId: merchant._id, merchantBoundAt: new Date(), displayName: username } },
    );
    clerks.push(await accountOf({ username }));
  }
  return { doc: merchant, clerks };
}

/** Builds the scene at the clock's current (fake) time: offers and sign-ups stay open for the next days. */
export async function startMixWorld(): Promise<MixWorld> {
  const world = await startPaymentWorld();
  const { api, orgs } = world;
  const tokens = new Map<string, string>();
  const token = async (accountId: Types.ObjectId) => {
    const known = tokens.get(String(accountId));
    if (known) return known;
    const { accessToken } = await api.running.runtime.tokens.issue(accountId);
    tokens.set(String(accountId), accessToken);
    return accessToken;
  };

  const xixiKeeper = await staff('mix_xixi_keeper', 'station_keeper', orgs.xixi);
  const xixingKeeper = await staff('mix_xixing_keeper', 'station_keeper', orgs.xixing);
  const stations = [];
  for (const [org, name, keeper] of [
    [orgs.xixi, '西溪驿站', xixiKeeper],
    [orgs.xihuTech, '西溪科技园驿站', xixiKeeper],
    [orgs.xixing, '西兴驿站', xixingKeeper],
  ] as const) {
    const { id } = await createStation(org, name);
    stations.push({ id, code: posterCode(api, id), keeper });
  }

  const xihuReviewer = await staff('mix_xihu_staff', 'union_staff', orgs.xihu);
  const xixiReviewer = await staff('mix_xixi_admin', 'union_admin', orgs.xixi);
  const binjiangReviewer = await staff('mix_binjiang_staff', 'union_staff', orgs.binjiang);
  const reviewers = new Map([
    [orgs.xihuTech.id, [xihuReviewer, xixiReviewer]],
    [orgs.xihuCommunity.id, [xihuReviewer, xixiReviewer]],
    [orgs.binjiangTech.id, [binjiangReviewer]],
  ]);

  const merchants = [
    await merchantWithClerks(world.merchant, ['mix_clerk_a1', 'mix_clerk_a2']),
    await merchantWithClerks(await createMerchant(orgs.xihuCommunity, '社区食堂'), ['mix_clerk_b1']),
    await merchantWithClerks(await createMerchant(orgs.binjiangTech, '滨江便利店'), ['mix_clerk_c1']),
  ];
  const coupons = [
    await createOffer(world.merchant, { stockTotal: 4 }),
    await createOffer(merchants[1]!.doc, { category: 'dining', title: '午餐立减 5 元', limitPerMember: 2 }),
    await createOffer(merchants[2]!.doc, { title: '满50减10' }),
  ];
  const card = await paidOffer(world, { stockTotal: 6, limitPerMember: 2 });

  const organiser = await token(xihuReviewer);
  const activities = [
    await publishedActivity(
      api,
      organiser,
      activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity: 3, allocation: 'first_come' }] }),
    ),
    await publishedActivity(
      api,
      organiser,
      activityInput(orgs, { title: '职工摄影培训班', kind: 'training', orgId: orgs.xixi.id }),
    ),
  ];

  const members: MixMember[] = [];
  for (const [org, count] of [
    [orgs.xihuTech, 5],
    [orgs.xihuCommunity, 3],
    [orgs.binjiangTech, 3],
  ] as const) {
    for (const session of await memberSessions(api, org, count)) {
      members.push({ accountId: new Types.ObjectId(session.accountId), memberId: session.memberId, org });
    }
  }
  const visitors = [];
  for (let n = 0; n < 5; n++) {
    const openid = `wx-mix-visitor-${n}`;
    await AccountModel.create({ kind: 'wechat', openid, displayName: '微信用户' });
    visitors.push(await accountOf({ openid }));
  }

  return {
    ...world,
    stations,
    reviewers,
    merchants,
    coupons,
    card,
    activities,
    members,
    visitors,
    token,
    clockMoved: () => tokens.clear(),
  };
}
