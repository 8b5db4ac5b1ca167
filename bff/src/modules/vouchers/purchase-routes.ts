import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { publicBaseUrl } from '../../http/public-base-url';
import { placeOrder } from '../payments/orders.service';
import { presentOrderPayment } from '../payments/presenter';
import { presentVoucher } from './presenter';
import { refundVoucher, VOUCHER_PRODUCT } from './product';

const endpoints = contract.payments;

/** Buying a paid voucher and asking for its money back: the voucher product's payment routes. */
export function voucherPurchaseRoutes(app: AppContext) {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.createOrder, async ({ actor, params, body, ctx }) => {
    const product = { kind: VOUCHER_PRODUCT, ref: params.id };
    // Where WeChat Pay calls back: PUBLIC_BASE_URL (required in production whenever payments are on).
    const notifyBaseUrl = publicBaseUrl(app.config, ctx);
    const order = await placeOrder(app, actor, { product, requestId: body.requestId, notifyBaseUrl }, new Date());
    return presentOrderPayment(order, app.wechatPay);
  });
  mount(endpoints.requestRefund, async ({ actor, params, body }) => {
    const now = new Date();
    return presentVoucher(await refundVoucher(app, actor, params.id, body, now), now);
  });
  return router;
}
