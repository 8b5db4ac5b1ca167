/** The public finder. Literal paths come before `/api/stations/:id`, which only takes ids. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { readNearbyQuery } from './nearby-query';
import { nearbyStations, publicStationDetail, stationAreas, stationsInView } from './search.service';

const endpoints = contract.stations;

export function stationRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  // The riders' search, the hottest route: its query string is read without Koa's general parser.
  mount(endpoints.nearby, ({ query }) => nearbyStations(query, new Date()), { readQuery: readNearbyQuery });
  mount(endpoints.inView, ({ query }) => stationsInView(query, new Date()));
  mount(endpoints.areas, () => stationAreas());
  mount(endpoints.detail, ({ params, query }) => publicStationDetail(params.id, query, new Date()));
  return router;
}
