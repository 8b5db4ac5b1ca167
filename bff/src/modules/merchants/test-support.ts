/** Test helpers for merchants and offers: request bodies, a small world of staff, and direct inserts. */
import { Types } from 'mongoose';
import { expect } from 'vitest';
import type { TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { OfferModel } from '../offers/offer.model';
import { MerchantModel } from './merchant.model';

/** A valid merchant signed by `orgId`; override any field. */
export function merchantBody(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '文三路鲜丰水果',
    category: 'supermarket',
    address: '杭州市西湖区文三路 300 号',
    location: { lat: 30.2771, lng: 120.1298 },
    phone: '0571-88001234',
    description: '新鲜水果，会员专享折扣。',
    orgId,
    ...overrides,
  };
}

const YEAR_AGO = new Date(Date.now() - 365 * 86_400_000).toISOString();
const YEAR_AHEAD = new Date(Date.now() + 365 * 86_400_000).toISOString();

/** A free 满100减20 coupon, valid from a year ago to a year ahead. */
export function couponOfferBody(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    merchantId,
    kind: 'coupon',
    title: '满100减20',
    coupon: { type: 'threshold', thresholdFen: 10_000, reductionFen: 2_000 },
    stockTotal: 100,
    validFrom: YEAR_AGO,
    validUntil: YEAR_AHEAD,
    limitPerMember: 1,
    limitPeriod: 'month',
    ...overrides,
  };
}

/** A 爱心超市 card: the member pays ¥12 for ¥100, the union subsidises ¥76 and the merchant gives ¥12. */
export function subsidisedOfferBody(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    merchantId,
    kind: 'subsidised_voucher',
    title: '爱心超市百元购物卡',
    faceValueFen: 10_000,
    priceFen: 1_200,
    unionSubsidyFen: 7_600,
    stockTotal: 50,
    validFrom: YEAR_AGO,
    validUntil: YEAR_AHEAD,
    limitPerMember: 1,
    limitPeriod: 'year',
    ...overrides,
  };
}

/** Staff of 西湖区 (xihu), of 滨江区 (binjiang) and the city (city), signed in. */
export async function catalogueWorld(api: TestApi) {
  const orgs: OrgTree = await createOrgTree();
  const suffix = new Types.ObjectId().toHexString().slice(-6);
  await createStaff(`xihu_${suffix}`, [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff(`binjiang_${suffix}`, [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff(`city_${suffix}`, [{ role: 'union_admin', org: orgs.city }]);
  return {
    orgs,
    xihu: await loginStaff(api, `xihu_${suffix}`),
    binjiang: await loginStaff(api, `binjiang_${suffix}`),
    city: await loginStaff(api, `city_${suffix}`),
  };
}
export type CatalogueWorld = Awaited<ReturnType<typeof catalogueWorld>>;

export async function createMerchantVia(api: TestApi, token: string, body: Record<string, unknown>) {
  const response = await api.request('POST', '/api/admin/merchants', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { id: string; [key: string]: any };
}

export async function createOfferVia(api: TestApi, token: string, body: Record<string, unknown>) {
  const response = await api.request('POST', '/api/admin/offers', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { id: string; [key: string]: any };
}

/** Writes merchants and offers straight to the database (many at once), for search tests. */
export async function insertCatalogue(
  org: { _id: Types.ObjectId; path: Types.ObjectId[] },
  merchants: {
    location: { lat: number; lng: number };
    category: string;
    offers: { status?: string; validFrom?: Date; validUntil?: Date }[];
  }[],
) {
  const now = Date.now();
  const merchantDocs = merchants.map((merchant, index) => ({
    _id: new Types.ObjectId(),
    name: `测试商家${index}`,
    category: merchant.category,
    address: `杭州市西湖区测试路 ${index} 号`,
    location: merchant.location,
    orgId: org._id,
    orgPath: org.path,
    status: 'active',
    revision: 1,
  }));
  const offerDocs = merchants.flatMap((merchant, index) =>
    merchant.offers.map((offer) => ({
      _id: new Types.ObjectId(),
      merchantId: merchantDocs[index]!._id,
      orgId: org._id,
      orgPath: org.path,
      category: merchant.category,
      kind: 'coupon',
      title: `测试优惠${index}`,
      coupon: { type: 'discount', payPercent: 88 },
      validFrom: offer.validFrom ?? new Date(now - 86_400_000),
      validUntil: offer.validUntil ?? new Date(now + 86_400_000),
      stockTotal: 10,
      stockRemaining: 10,
      limitPerMember: 1,
      limitPeriod: 'month',
      status: offer.status ?? 'active',
      revision: 1,
    })),
  );
  await MerchantModel.insertMany(merchantDocs);
  await OfferModel.insertMany(offerDocs);
  return { merchantDocs, offerDocs };
}
