/** 普惠 data for the member-side tests, typed by the contract so a contract change breaks them. */
import type { MerchantDetail, OfferDetail, OfferSummary, Order, OrderPayment, Voucher } from '@union/shared';

export const OFFER_ID = '64b7f0c2a1b2c3d4e5f6e001';
export const PAID_OFFER_ID = '64b7f0c2a1b2c3d4e5f6e002';
export const MERCHANT_ID = '64b7f0c2a1b2c3d4e5f6e101';
export const VOUCHER_ID = '64b7f0c2a1b2c3d4e5f6e201';
export const ORDER_ID = '64b7f0c2a1b2c3d4e5f6e301';
const ORG_ID = '64b7f0c2a1b2c3d4e5f60101';

export function merchant(overrides: Partial<MerchantDetail> = {}): MerchantDetail {
  return {
    id: MERCHANT_ID,
    name: '好邻居便利店',
    category: 'supermarket',
    address: '西湖区文三路 90 号',
    location: { lat: 30.2775, lng: 120.1402 },
    phone: '0571-87651234',
    logoUrl: `/api/benefits/merchants/${MERCHANT_ID}/images/logo1`,
    description: '24 小时营业，会员购物享折扣。',
    photos: [{ id: 'p1', url: `/api/benefits/merchants/${MERCHANT_ID}/images/p1` }],
    orgId: ORG_ID,
    orgName: '西湖区总工会',
    status: 'active',
    ...overrides,
  };
}

const { description: _d, photos: _p, orgId: _o, orgName: _n, status: _s, ...merchantSummary } = merchant();

export function offerSummary(overrides: Partial<OfferSummary> = {}): OfferSummary {
  return {
    id: OFFER_ID,
    title: '会员购物满减券',
    kind: 'coupon',
    headline: '满100减20',
    coupon: { type: 'threshold', thresholdFen: 10000, reductionFen: 2000 },
    faceValueFen: 0,
    priceFen: 0,
    unionSubsidyFen: 0,
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T16:00:00.000Z',
    stockTotal: 100,
    stockRemaining: 37,
    limitPerMember: 1,
    limitPeriod: 'month',
    audience: { occupations: [], hardshipFamiliesOnly: false },
    status: 'active',
    merchant: merchantSummary,
    distanceMeters: 420,
    ...overrides,
  };
}

/** 爱心超市 card: the member pays ¥12 for a ¥100 voucher. */
export function paidOfferSummary(overrides: Partial<OfferSummary> = {}): OfferSummary {
  return offerSummary({
    id: PAID_OFFER_ID,
    title: '爱心超市购物卡',
    kind: 'subsidised_voucher',
    headline: '12元购100元券',
    coupon: null,
    faceValueFen: 10000,
    priceFen: 1200,
    unionSubsidyFen: 7600,
    ...overrides,
  });
}

export function offerDetail(overrides: Partial<OfferDetail> = {}, base: OfferSummary = offerSummary()): OfferDetail {
  return {
    ...base,
    description: '每月可领一次。',
    usageNotes: '结账前出示券码，不与其他优惠同享。',
    merchant: merchant(),
    eligibility: { canClaim: true, reasons: [], claimedInPeriod: 0 },
    paymentsEnabled: true,
    ...overrides,
  };
}

export function voucher(overrides: Partial<Voucher> = {}): Voucher {
  return {
    id: VOUCHER_ID,
    code: '123456789015',
    status: 'unused',
    displayStatus: 'unused',
    offer: {
      id: OFFER_ID,
      title: '会员购物满减券',
      kind: 'coupon',
      headline: '满100减20',
      usageNotes: '结账前出示券码，不与其他优惠同享。',
    },
    merchant: merchantSummary,
    faceValueFen: 0,
    paidFen: 0,
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2026-12-31T16:00:00.000Z',
    claimedAt: '2026-03-01T02:00:00.000Z',
    redeemedAt: null,
    refundedAt: null,
    orderId: null,
    canRefund: false,
    ...overrides,
  };
}

export function paidVoucher(overrides: Partial<Voucher> = {}): Voucher {
  return voucher({
    offer: {
      id: PAID_OFFER_ID,
      title: '爱心超市购物卡',
      kind: 'subsidised_voucher',
      headline: '12元购100元券',
      usageNotes: '',
    },
    faceValueFen: 10000,
    paidFen: 1200,
    orderId: ORDER_ID,
    canRefund: true,
    ...overrides,
  });
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: ORDER_ID,
    orderNo: 'BV20260301123456789',
    status: 'pending_payment',
    product: { kind: 'benefit_voucher', ref: PAID_OFFER_ID, title: '爱心超市购物卡', subtitle: '好邻居便利店' },
    offerId: PAID_OFFER_ID,
    offerTitle: '爱心超市购物卡',
    merchantName: '好邻居便利店',
    amountFen: 1200,
    totalFen: 10000,
    resultId: null,
    faceValueFen: 10000,
    unionSubsidyFen: 8800,
    createdAt: '2026-03-01T02:00:00.000Z',
    expiresAt: '2026-03-01T02:15:00.000Z',
    paidAt: null,
    closedAt: null,
    voucherId: null,
    ...overrides,
  };
}

export function orderPayment(overrides: Partial<OrderPayment> = {}): OrderPayment {
  return {
    order: order(),
    payment: {
      timeStamp: '1772330400',
      nonceStr: 'nonce-abc',
      package: 'prepay_id=wx01020304',
      signType: 'RSA',
      paySign: 'signature==',
    },
    simulated: false,
    ...overrides,
  };
}
