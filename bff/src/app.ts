import { bodyParser } from '@koa/bodyparser';
import { contract, type Endpoint } from '@union/shared';
import Koa from 'koa';
import type { AppContext } from './app-context';
import { errorHandler } from './http/error-handler';
import { connectModules } from './connect-modules';
import { jsonBodiesOnly } from './http/json-body';
import { literalRoutes } from './http/literal-routes';
import { requestContext } from './http/request-context';
import { logResponseErrors } from './http/response-errors';
import { isApiPath, securityHeaders } from './http/security-headers';
import { serveH5 } from './http/serve-h5';
import { metricsRoutes } from './observability/metrics-endpoint';
import { activityCheckInRoutes } from './modules/activities/check-in.routes';
import { activityLotteryRoutes } from './modules/activities/lottery.routes';
import { activityPaymentRoutes } from './modules/activities/payments.routes';
import { activityRosterRoutes } from './modules/activities/roster.routes';
import { activityStatsRoutes } from './modules/activities/stats.routes';
import { activityRoutes } from './modules/activities/routes';
import { activityTeamRoutes } from './modules/activities/teams.routes';
import { aidRoutes } from './modules/aid/routes';
import { aidReviewRoutes } from './modules/aid-review/routes';
import { authRoutes } from './modules/auth/routes';
import { cardRoutes } from './modules/card/routes';
import { docsRoutes } from './modules/docs/routes';
import { healthRoutes } from './modules/health/routes';
import { membershipRoutes } from './modules/membership/routes';
import { merchantRoutes } from './modules/merchants/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { offerRoutes } from './modules/offers/routes';
import { orgAdminRoutes } from './modules/org-admin/routes';
import { organizationRoutes } from './modules/organizations/routes';
import { paymentRoutes } from './modules/payments/routes';
import { quizRoutes } from './modules/quizzes/routes';
import { contestRoutes } from './modules/contests/routes';
import { figureRoutes } from './modules/figures/routes';
import { stationAdminRoutes } from './modules/station-admin/routes';
import { stationRoutes } from './modules/stations/routes';
import { stationVisitRoutes } from './modules/station-visits/routes';
import { voucherRoutes } from './modules/vouchers/routes';
import { workbenchRoutes } from './modules/workbench/routes';

export function createApp(app: AppContext): Koa {
  connectModules();
  const koa = new Koa({ proxy: app.config.TRUST_PROXY });
  koa.use(app.metrics.http);
  logResponseErrors(koa, app.logger);
  koa.use(requestContext(app.logger));
  koa.use(errorHandler());
  koa.use(securityHeaders());
  koa.use(jsonBodiesOnly(Object.values(contract).flatMap((group) => Object.values<Endpoint>(group))));
  // JSON only, and small: nothing this API accepts is larger (uploads get their own route).
  koa.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }));

  const routers = [
    healthRoutes(),
    metricsRoutes(app),
    docsRoutes(),
    authRoutes(app),
    organizationRoutes(app),
    orgAdminRoutes(app),
    membershipRoutes(app),
    cardRoutes(app),
    stationRoutes(app),
    stationAdminRoutes(app),
    stationVisitRoutes(app),
    notificationRoutes(app),
    aidRoutes(app),
    aidReviewRoutes(app),
    merchantRoutes(app),
    offerRoutes(app),
    voucherRoutes(app),
    paymentRoutes(app),
    activityRoutes(app),
    activityLotteryRoutes(app),
    activityCheckInRoutes(app),
    activityTeamRoutes(app),
    activityRosterRoutes(app),
    activityStatsRoutes(app),
    activityPaymentRoutes(app),
    quizRoutes(app),
    contestRoutes(app),
    figureRoutes(app),
    workbenchRoutes(app),
  ];
  koa.use(literalRoutes(routers));
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods());

  // The API's namespace in any letter case ends here: what no route took is a JSON 404,
  // never a file or the H5 page (and never the static server's path checks).
  koa.use(async (ctx, next) => {
    if (!isApiPath(ctx.path)) await next();
  });
  if (app.config.H5_DIST_DIR) serveH5(koa, app.config.H5_DIST_DIR);
  return koa;
}
