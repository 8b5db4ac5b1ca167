import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  distanceMeters,
  MerchantInputSchema,
  offerMoneyProblems,
  OfferInputSchema,
  type CouponTerms,
  type OfferKind,
} from '@union/shared';
import { startTestApi, type TestApi } from '../../test/harness';
import { MerchantModel } from '../modules/merchants/merchant.model';
import { OfferModel } from '../modules/offers/offer.model';
import { buildDemoBenefits, DEMO_MERCHANT, DEMO_MERCHANT_CLERK } from './benefits-data';
import { DEMO_STATION } from './demo-stations';
import { createRandom } from '../seeded-random';

const build = () =>
  buildDemoBenefits({
    random: createRandom(7),
    orgNamed: () => ({ _id: new Types.ObjectId('000000000000000000000001'), path: [] }),
    newId: (() => {
      let n = 0;
      return () => new Types.ObjectId((n++).toString(16).padStart(24, '0'));
    })(),
    passwordHash: 'hash',
  });

describe('benefits demo data', () => {
  it('builds about 60 merchants and 90 offers, every one as the editors would accept it', () => {
    const { merchants, offers } = build();
    expect(merchants.length).toBeGreaterThanOrEqual(55);
    expect(merchants.length).toBeLessThanOrEqual(65);
    expect(offers.length).toBeGreaterThanOrEqual(80);
    expect(offers.length).toBeLessThanOrEqual(100);
    for (const merchant of merchants) {
      const input = { ...merchant, orgId: String(merchant.orgId) };
      expect(MerchantInputSchema.safeParse(input).error?.issues ?? []).toEqual([]);
    }
    for (const offer of offers) {
      const input = {
        ...offer,
        merchantId: String(offer.merchantId),
        validFrom: (offer.validFrom as Date).toISOString(),
        validUntil: (offer.validUntil as Date).toISOString(),
      };
      expect(OfferInputSchema.safeParse(input).error?.issues ?? [], String(offer.title)).toEqual([]);
      const money = offer as unknown as {
        kind: OfferKind;
        faceValueFen: number;
        priceFen: number;
        unionSubsidyFen: number;
        coupon: CouponTerms | null;
      };
      expect(offerMoneyProblems(money), String(offer.title)).toEqual([]);
    }
    expect(new Set(merchants.map((merchant) => merchant.category)).size).toBeGreaterThanOrEqual(9);
    expect(new Set(offers.map((offer) => offer.kind))).toEqual(
      new Set(['coupon', 'subsidised_voucher', 'member_price']),
    );
  });

  it('is the same on every run', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });
});

describe('the seeded demo', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ SEED_DEMO_DATA: 'true' });
  }, 120_000);
  afterAll(() => api.stop());

  it('puts the demo merchant next to the demo station with a coupon and a paid voucher', async () => {
    const merchant = await MerchantModel.findOne({ name: DEMO_MERCHANT.name }).lean();
    expect(distanceMeters(merchant!.location, DEMO_STATION.location)).toBeLessThan(200);
    const offers = await OfferModel.find({ merchantId: merchant!._id }).lean();
    expect(offers.some((offer) => offer.kind === 'coupon')).toBe(true);
    expect(offers.some((offer) => offer.kind === 'subsidised_voucher' && offer.priceFen > 0)).toBe(true);

    const nearby = await api.request(
      'GET',
      `/api/benefits/offers/nearby?lat=${DEMO_STATION.location.lat}&lng=${DEMO_STATION.location.lng}&radius=500`,
    );
    expect(nearby.status).toBe(200);
    expect(nearby.body.items[0].merchant.name).toBe(DEMO_MERCHANT.name);
  });

  it('lets the demo clerk sign in and open the workbench of the demo merchant', async () => {
    const login = await api.request('POST', '/api/auth/password-login', {
      body: { username: DEMO_MERCHANT_CLERK.username, password: DEMO_MERCHANT_CLERK.password },
    });
    expect(login.status).toBe(200);
    const workbench = await api.request('GET', '/api/merchant/workbench', { token: login.body.accessToken });
    expect(workbench.status).toBe(200);
    expect(workbench.body.merchant.name).toBe(DEMO_MERCHANT.name);
  });
});
