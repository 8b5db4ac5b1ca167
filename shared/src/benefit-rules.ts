/**
 * The benefit merchants' (普惠商家) own rules, shared by the BFF and the mini-program:
 * what an offer costs whom, which period a per-member limit counts in, what a member
 * sees a voucher as, and the voucher code members read out at the counter.
 * Money is always in fen (integers).
 */
import { chinaDateOf } from './china-time';

export const MERCHANT_CATEGORIES = [
  'dining',
  'supermarket',
  'pharmacy',
  'health_check',
  'haircut',
  'education',
  'culture_travel',
  'telecom',
  'auto_service',
  'other',
] as const;
export type MerchantCategory = (typeof MERCHANT_CATEGORIES)[number];

export const MERCHANT_CATEGORY_LABELS: Record<MerchantCategory, string> = {
  dining: '餐饮',
  supermarket: '超市',
  pharmacy: '医疗/药店',
  health_check: '体检',
  haircut: '理发',
  education: '教育培训',
  culture_travel: '文旅',
  telecom: '通信',
  auto_service: '汽车服务',
  other: '其他',
};

/**
 * `coupon`: free, a discount or 满减 the merchant gives at the counter.
 * `subsidised_voucher`: the member pays part online, the union subsidises the rest.
 * `member_price`: an item sold online at a member price (the merchant bears the discount,
 * the union may add a subsidy).
 */
