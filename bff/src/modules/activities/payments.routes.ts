/** Activities: 付费报名（订单、支付、退款）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { publicBaseUrl } from '../../http/public-base-url';
import { bindEntryPayments, payEntry } from './entry-payment';

const endpoints = contract.activityPayments;

export function activityPaymentRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  bindEntryPayments(app);
  mount(endpoints.payEntry, ({ actor, params, ctx }) =>
    // WeChat Pay calls back at PUBLIC_BASE_URL (required in production whenever payments are on).
    payEntry(app, actor, params.id, publicBaseUrl(app.config, ctx), new Date()),
  );
  return router;
}
