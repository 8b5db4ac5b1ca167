/** 普惠 data for the clerk's and the union staff's pages, typed by the contract so a contract change breaks them. */
import type {
  AdminMerchant,
  AdminOffer,
  Me,
  MerchantSummary,
  Redemption,
  RedemptionPreview,
  Settlement,
} from '@union/shared';
import { luhnCheckDigit } from '@union/shared';
import { me } from './fixtures';
import { DISTRICT_ORG } from './staff-fixtures';

export const MERCHANT_ID = '64b7f0c2a1b2c3d4e5f6a101';
export const OTHER_MERCHANT_ID = '64b7f0c2a1b2c3d4e5f6a102';
export const OFFER_ID = '64b7f0c2a1b2c3d4e5f6a201';
export const VOUCHER_ID = '64b7f0c2a1b2c3d4e5f6a301';
export const CLERK_ACCOUNT_ID = '64b7f0c2a1b2c3d4e5f6a401';

/** A 12-digit code whose last digit is the Luhn check digit of the first eleven. */
export function voucherCode(payload = '12345678901'): string {
  return `${payload}${luhnCheckDigit(payload)}`;
}
export const VOUCHER_CODE = voucherCode();

export function merchantClerk(overrides: Partial<Me> = {}): Me {
  return me({
    displayName: '微信用户',
    roles: [
      { role: 'merchant_staff', orgId: DISTRICT_ORG.id, orgName: DISTRICT_ORG.name, orgLevel: DISTRICT_ORG.level },
    ],
    merchant: { id: MERCHANT_ID, name: '西溪爱心超市' },
    ...overrides,
  });
}

export function merchantSummary(overrides: Partial<MerchantSummary> = {}): MerchantSummary {
  return {
    id: MERCHANT_ID,
    name: '西溪爱心超市',
    category: 'supermarket',
    address: '西湖区西溪路 520 号',
    location: { lat: 30.2741, lng: 120.1351 },
    phone: '0571-88880000',
    logoUrl: null,
    ...overrides,
  };
}

export function workbench(redemptions = 3, faceValueFen = 30000) {
  return { merchant: merchantSummary(), today: { redemptions, faceValueFen } };
}

export function preview(overrides: Partial<RedemptionPreview> = {}): RedemptionPreview {
  return {
    result: 'redeemable',
    message: '可以核销',
    voucher: {
      id: VOUCHER_ID,
      code: VOUCHER_CODE,
      offerTitle: '爱心超市购物卡',
      headline: '12元购100元券',
      faceValueFen: 10000,
      paidFen: 1200,
      memberMaskedName: '张*',
      validUntil: '2026-12-31T15:59:59.000Z',
      redeemedAt: null,
    },
    ...overrides,
  };
}

export function redemption(overrides: Partial<Redemption> = {}): Redemption {
  return {
    id: VOUCHER_ID,
    code: VOUCHER_CODE,
    offerTitle: '爱心超市购物卡',
    headline: '12元购100元券',
    faceValueFen: 10000,
    paidFen: 1200,
    memberMaskedName: '张*',
    // 14:05 in China.
    redeemedAt: '2026-03-07T06:05:00.000Z',
    redeemedByName: '店员 王**',
    ...overrides,
  };
}

export function adminMerchant(overrides: Partial<AdminMerchant> = {}): AdminMerchant {
  return {
    ...merchantSummary(),
    description: '生活用品、米面粮油',
    photos: [],
    orgId: DISTRICT_ORG.id,
    orgName: DISTRICT_ORG.name,
    status: 'active',
    staffCount: 2,
    activeOfferCount: 1,
    createdAt: '2026-01-05T02:00:00.000Z',
    needsClerk: false,
    ...overrides,
  };
}

export function adminOffer(overrides: Partial<AdminOffer> = {}): AdminOffer {
  return {
    id: OFFER_ID,
    title: '爱心超市购物卡',
    kind: 'subsidised_voucher',
    headline: '12元购100元券',
    coupon: null,
    faceValueFen: 10000,
    priceFen: 1200,
    unionSubsidyFen: 7600,
    validFrom: '2026-02-28T16:00:00.000Z',
    validUntil: '2026-12-31T15:59:59.000Z',
    stockTotal: 500,
    stockRemaining: 320,
    limitPerMember: 1,
    limitPeriod: 'month',
    audience: { occupations: [], hardshipFamiliesOnly: false },
    status: 'active',
    merchant: merchantSummary(),
    distanceMeters: null,
    description: '',
    usageNotes: '仅限本店使用',
    orgId: DISTRICT_ORG.id,
    claimedCount: 180,
    redeemedCount: 150,
    createdAt: '2026-02-20T02:00:00.000Z',
    ...overrides,
  };
}

export function settlement(): Settlement {
  const row = (merchantId: string, merchantName: string, count: number, paid: number, subsidy: number) => ({
    merchantId,
    merchantName,
    category: 'supermarket' as const,
    redeemedCount: count,
    paidRedeemedCount: count,
    faceValueFen: count * 10000,
    memberPaidFen: paid,
    unionSubsidyFen: subsidy,
    owedToMerchantFen: paid + subsidy,
  });
  const rows = [
    row(MERCHANT_ID, '西溪爱心超市', 10, 12000, 76000),
    row(OTHER_MERCHANT_ID, '文三路药房', 5, 6000, 38000),
  ];
  return {
    month: '2026-03',
    rows,
    totals: {
      redeemedCount: 15,
      paidRedeemedCount: 15,
      faceValueFen: 150000,
      memberPaidFen: 18000,
      unionSubsidyFen: 114000,
      owedToMerchantFen: 132000,
    },
  };
}
