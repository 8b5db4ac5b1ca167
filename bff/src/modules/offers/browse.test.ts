import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { distanceMeters, limitPeriodKey, MERCHANT_CATEGORIES } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { AidApplicationModel } from '../aid/aid-application.model';
import { boundMember } from '../aid/test-support';
import { MerchantModel } from '../merchants/merchant.model';
import {
  catalogueWorld,
  couponOfferBody,
  createMerchantVia,
  createOfferVia,
  insertCatalogue,
  merchantBody,
  subsidisedOfferBody,
  type CatalogueWorld,
} from '../merchants/test-support';
import { MemberModel } from '../membership/member.model';
import { createRandom } from '../../seeded-random';
import { ClaimQuotaModel } from '../vouchers/claim-quota.model';
import { bruteForceNearbyOffers, type IndexedMerchant } from './offer-index';
import { catalogueChanged } from './offer-search';
import { catalogueWrites } from '../merchants/catalogue';
import { OfferModel } from './offer.model';

let api: TestApi;
let world: CatalogueWorld;

beforeAll(async () => {
  // A short poll, so writes made "on another instance" (straight to the database) show up quickly.
  api = await startTestApi({ STATION_INDEX_POLL_MS: '100' });
  world = await catalogueWorld(api);
});
afterAll(() => api.stop());

