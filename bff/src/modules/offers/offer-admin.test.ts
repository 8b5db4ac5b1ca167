import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  catalogueWorld,
  couponOfferBody,
  createMerchantVia,
  createOfferVia,
  merchantBody,
  subsidisedOfferBody,
  type CatalogueWorld,
} from '../merchants/test-support';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { OfferModel } from './offer.model';

let api: TestApi;
let world: CatalogueWorld;
let xihuMerchant: string;
let binjiangMerchant: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await catalogueWorld(api);
  xihuMerchant = (await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xixi.id, { name: '西溪爱心超市' })))
    .id;
  binjiangMerchant = (
    await createMerchantVia(
      api,
      world.binjiang,
      merchantBody(world.orgs.binjiang.id, { name: '滨江体检中心', category: 'health_check' }),
    )
  ).id;
});
afterAll(() => api.stop());

const patch = (offerId: string, body: Record<string, unknown>, token = world.xihu) =>
  api.request('PATCH', `/api/admin/offers/${offerId}`, { token, body });

describe('publishing offers', () => {
  it('publishes a coupon with the merchant’s organisation and category, full stock and a headline', async () => {
    const offer = await createOfferVia(api, world.xihu, couponOfferBody(xihuMerchant));
    expect(offer).toMatchObject({
      kind: 'coupon',
      headline: '满100减20',
      coupon: { type: 'threshold', thresholdFen: 10_000, reductionFen: 2_000 },
      faceValueFen: 0,
      priceFen: 0,
      stockTotal: 100,
      stockRemaining: 100,
      claimedCount: 0,
      redeemedCount: 0,
      status: 'active',
      orgId: world.orgs.xixi.id,
      merchant: { id: xihuMerchant, name: '西溪爱心超市', category: 'supermarket' },
    });
    const stored = await OfferModel.findById(offer.id).lean();
    expect(stored!.category).toBe('supermarket');
    expect(await TrailEventModel.countDocuments({ offerId: offer.id, kind: 'offer.created' })).toBe(1);
  });

  it('publishes a union-subsidised voucher (pay ¥12 for ¥100)', async () => {
    const offer = await createOfferVia(api, world.xihu, subsidisedOfferBody(xihuMerchant));
    expect(offer).toMatchObject({
      headline: '12元购100元券',
      priceFen: 1_200,
      faceValueFen: 10_000,
      unionSubsidyFen: 7_600,
      coupon: null,
    });
  });

  it('refuses inconsistent money with field details and writes nothing', async () => {
    const before = await OfferModel.countDocuments();
    const cases: [Record<string, unknown>, string[]][] = [
      [couponOfferBody(xihuMerchant, { coupon: null }), ['coupon']],
      [
        couponOfferBody(xihuMerchant, { coupon: { type: 'threshold', thresholdFen: 5_000, reductionFen: 5_000 } }),
        ['coupon.reductionFen'],
      ],
      [subsidisedOfferBody(xihuMerchant, { kind: 'member_price', priceFen: 0, unionSubsidyFen: 0 }), ['priceFen']],
      [subsidisedOfferBody(xihuMerchant, { unionSubsidyFen: 0 }), ['unionSubsidyFen']],
      [subsidisedOfferBody(xihuMerchant, { faceValueFen: 1_000 }), ['faceValueFen', 'unionSubsidyFen']],
      [subsidisedOfferBody(xihuMerchant, { unionSubsidyFen: 9_000 }), ['unionSubsidyFen']],
      [subsidisedOfferBody(xihuMerchant, { validUntil: '2020-01-01T00:00:00+08:00' }), ['validUntil']],
    ];
    for (const [body, paths] of cases) {
      const response = await api.request('POST', '/api/admin/offers', { token: world.xihu, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(paths);
    }
    expect(await OfferModel.countDocuments()).toBe(before);
  });

  it('answers 404 for another district’s merchant and offers', async () => {
    const response = await api.request('POST', '/api/admin/offers', {
      token: world.xihu,
      body: couponOfferBody(binjiangMerchant),
    });
    expect(response.status).toBe(404);
    const theirs = await createOfferVia(api, world.binjiang, couponOfferBody(binjiangMerchant, { title: '体检满减' }));
    expect((await api.request('GET', `/api/admin/offers/${theirs.id}`, { token: world.xihu })).status).toBe(404);
    expect((await patch(theirs.id, { title: '偷改' })).status).toBe(404);
    const list = await api.request('GET', '/api/admin/offers?limit=50', { token: world.xihu });
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(theirs.id);
    expect((await api.request('GET', `/api/admin/offers/${theirs.id}`, { token: world.city })).status).toBe(200);
  });
});

describe('changing offers', () => {
  it('edits texts, validity, limits and audience, but never kind or money', async () => {
    const offer = await createOfferVia(api, world.xihu, subsidisedOfferBody(xihuMerchant));
    const response = await patch(offer.id, {
      title: '爱心超市百元卡（骑手专享）',
      limitPerMember: 2,
      limitPeriod: 'month',
      audience: { occupations: ['rider', 'courier'], hardshipFamiliesOnly: false },
      validUntil: '2027-12-31T23:59:59+08:00',
      priceFen: 1,
      kind: 'coupon',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: '爱心超市百元卡（骑手专享）',
      limitPerMember: 2,
      limitPeriod: 'month',
      audience: { occupations: ['rider', 'courier'], hardshipFamiliesOnly: false },
      kind: 'subsidised_voucher',
      priceFen: 1_200,
    });
    expect(new Date(response.body.validUntil).toISOString()).toBe('2027-12-31T15:59:59.000Z');
    const inverted = await patch(offer.id, { validFrom: '2028-01-01T00:00:00+08:00' });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.details[0].path).toBe('validUntil');
  });

  it('adds stock, and removes only what is left, atomically', async () => {
    const offer = await createOfferVia(api, world.xihu, couponOfferBody(xihuMerchant, { stockTotal: 10 }));
    // Seven units are out (claimed or reserved).
    await OfferModel.updateOne({ _id: offer.id }, { $inc: { stockRemaining: -7 } });
    const added = await patch(offer.id, { stockChange: 5 });
    expect(added.body).toMatchObject({ stockTotal: 15, stockRemaining: 8, claimedCount: 7 });
    const tooMany = await patch(offer.id, { stockChange: -9 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('stock_too_low');
    const removed = await patch(offer.id, { stockChange: -8 });
    expect(removed.body).toMatchObject({ stockTotal: 7, stockRemaining: 0, claimedCount: 7 });

    // Parallel decreases never take more than is left.
    await patch(offer.id, { stockChange: 3 });
    const parallel = await Promise.all(Array.from({ length: 5 }, () => patch(offer.id, { stockChange: -1 })));
    expect(parallel.filter((response) => response.status === 200)).toHaveLength(3);
    expect(parallel.filter((response) => response.status === 409)).toHaveLength(2);
    const stored = await OfferModel.findById(offer.id).lean();
    expect(stored).toMatchObject({ stockRemaining: 0, stockTotal: 7 });
    const events = await TrailEventModel.find({ offerId: offer.id, kind: 'offer.stock_changed' }).lean();
    expect(events.map((event) => (event.detail as { change: number }).change)).toEqual([5, -8, 3, -1, -1, -1]);
  });

  it('pauses, resumes and ends an offer; an ended offer stays ended and nothing returns to draft', async () => {
    const offer = await createOfferVia(api, world.xihu, couponOfferBody(xihuMerchant));
    expect((await patch(offer.id, { status: 'paused' })).body.status).toBe('paused');
    expect((await patch(offer.id, { status: 'draft' })).status).toBe(409);
    expect((await patch(offer.id, { status: 'active' })).body.status).toBe('active');
    expect((await patch(offer.id, { status: 'ended' })).body.status).toBe('ended');
    expect((await patch(offer.id, { status: 'active' })).status).toBe(409);
    const events = await TrailEventModel.find({ offerId: offer.id, kind: 'offer.updated' }).lean();
    expect(events.map((event) => event.summary)).toEqual(['暂停优惠', '上架优惠', '结束优惠']);
  });

  it('an offer ended by one cadre is never revived by another working from an older page (parallel edits)', async () => {
    for (let trial = 0; trial < 8; trial++) {
      const offer = await createOfferVia(api, world.xihu, couponOfferBody(xihuMerchant));
      const [ended, paused] = await Promise.all([
        patch(offer.id, { status: 'ended' }),
        patch(offer.id, { status: 'paused' }),
      ]);
      // The pause may come first (then the end follows it) or be refused; never undo the end.
      expect(ended.status).toBe(200);
      expect([200, 409]).toContain(paused.status);
      if (paused.status === 409) expect(paused.body.error.code).toBe('offer_ended');
      expect((await OfferModel.findById(offer.id).lean())!.status).toBe('ended');
      const trail = await TrailEventModel.find({ offerId: offer.id, kind: 'offer.updated' }).sort({ _id: 1 }).lean();
      expect(trail.map((event) => event.summary)).toEqual(
        paused.status === 200 ? ['暂停优惠', '结束优惠'] : ['结束优惠'],
      );
    }
  });

  it('keeps what a change leaves out: pausing a hardship-only offer keeps its audience, notes and description', async () => {
    const offer = await createOfferVia(
      api,
      world.xihu,
      couponOfferBody(xihuMerchant, {
        description: '困难职工专享',
        usageNotes: '每次限用一张',
        audience: { occupations: ['rider'], hardshipFamiliesOnly: true },
      }),
    );
    expect((await patch(offer.id, { status: 'paused' })).status).toBe(200);
    const stored = (await OfferModel.findById(offer.id).lean())!;
    expect(stored).toMatchObject({
      status: 'paused',
      description: '困难职工专享',
      usageNotes: '每次限用一张',
      audience: { occupations: ['rider'], hardshipFamiliesOnly: true },
    });
  });

  it('filters the admin list by merchant and status', async () => {
    const draft = await createOfferVia(
      api,
      world.xihu,
      couponOfferBody(xihuMerchant, { title: '草稿券', status: 'draft' }),
    );
    const list = await api.request('GET', `/api/admin/offers?merchantId=${xihuMerchant}&status=draft`, {
      token: world.xihu,
    });
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([draft.id]);
  });
});
