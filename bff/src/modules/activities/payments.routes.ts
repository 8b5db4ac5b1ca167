/** Activities: 付费报名（订单、支付、退款）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';

const endpoints = contract.activityPayments;

export function activityPaymentRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  void endpoints;
  void mount;
  return router;
}
