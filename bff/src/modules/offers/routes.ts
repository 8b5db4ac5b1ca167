/** Members browsing offers; union staff publishing and managing them. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { listOffers, nearbyOffers, offerDetail } from './browse.service';
import { createOffer, listManagedOffers, presentOneAdminOffer, updateOffer } from './offer-admin.service';
import { offerForManaging } from './policy';

const endpoints = contract.offers;

export function offerRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const admin = presentOneAdminOffer;

  // Literal paths before the `:id` one.
  mount(endpoints.nearbyOffers, async ({ query }) => ({ items: await nearbyOffers(query, new Date()) }));
  mount(endpoints.listOffers, ({ query }) => listOffers(query, new Date()));
  mount(endpoints.offerDetail, ({ actor, params, query }) =>
    offerDetail(actor, params.id, query, { now: new Date(), paymentsEnabled: app.wechatPay !== null }),
  );
  mount(endpoints.adminOffers, ({ actor, query }) => listManagedOffers(actor, query));
  mount(endpoints.createOffer, async ({ actor, body }) => admin(await createOffer(actor, body)));
  mount(endpoints.adminOffer, async ({ actor, params }) => admin(await offerForManaging(actor, params.id)));
  mount(endpoints.updateOffer, async ({ actor, params, body }) => admin(await updateOffer(actor, params.id, body)));
  return router;
}
