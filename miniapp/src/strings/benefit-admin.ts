/** Labels for the merchant clerk's and the union staff's 普惠 pages. */
import type { AdminMerchant, AdminOffer, CouponTerms, RedemptionCheck } from '@union/shared';
import { chinaDateOf, chinaDateTime, chinaMoment } from '@union/shared';

export const MERCHANT_STATUS_LABELS: Record<AdminMerchant['status'], string> = {
  active: '合作中',
  suspended: '已暂停',
};

export const OFFER_STATUS_LABELS: Record<AdminOffer['status'], string> = {
  draft: '草稿',
  active: '上架中',
  paused: '已暂停',
  ended: '已结束',
};

export const OFFER_STATUS_TAGS: Record<AdminOffer['status'], string> = {
  draft: 'tag--pending',
  active: 'tag--active',
  paused: 'tag--suspended',
  ended: '',
};

export const COUPON_TYPE_LABELS: Record<CouponTerms['type'], string> = {
  discount: '折扣',
  threshold: '满减',
};

/** The big line a clerk reads after scanning; the server's message says the details (e.g. when it was used). */
export const REDEMPTION_TITLES: Record<RedemptionCheck, string> = {
  redeemable: '可以核销',
  used: '券已使用',
  expired: '券已过期',
  not_yet_valid: '券尚未生效',
  refunded: '券已退款',
  refunding: '券正在退款',
  wrong_merchant: '不是本店的券',
  qr_expired: '二维码已过期，请会员刷新',
  forged: '无效二维码',
  not_found: '未找到这张券',
};

/** `14:05`, China time: the counter and the union read the same clock whatever the phone is set to. */
export function chinaTimeText(iso: string): string {
  return chinaMoment(new Date(iso)).time;
}

/** `2026-03-07 14:05`, China time. */
export function chinaDateTimeText(iso: string): string {
  return chinaDateTime(new Date(iso));
}

/** `2026-03-07`, China time. */
export function chinaDateText(iso: string): string {
  return chinaDateOf(new Date(iso));
}
