import Router from '@koa/router';
import { contract, STATION_LINK_PATH } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { publicBaseUrl } from '../../http/public-base-url';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { STATION_OPERATOR_ROLES } from '../stations/policy';
import { giveFeedback, replyToFeedback, stationFeedbacks } from './feedback.service';
import { checkInPageFor, linkVerificationFile } from './poster-link';
import { presentFeedback, presentFeedbacks } from './presenter';
import { stationQrPng } from './qr-poster';
import { operableStation } from './station-access';
import { stationStats } from './stats.service';
import { checkIn, recordWalkIns } from './visits.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.stations;

/** Using a station (check-in, feedback) and the keeper's side of it (walk-ins, replies, poster, counts). */
export function stationVisitRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;
  const codeSecret = app.config.STATION_CODE_SECRET;
  const operator = requireRole(STATION_OPERATOR_ROLES);

  router.post(
    endpoints.checkIn.path,
    authenticate,
    app.rateLimit({ name: 'station-check-in', points: 30, durationSeconds: 60 }),
    validate(endpoints.checkIn),
    handle(endpoints.checkIn, ({ actor, body }) => checkIn(actor, body.stationCode, codeSecret), handleOptions),
  );

  router.post(
    endpoints.giveFeedback.path,
    authenticate,
    app.rateLimit({ name: 'station-feedback', points: 20, durationSeconds: 3600 }),
    validate(endpoints.giveFeedback),
    handle(
      endpoints.giveFeedback,
      async ({ actor, params, body }) => presentFeedback(await giveFeedback(actor, params.id!, body)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.recordWalkIns.path,
    authenticate,
    operator,
    validate(endpoints.recordWalkIns),
    handle(endpoints.recordWalkIns, ({ actor, params, body }) => recordWalkIns(actor, params.id!, body), handleOptions),
  );

  router.get(
    endpoints.feedbackList.path,
    authenticate,
    operator,
    validate(endpoints.feedbackList),
    handle(
      endpoints.feedbackList,
      async ({ actor, params }) => ({ items: await presentFeedbacks(await stationFeedbacks(actor, params.id!)) }),
      handleOptions,
    ),
  );

  router.post(
    endpoints.replyFeedback.path,
    authenticate,
    operator,
    validate(endpoints.replyFeedback),
    handle(
      endpoints.replyFeedback,
      async ({ actor, params, body }) => presentFeedback(await replyToFeedback(actor, params.id!, body)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.stats.path,
    authenticate,
    operator,
    validate(endpoints.stats),
    handle(endpoints.stats, ({ actor, query }) => stationStats(actor, query), handleOptions),
  );

  router.get(
    endpoints.qrPoster.path,
    authenticate,
    operator,
    validate(endpoints.qrPoster),
    handle(
      endpoints.qrPoster,
      async ({ actor, params, ctx }) => {
        const station = await operableStation(actor, params.id!);
        const png = await stationQrPng(codeSecret, String(station._id), publicBaseUrl(app.config, ctx));
        ctx.type = 'image/png';
        ctx.set('Content-Disposition', `inline; filename="station-${String(station._id)}.png"`);
        return png;
      },
      handleOptions,
    ),
  );

  // The poster's link, followed outside WeChat: not an API call, so no contract entry.
  const verificationFile = linkVerificationFile(app.config.WECHAT_LINK_VERIFY_FILE);
  router.get(`${STATION_LINK_PATH}:segment`, async (ctx, next) => {
    if (verificationFile && ctx.params.segment === verificationFile.name) {
      ctx.type = 'text/plain';
      ctx.body = verificationFile.content;
      return;
    }
    const page = checkInPageFor(ctx.params.segment ?? '');
    if (!page) return next();
    // Each scan is a new check-in: no browser may replay a cached answer.
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(page);
  });

  return router;
}
