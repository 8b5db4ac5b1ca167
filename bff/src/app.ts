import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import serve from 'koa-static';
import type { AppContext } from './app-context';
import { errorHandler } from './http/error-handler';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
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
import { organizationRoutes } from './modules/organizations/routes';
import { paymentRoutes } from './modules/payments/routes';
import { stationAdminRoutes } from './modules/station-admin/routes';
import { stationRoutes } from './modules/stations/routes';
import { stationVisitRoutes } from './modules/station-visits/routes';
import { voucherRoutes } from './modules/vouchers/routes';

export function createApp(app: AppContext): Koa {
  const koa = new Koa({ proxy: app.config.TRUST_PROXY });
  koa.use(requestContext(app.logger));
  koa.use(errorHandler());
  koa.use(securityHeaders());
  // JSON only, and small: nothing this API accepts is larger (uploads get their own route).
  koa.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }));

  const routers = [
    healthRoutes(),
    docsRoutes(),
    authRoutes(app),
    organizationRoutes(app),
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
  ];
  for (const router of routers) koa.use(router.routes()).use(router.allowedMethods());

  if (app.config.H5_DIST_DIR) serveH5(koa, app.config.H5_DIST_DIR);
  return koa;
}

/** Serves the built H5 app, so one URL shows the whole product. */
function serveH5(koa: Koa, distDir: string) {
  const indexFile = join(distDir, 'index.html');
  koa.use(serve(distDir, { index: 'index.html', maxage: 0 }));
  koa.use(async (ctx, next) => {
    await next();
    const wantsPage = ctx.method === 'GET' && !ctx.path.startsWith('/api/') && ctx.body === undefined;
    if (wantsPage && existsSync(indexFile)) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = await readFile(indexFile);
    }
  });
}
