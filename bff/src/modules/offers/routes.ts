import Router from '@koa/router';
import { contract, UNION_OFFICE_ROLES } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { listOffers, nearbyOffers, offerDetail } from './browse.service';
import {
  createOffer,
  listManagedOffers,
  offerForManaging,
  presentAdminOffers,
  presentOneAdminOffer,
  updateOffer,
} from './offer-admin.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.benefits;

/** Members browsing offers; union staff publishing and managing them. */
export function offerRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;
  const unionOffice = requireRole(UNION_OFFICE_ROLES);

  // Literal paths before the `:id` one.
  router.get(
    endpoints.nearbyOffers.path,
    validate(endpoints.nearbyOffers),
    handle(
      endpoints.nearbyOffers,
      async ({ query }) => ({ items: await nearbyOffers(query, new Date()) }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.listOffers.path,
    validate(endpoints.listOffers),
    handle(endpoints.listOffers, async ({ query }) => listOffers(query, new Date()), handleOptions),
  );

  router.get(
    endpoints.offerDetail.path,
    authenticate,
    validate(endpoints.offerDetail),
    handle(
      endpoints.offerDetail,
      async ({ actor, params, query }) =>
        offerDetail(actor, params.id!, query, { now: new Date(), paymentsEnabled: app.wechatPay !== null }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.adminOffers.path,
    authenticate,
    unionOffice,
    validate(endpoints.adminOffers),
    handle(
      endpoints.adminOffers,
      async ({ actor, query }) => {
        const page = await listManagedOffers(actor, query);
        return { items: await presentAdminOffers(page.items), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.createOffer.path,
    authenticate,
    unionOffice,
    validate(endpoints.createOffer),
    handle(
      endpoints.createOffer,
      async ({ actor, body }) => presentOneAdminOffer(await createOffer(actor, body)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.adminOffer.path,
    authenticate,
    unionOffice,
    validate(endpoints.adminOffer),
    handle(
      endpoints.adminOffer,
      async ({ actor, params }) => presentOneAdminOffer(await offerForManaging(actor, params.id!)),
      handleOptions,
    ),
  );

  router.patch(
    endpoints.updateOffer.path,
    authenticate,
    unionOffice,
    validate(endpoints.updateOffer),
    handle(
      endpoints.updateOffer,
      async ({ actor, params, body }) => presentOneAdminOffer(await updateOffer(actor, params.id!, body)),
      handleOptions,
    ),
  );

  return router;
}
