/** What members read on the 普惠 pages: offers, paying, 我的券 and the voucher shown at the counter. */
import {
  LIMIT_PERIOD_LABELS,
  offerKind,
  offerNeedsPayment,
  yuanText,
  type OfferSummary,
  type OrderStatus,
} from '@union/shared';
import type { LocateFailure } from '../utils/locate';

export const LOCATE_FAILURE_TEXT: Record<LocateFailure, string> = {
  denied: '未获得定位权限',
  unavailable: '暂时无法获取您的位置',
};

/** Said whenever the list is not sorted by distance, so nobody wonders where the distances went. */
export function noLocationNotice(failure: LocateFailure | null): string {
  return `${failure ? LOCATE_FAILURE_TEXT[failure] : '未定位'}，已按发布时间列出全部优惠（不显示距离）`;
}

type Priced = Pick<OfferSummary, 'kind' | 'priceFen' | 'faceValueFen'>;

/** `¥12 购 ¥100 券`, `会员价 ¥19.9 · 原价 ¥29.9`, `免费领 ¥50 券`; null for coupons (their headline says it all). */
export const offerPriceText = (offer: Priced): string | null => offerKind(offer.kind).priceLine(offer);

export function stockText(offer: Pick<OfferSummary, 'stockRemaining'>): string {
  return offer.stockRemaining > 0 ? `剩余 ${offer.stockRemaining} 张` : '已领完';
}

/** `每人每月限 1 张`. */
export function limitText(offer: Pick<OfferSummary, 'limitPerMember' | 'limitPeriod'>): string {
  return `每人${LIMIT_PERIOD_LABELS[offer.limitPeriod]}限 ${offer.limitPerMember} 张`;
}

/** The main button's words: 立即领取, or 立即购买 ¥12. */
export function actionText(offer: Pick<OfferSummary, 'kind' | 'priceFen'>): string {
  return offerNeedsPayment(offer) ? `立即购买 ¥${yuanText(offer.priceFen)}` : '立即领取';
}

export const SIMULATED_PAYMENT_TITLE = '演示环境 · 模拟支付（不产生真实扣款）';
export const SIMULATED_PAYMENT_NOTE =
  '当前未接入真实微信支付。点击下方按钮将模拟微信支付成功，并经由与真实支付相同的支付通知流程发券。';

export const ORDER_STATUS_NOTES: Record<OrderStatus, string> = {
  pending_payment: '请在订单关闭前完成支付，超时未支付将自动关闭并释放名额',
  paid: '支付成功，券已发放到“我的券”',
  closed: '订单已关闭，未产生扣款；名额已释放，可重新购买',
  refunding: '退款申请已提交，退款将原路退回',
  refunded: '已退款，款项已原路退回',
};

export const REFUND_NOTE = '未使用的付费券可申请退款，款项原路退回微信支付账户，一般 1-3 个工作日到账。';
