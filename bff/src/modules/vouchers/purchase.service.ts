/** Buying a paid voucher and asking for its money back, through payments' product adapter. */
import type { RefundRequestSchema } from '@union/shared';
import type { z } from 'zod';
import type { AppContext } from '../../app-context';
import type { Actor } from '../auth/actor';
import { placeOrder } from '../payments/orders.service';
import { presentOrderPayment } from '../payments/presenter';
import { presentVoucher } from './presenter';
import { refundVoucher, VOUCHER_PRODUCT } from './product';

export async function buyVoucher(
  app: AppContext,
  actor: Actor,
  offerId: string,
  requestId: string,
  notifyBaseUrl: string,
  now: Date,
) {
  const product = { kind: VOUCHER_PRODUCT, ref: offerId };
  const order = await placeOrder(app, actor, { product, requestId, notifyBaseUrl }, now);
  return presentOrderPayment(order, app.wechatPay);
}

export async function refundAndPresent(
  app: AppContext,
  actor: Actor,
  voucherId: string,
  request: z.output<typeof RefundRequestSchema>,
  now: Date,
) {
  return presentVoucher(await refundVoucher(app, actor, voucherId, request, now), now);
}
