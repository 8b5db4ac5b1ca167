import Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import { nearbyStations, publicStationDetail, stationAreas, stationsInView } from './search.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.stations;

/** The public finder. Literal paths come before `/api/stations/:id`, which only takes ids. */
export function stationRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { handleOptions } = app;

  router.get(
    endpoints.nearby.path,
    validate(endpoints.nearby),
    handle(endpoints.nearby, async ({ query }) => nearbyStations(query, new Date()), handleOptions),
  );

  router.get(
    endpoints.inView.path,
    validate(endpoints.inView),
    handle(endpoints.inView, async ({ query }) => stationsInView(query, new Date()), handleOptions),
  );

  router.get(
    endpoints.areas.path,
    validate(endpoints.areas),
    handle(endpoints.areas, async () => stationAreas(), handleOptions),
  );

  router.get(
    endpoints.detail.path,
    validate(endpoints.detail),
    handle(
      endpoints.detail,
      async ({ params, query }) => publicStationDetail(params.id!, query, new Date()),
      handleOptions,
    ),
  );

  return router;
}
