import Router from '@koa/router';
import type { Middleware } from 'koa';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { freshCardQr, myCard, verifyCard, verifyCardShortCode } from './service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.card;

export function cardRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, cardSigner, cipher, handleOptions } = app;
  // A typed 核验码 is 8 digits: limit how fast one staff account may try them, as for voucher codes; scans are not limited.
  const typedCodeLimit = app.rateLimit({ name: 'card-typed-code', points: 30, durationSeconds: 600 });
  const limitTypedCodes: Middleware = (ctx, next) =>
    (ctx.request.body as { code?: unknown } | undefined)?.code ? typedCodeLimit(ctx, next) : next();

  router.get(
    endpoints.myCard.path,
    authenticate,
    handle(endpoints.myCard, ({ actor }) => myCard(actor, cardSigner, cipher), handleOptions),
  );
  router.post(
    endpoints.refreshQr.path,
    authenticate,
    app.rateLimit({ name: 'card-qr', points: 30, durationSeconds: 60 }),
    handle(endpoints.refreshQr, ({ actor }) => freshCardQr(actor, cardSigner), handleOptions),
  );
  router.get(
    endpoints.publicKeys.path,
    handle(endpoints.publicKeys, async () => ({ keys: cardSigner.publicKeys() }), handleOptions),
  );
  router.post(
    endpoints.verify.path,
    authenticate,
    requireRole(),
    validate(endpoints.verify),
    limitTypedCodes,
    handle(
      endpoints.verify,
      ({ body }) => (body.code ? verifyCardShortCode(body.code, new Date()) : verifyCard(body.token!, cardSigner)),
      handleOptions,
    ),
  );
  return router;
}
