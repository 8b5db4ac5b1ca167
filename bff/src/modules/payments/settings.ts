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

export const paymentNotifyUrl = (baseUrl: string) => baseUrl + contract.payments.paymentNotification.path;
export const refundNotifyUrl = (baseUrl: string) => baseUrl + contract.payments.refundNotification.path;
