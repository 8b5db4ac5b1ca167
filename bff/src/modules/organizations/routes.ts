/** The union tree, as the join form's organisation picker browses it. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { presentOrganization } from './presenter';
import { listOrganizations } from './service';

const endpoints = contract.organizations;

export function organizationRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.list, async ({ query }) => ({ items: (await listOrganizations(query)).map(presentOrganization) }));
  return router;
}