export const OFFER_KINDS = ['coupon', 'subsidised_voucher', 'member_price'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_KIND_LABELS: Record<OfferKind, string> = {
  coupon: '优惠券',
  subsidised_voucher: '工会补贴券',
  member_price: '会员价商品',
};

export const isPaidOfferKind = (kind: OfferKind): boolean => kind !== 'coupon';

/**
 * Whether the member pays online (an order through WeChat Pay) or simply claims. A union
 * card the union pays for entirely (member pays ¥0) is claimed like a coupon, yet the
 * union still owes the merchant its subsidy when it is redeemed.
 */
export const offerNeedsPayment = (offer: { kind: OfferKind; priceFen: number }): boolean =>
  isPaidOfferKind(offer.kind) && offer.priceFen > 0;

/** A coupon's terms: pay `payPercent`% (88 = 8.8折), or 满 `thresholdFen` 减 `reductionFen`. */
export type CouponTerms =
  { type: 'discount'; payPercent: number } | { type: 'threshold'; thresholdFen: number; reductionFen: number };

export const LIMIT_PERIODS = ['day', 'week', 'month', 'year', 'total'] as const;
export type LimitPeriod = (typeof LIMIT_PERIODS)[number];
export const LIMIT_PERIOD_LABELS: Record<LimitPeriod, string> = {
  day: '每天',
  week: '每周',
  month: '每月',
  year: '每年',
  total: '活动期间',
};

/**
 * The bucket a claim at `at` counts in, in China time: `2026-11-21`, `2026-W47` (ISO week),
 * `2026-11`, `2026`, or `total`. Two claims share a limit exactly when their keys are equal.
 */
export function limitPeriodKey(period: LimitPeriod, at: Date): string {
  const date = chinaDateOf(at);
  switch (period) {
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'year':
      return date.slice(0, 4);
    case 'total':
      return 'total';
    case 'week':
      return isoWeekKey(date);
  }
}

/** ISO 8601 week of a calendar date (`YYYY-MM-DD`): weeks start on Monday, week 1 holds the first Thursday. */
export function isoWeekKey(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(year, month - 1, day));
  const weekday = utc.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  utc.setUTCDate(utc.getUTCDate() + 4 - weekday);
  const isoYear = utc.getUTCFullYear();
  const week = Math.ceil(((utc.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

export interface OfferMoney {
  kind: OfferKind;
  /** What the voucher is worth at the counter (paid kinds); 0 for coupons. */
  faceValueFen: number;
  /** What the member pays online (paid kinds); 0 for coupons. */
  priceFen: number;
  /** What the union pays the merchant per redeemed voucher on top of the member's payment. */
  unionSubsidyFen: number;
}

export interface OfferSplit {
  faceValueFen: number;
  memberPaysFen: number;
  unionSubsidyFen: number;
  /** The part of the face value the merchant gives up itself (e.g. 12% of a 爱心超市 card). */
  merchantDiscountFen: number;
  /** What the union owes the merchant when the voucher is redeemed: the member's payment plus the subsidy. */
  owedToMerchantFen: number;
}

/** Who pays what for one voucher of this offer. */
export function offerSplit(offer: OfferMoney): OfferSplit {
  if (!isPaidOfferKind(offer.kind)) {
    return { faceValueFen: 0, memberPaysFen: 0, unionSubsidyFen: 0, merchantDiscountFen: 0, owedToMerchantFen: 0 };
  }
  return {
    faceValueFen: offer.faceValueFen,
    memberPaysFen: offer.priceFen,
    unionSubsidyFen: offer.unionSubsidyFen,
    merchantDiscountFen: offer.faceValueFen - offer.priceFen - offer.unionSubsidyFen,
    owedToMerchantFen: offer.priceFen + offer.unionSubsidyFen,
  };
}

/** Problems with an offer's money, in Chinese, keyed by field; empty when consistent. */
export function offerMoneyProblems(
  offer: OfferMoney & { coupon: CouponTerms | null },
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (offer.kind === 'coupon') {
    if (!offer.coupon) problems.push({ path: 'coupon', message: '请填写优惠券的折扣或满减规则' });
    else if (offer.coupon.type === 'threshold' && offer.coupon.reductionFen >= offer.coupon.thresholdFen) {
      problems.push({ path: 'coupon.reductionFen', message: '减免金额应小于门槛金额' });
    }
    return problems;
  }
  if (offer.kind === 'member_price' && offer.priceFen < 1) {
    problems.push({ path: 'priceFen', message: '会员价至少 0.01 元' });
  }
  if (offer.kind === 'subsidised_voucher' && offer.unionSubsidyFen < 1) {
    problems.push({ path: 'unionSubsidyFen', message: '工会补贴券须有工会补贴金额' });
  }
  if (offer.faceValueFen <= offer.priceFen) problems.push({ path: 'faceValueFen', message: '面值应高于会员支付金额' });
  if (offer.priceFen + offer.unionSubsidyFen > offer.faceValueFen) {
    problems.push({ path: 'unionSubsidyFen', message: '工会补贴加会员支付不能超过面值' });
  }
  return problems;
}

/** A short Chinese headline for an offer: 满100减20, 8.8折, 会员价 ¥19.90 (原价 ¥29.90). */
export function offerHeadline(offer: OfferMoney & { coupon: CouponTerms | null }): string {
  if (offer.kind === 'coupon') {
    const coupon = offer.coupon;
    if (!coupon) return '优惠券';
    if (coupon.type === 'discount') return `${formatDiscount(coupon.payPercent)}折`;
    return `满${yuanText(coupon.thresholdFen)}减${yuanText(coupon.reductionFen)}`;
  }
  if (offer.kind === 'subsidised_voucher') {
    return offer.priceFen === 0
      ? `免费领${yuanText(offer.faceValueFen)}元券`
      : `${yuanText(offer.priceFen)}元购${yuanText(offer.faceValueFen)}元券`;
  }
  return `会员价${yuanText(offer.priceFen)}元`;
}

/** 88 → "8.8", 80 → "8", 75 → "7.5". */
function formatDiscount(payPercent: number): string {
  return (payPercent / 10).toFixed(1).replace(/\.0$/, '');
}

/** 10000 → "100", 1990 → "19.9", 1 → "0.01". */
export function yuanText(fen: number): string {
  return (fen / 100).toFixed(2).replace(/\.?0+$/, '');
}

export const VOUCHER_STATUSES = ['unused', 'refunding', 'used', 'refunded'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];
/** What 我的券 groups vouchers by: stored status, plus `expired` for an unused one past its validity. */
export const VOUCHER_VIEWS = ['unused', 'used', 'expired', 'refunded'] as const;
export type VoucherView = (typeof VOUCHER_VIEWS)[number];
export type VoucherDisplayStatus = VoucherView | 'refunding';

export const VOUCHER_DISPLAY_LABELS: Record<VoucherDisplayStatus, string> = {
  unused: '未使用',
  used: '已使用',
  expired: '已过期',
  refunded: '已退款',
  refunding: '退款中',
};

export function voucherDisplayStatus(
  voucher: { status: VoucherStatus; validUntil: Date | string },
  now: Date,
): VoucherDisplayStatus {
  if (voucher.status === 'unused' && new Date(voucher.validUntil).getTime() <= now.getTime()) return 'expired';
  return voucher.status;
}

/**
 * Voucher codes are 12 digits, the last a Luhn check digit, so a mistyped code is caught
 * on the phone before it reaches the server. Shown in groups of four.
 */
export const VOUCHER_CODE_LENGTH = 12;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    // Double every second digit counting from the right of the payload (which sits left of the check digit).
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Strips spaces and dashes a member or clerk may have typed. */
export function normalizeVoucherCode(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

export function isWellFormedVoucherCode(raw: string): boolean {
  const code = normalizeVoucherCode(raw);
  if (code.length !== VOUCHER_CODE_LENGTH || !/^\d+$/.test(code)) return false;
  return luhnCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

/** 123456789012 → "1234 5678 9012". */
export function formatVoucherCode(code: string): string {
  return normalizeVoucherCode(code).replace(/(\d{4})(?=\d)/g, '$1 ');
}


