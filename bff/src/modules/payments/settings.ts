/** What every payment operation needs from the runtime, and where WeChat Pay calls us back. */
import { contract } from '@union/shared';
import { ConflictError } from '../../http/errors';
import type { Runtime, WechatPayRuntime } from '../../runtime';

export type PaymentApp = Pick<Runtime, 'wechatPay' | 'logger'>;

/** An order not paid within this is closed and its unit goes back to the stock. */
export const ORDER_PAYMENT_WINDOW_MS = 15 * 60_000;

export function requireWechatPay(app: PaymentApp): WechatPayRuntime {
  if (!app.wechatPay) throw ConflictError('支付暂未开通', 'payments_disabled');
  return app.wechatPay;
}

export const paymentNotifyUrl = (baseUrl: string) => baseUrl + contract.benefits.paymentNotification.path;
export const refundNotifyUrl = (baseUrl: string) => baseUrl + contract.benefits.refundNotification.path;

/**
 * The origin WeChat Pay must call back: PUBLIC_BASE_URL (required in production whenever
 * payments are on), or in development the protocol and host the request came in on (a
 * client could name any host there, which only matters where PUBLIC_BASE_URL is not set).
 */
export function notifyBaseUrl(config: Runtime['config'], requestOrigin: string): string {
  return (config.PUBLIC_BASE_URL ?? requestOrigin).replace(/\/+$/, '');
}
