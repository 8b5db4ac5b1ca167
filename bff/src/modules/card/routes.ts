/** The electronic union card: the member's card and QR codes, the public keys, verification by staff. */
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { freshCardQr, myCard, verifyCard, verifyCardShortCode } from './service';

const endpoints = contract.card;

export function cardRoutes(app: AppContext) {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { cardSigner, cipher } = app;

  mount(endpoints.myCard, ({ actor }) => myCard(actor, cardSigner, cipher));
  mount(endpoints.refreshQr, ({ actor }) => freshCardQr(actor, cardSigner));
  mount(endpoints.publicKeys, () => ({ keys: cardSigner.publicKeys() }));
  mount(endpoints.verify, ({ body }) =>
    body.code ? verifyCardShortCode(body.code, new Date()) : verifyCard(body.token!, cardSigner),
  );
  return router;
}
