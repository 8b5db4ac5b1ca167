import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import { contract, type Endpoint } from '@union/shared';
import Koa from 'koa';
import serve from 'koa-static';
import type { AppContext } from './app-context';
import { errorHandler } from './http/error-handler';
import { HttpError } from './http/errors';
import { jsonBodiesOnly } from './http/json-body';
import { requestContext } from './http/request-context';
import { isApiPath, securityHeaders } from './http/security-headers';
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
  koa.use(jsonBodiesOnly(Object.values(contract).flatMap((group) => Object.values<Endpoint>(group))));
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

  // The API's namespace in any letter case ends here: what no route took is a JSON 404,
  // never a file or the H5 page (and never the static server's path checks).
  koa.use(async (ctx, next) => {
    if (!isApiPath(ctx.path)) await next();
  });
  if (app.config.H5_DIST_DIR) serveH5(koa, app.config.H5_DIST_DIR);
  return koa;
}

/** Serves the built H5 app, so one URL shows the whole product. */
function serveH5(koa: Koa, distDir: string) {
  const indexFile = join(distDir, 'index.html');
  const files = serve(distDir, { index: 'index.html', maxage: 0 });
  koa.use(async (ctx, next) => {
    try {
      await files(ctx, next);
    } catch (caught) {
      // koa-send refuses `..`, absolute and undecodable paths with 400/403 errors of its
      // own; they are bad addresses, not server faults.
      const status = (caught as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        throw new HttpError(400, 'bad_path', '请求地址不正确');
      }
      throw caught;
    }
    if (ctx.response.is('html')) ctx.set('Content-Security-Policy', pageSecurityPolicy(await readFile(indexFile)));
  });
  koa.use(async (ctx, next) => {
    await next();
    const wantsPage = ctx.method === 'GET' && ctx.body === undefined;
    if (wantsPage && existsSync(indexFile)) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = await readFile(indexFile);
    }
  });
}

/**
 * What the H5 page may load: its own scripts, styles, images and API, nothing else.
 * Taro's build inlines one script (the rem font-size setter), allowed by its hash read
 * from the page itself so a rebuild keeps working; Taro's components inject <style>
 * elements at run time, hence inline styles. Images come from the API, or from data:
 * and blob: URLs for picked photos and previews.
 */
function pageSecurityPolicy(html: Buffer): string {
  const inlineScripts = [...html.toString('utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)];
  const hashes = inlineScripts
    .map((match) => match[1]!)
    .filter((code) => code.trim() !== '')
    .map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
