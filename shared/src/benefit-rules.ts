/**
 * The benefit merchants' (普惠商家) own rules, shared by the BFF and the mini-program:
 * which period a per-member limit counts in, what a member sees a voucher as, and the
 * voucher code members read out at the counter. What an offer costs whom is a column of
 * the offer kinds' table (offer-kinds.ts).
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
