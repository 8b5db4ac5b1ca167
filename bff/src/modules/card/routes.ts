import Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { freshCardQr, myCard, verifyCard } from './service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.card;

export function cardRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, cardSigner, cipher, handleOptions } = app;

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
    handle(endpoints.verify, ({ body }) => verifyCard(body.token, cardSigner), handleOptions),
  );
  return router;
}