type Summary = { id: string; distanceMeters: number | null; stockRemaining: number; merchant: { id: string } };
const nearby = async (params: Record<string, string | number>) => {
  const query = new URLSearchParams(
    Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]),
  );
  const response = await api.request('GET', `/api/benefits/offers/nearby?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items as Summary[];
};

/** Everything members may see, computed from the database without the index. */
async function browsableFromDatabase(now: Date): Promise<IndexedMerchant[]> {
  const merchants = await MerchantModel.find({ status: 'active' }).lean();
  const offers = await OfferModel.find({ status: 'active' }).lean();
  return merchants.map((merchant) => ({
    id: String(merchant._id),
    location: merchant.location,
    category: merchant.category as IndexedMerchant['category'],
    offers: offers
      .filter((offer) => String(offer.merchantId) === String(merchant._id))
      .filter((offer) => offer.validFrom <= now && offer.validUntil > now)
      .map((offer) => ({ id: String(offer._id), validFrom: 0, validUntil: Number.MAX_SAFE_INTEGER })),
  }));
}

describe('offers near me', () => {
  it('equals a brute-force scan of the database on a random catalogue', async () => {
    const random = createRandom(2026);
    const DAY = 86_400_000;
    await insertCatalogue(
      world.orgs.xihu,
      Array.from({ length: 40 }, () => ({
        location: { lat: 30.25 + random.next() * 0.05, lng: 120.1 + random.next() * 0.05 },
        category: random.pick(MERCHANT_CATEGORIES.slice(0, 3)),
        offers: Array.from({ length: random.int(1, 3) }, () => {
          const roll = random.int(0, 5);
          if (roll === 0) return { status: 'paused' };
          if (roll === 1) return { validFrom: new Date(Date.now() + DAY) };
          if (roll === 2) return { validUntil: new Date(Date.now() - DAY) };
          return {};
        }),
      })),
    );
    await catalogueChanged();
    const reference = await browsableFromDatabase(new Date());
    for (let query = 0; query < 15; query++) {
      const center = { lat: 30.25 + random.next() * 0.05, lng: 120.1 + random.next() * 0.05 };
      const radius = random.pick([500, 1500, 5000]);
      const limit = random.int(1, 30);
      const category = random.chance(0.5) ? null : random.pick(MERCHANT_CATEGORIES.slice(0, 3));
      const expected = bruteForceNearbyOffers(reference, center, radius, limit, { category, now: new Date() });
      const found = await nearby({ ...center, radius, limit, ...(category ? { category } : {}) });
      expect(found.map((item) => [item.id, item.distanceMeters])).toEqual(
        expected.map((hit) => [hit.offerId, Math.round(hit.distanceMeters)]),
      );
    }
  });

  describe('at a quiet corner of the map', () => {
    const here = { lat: 29.61, lng: 119.04 };
    let merchantId: string;
    let visible: string;

    beforeAll(async () => {
      merchantId = (
        await createMerchantVia(
          api,
          world.city,
          merchantBody(world.orgs.city.id, { name: '千岛湖农家乐', category: 'dining', location: here }),
        )
      ).id;
      visible = (
        await createOfferVia(
          api,
          world.city,
          couponOfferBody(merchantId, { title: '农家菜8.8折', coupon: { type: 'discount', payPercent: 88 } }),
        )
      ).id;
      await createOfferVia(api, world.city, couponOfferBody(merchantId, { title: '草稿', status: 'draft' }));
      const paused = await createOfferVia(api, world.city, couponOfferBody(merchantId, { title: '暂停' }));
      await api.request('PATCH', `/api/admin/offers/${paused.id}`, { token: world.city, body: { status: 'paused' } });
      await createOfferVia(
        api,
        world.city,
        couponOfferBody(merchantId, { title: '未开始', validFrom: new Date(Date.now() + 86_400_000).toISOString() }),
      );
    });

    it('shows only active offers in their window, at once after a write on this instance', async () => {
      const found = await nearby({ ...here, radius: 1000 });
      expect(found.map((item) => item.id)).toEqual([visible]);
      expect(found[0]).toMatchObject({ distanceMeters: 0, merchant: { id: merchantId }, headline: '8.8折' });
    });

    it('filters by category', async () => {
      expect(await nearby({ ...here, radius: 1000, category: 'dining' })).toHaveLength(1);
      expect(await nearby({ ...here, radius: 1000, category: 'haircut' })).toHaveLength(0);
    });

    it('reads remaining stock fresh, not from the index', async () => {
      await OfferModel.updateOne({ _id: visible }, { $inc: { stockRemaining: -3 } });
      expect((await nearby({ ...here, radius: 1000 }))[0]!.stockRemaining).toBe(97);
    });

    it('catches up with a write from another instance at the next poll', async () => {
      const other = await insertCatalogue(world.orgs.city, [
        { location: { lat: here.lat + 0.001, lng: here.lng }, category: 'dining', offers: [{}] },
      ]);
      await catalogueWrites.next();
      const offerId = String(other.offerDocs[0]!._id);
      await vi.waitFor(
        async () => expect((await nearby({ ...here, radius: 1000 })).map((item) => item.id)).toContain(offerId),
        {
          timeout: 5000,
          interval: 100,
        },
      );
    });

    it('hides a suspended merchant’s offers, in nearby and in the list', async () => {
      await api.request('PATCH', `/api/admin/merchants/${merchantId}`, {
        token: world.city,
        body: { status: 'suspended' },
      });
      expect((await nearby({ ...here, radius: 1000 })).map((item) => item.id)).not.toContain(visible);
      const list = await api.request('GET', '/api/benefits/offers?category=dining&limit=50');
      expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(visible);
      await api.request('PATCH', `/api/admin/merchants/${merchantId}`, {
        token: world.city,
        body: { status: 'active' },
      });
      expect((await nearby({ ...here, radius: 1000 })).map((item) => item.id)).toContain(visible);
    });
  });
});

describe('offers by category', () => {
  it('lists the newest first, pages by cursor, and gives distances when a position is given', async () => {
    const merchant = await createMerchantVia(
      api,
      world.xihu,
      merchantBody(world.orgs.xihu.id, {
        name: '文三路汽车美容',
        category: 'auto_service',
        location: { lat: 30.3, lng: 120.2 },
      }),
    );
    const ids: string[] = [];
    for (const title of ['洗车一', '洗车二', '洗车三'])
      ids.push((await createOfferVia(api, world.xihu, couponOfferBody(merchant.id, { title }))).id);
    await createOfferVia(api, world.xihu, couponOfferBody(merchant.id, { title: '洗车草稿', status: 'draft' }));

    const first = await api.request('GET', '/api/benefits/offers?category=auto_service&limit=2&lat=30.3&lng=120.21');
    expect(first.body.items.map((item: Summary) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.items[0].distanceMeters).toBe(
      Math.round(distanceMeters({ lat: 30.3, lng: 120.21 }, { lat: 30.3, lng: 120.2 })),
    );
    const second = await api.request(
      'GET',
      `/api/benefits/offers?category=auto_service&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((item: Summary) => item.id)).toEqual([ids[0]]);
    expect(second.body.items[0].distanceMeters).toBeNull();
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('an offer’s page', () => {
  let merchantId: string;
  beforeAll(async () => {
    merchantId = (
      await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '骑手之家便利店' }))
    ).id;
  });
  const detail = async (offerId: string, token: string) => {
    const response = await api.request('GET', `/api/benefits/offers/${offerId}`, { token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  it('shows the merchant and whether payments are on to anyone signed in; a draft does not exist', async () => {
    const offer = await createOfferVia(api, world.xihu, subsidisedOfferBody(merchantId));
    const { token } = await loginWechat(api, 'browse-visitor');
    const page = await detail(offer.id, token);
    expect(page).toMatchObject({
      merchant: { id: merchantId, orgName: '西湖区总工会', status: 'active', photos: [] },
      paymentsEnabled: api.running.runtime.wechatPay !== null,
      eligibility: { canClaim: false, reasons: ['请先实名绑定会员'], claimedInPeriod: 0 },
    });
    const draft = await createOfferVia(api, world.xihu, couponOfferBody(merchantId, { status: 'draft' }));
    expect((await api.request('GET', `/api/benefits/offers/${draft.id}`, { token })).status).toBe(404);
  });

  it('says an offer for riders is only for riders, and lets a rider claim it', async () => {
    const offer = await createOfferVia(
      api,
      world.xihu,
      couponOfferBody(merchantId, { audience: { occupations: ['rider', 'courier'], hardshipFamiliesOnly: false } }),
    );
    const employee = await boundMember(api, world.orgs.xihuTech, { name: '李职工' });
    expect((await detail(offer.id, employee.token)).eligibility).toEqual({
      canClaim: false,
      reasons: ['仅限外卖骑手、快递员'],
      claimedInPeriod: 0,
    });
    const rider = await boundMember(api, world.orgs.xihuTech, { name: '赵骑手' });
    await MemberModel.updateOne({ _id: rider.memberId }, { $set: { occupation: 'rider' } });
    expect((await detail(offer.id, rider.token)).eligibility).toEqual({
      canClaim: true,
      reasons: [],
      claimedInPeriod: 0,
    });

    // A claim in an earlier month does not count against this one.
    await ClaimQuotaModel.create({ offerId: offer.id, memberId: rider.memberId, periodKey: '2000-01', count: 1 });
    expect((await detail(offer.id, rider.token)).eligibility.canClaim).toBe(true);
    await ClaimQuotaModel.create({
      offerId: offer.id,
      memberId: rider.memberId,
      periodKey: limitPeriodKey('month', new Date()),
      count: 1,
    });
    expect((await detail(offer.id, rider.token)).eligibility).toEqual({
      canClaim: false,
      reasons: ['每月限领 1 张，您已领满'],
      claimedInPeriod: 1,
    });
  });

  it('keeps hardship-only offers to members helped by aid within the last year', async () => {
    const offer = await createOfferVia(
      api,
      world.xihu,
      couponOfferBody(merchantId, { audience: { occupations: [], hardshipFamiliesOnly: true } }),
    );
    const member = await boundMember(api, world.orgs.xihuTech, { name: '困难家庭' });
    expect((await detail(offer.id, member.token)).eligibility.reasons).toEqual(['仅限困难职工家庭']);
    const application = {
      programmeId: new Types.ObjectId(),
      memberId: new Types.ObjectId(member.memberId),
      accountId: new Types.ObjectId(),
      applicantName: '困难家庭',
      orgId: world.orgs.xihuTech._id,
      orgPath: world.orgs.xihuTech.path,
    };
    // Rejected, or approved long ago, does not count.
    await AidApplicationModel.create({ ...application, status: 'rejected' });
    const old = await AidApplicationModel.create({ ...application, status: 'disbursed' });
    await AidApplicationModel.collection.updateOne(
      { _id: old._id },
      { $set: { updatedAt: new Date(Date.now() - 400 * 86_400_000) } },
    );
    expect((await detail(offer.id, member.token)).eligibility.reasons).toEqual(['仅限困难职工家庭']);
    await AidApplicationModel.create({ ...application, status: 'approved' });
    expect((await detail(offer.id, member.token)).eligibility).toMatchObject({ canClaim: true, reasons: [] });
  });

  it('says why a paused, sold-out or suspended offer cannot be claimed, and a suspended member cannot claim', async () => {
    const offer = await createOfferVia(api, world.xihu, couponOfferBody(merchantId, { stockTotal: 1 }));
    const member = await boundMember(api, world.orgs.xihuTech, { name: '周会员' });
    await OfferModel.updateOne({ _id: offer.id }, { $set: { stockRemaining: 0 } });
    expect((await detail(offer.id, member.token)).eligibility.reasons).toEqual(['已领完']);
    await api.request('PATCH', `/api/admin/offers/${offer.id}`, { token: world.xihu, body: { status: 'paused' } });
    await api.request('PATCH', `/api/admin/merchants/${merchantId}`, {
      token: world.xihu,
      body: { status: 'suspended' },
    });
    await MemberModel.updateOne({ _id: member.memberId }, { $set: { status: 'suspended' } });
    expect((await detail(offer.id, member.token)).eligibility.reasons).toEqual([
      '已暂停',
      '商家暂停合作',
      '会籍状态异常',
    ]);
    await api.request('PATCH', `/api/admin/merchants/${merchantId}`, { token: world.xihu, body: { status: 'active' } });
  });
});
