import Router from '@koa/router';
import { contract } from '@union/shared';
import { handle } from '../../http/handle';
import { validate } from '../../http/validate';
import type { AppContext } from '../../app-context';
import { presentOrganization } from './presenter';
import { listOrganizations } from './service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.organizations;

export function organizationRoutes(app: AppContext): Router {
  const router = apiRouter();
  router.get(
    endpoints.list.path,
    app.authenticate,
    validate(endpoints.list),
    handle(
      endpoints.list,
      async ({ query }) => {
        const rows = await listOrganizations(query);
        return { items: rows.map(presentOrganization) };
      },
      app.handleOptions,
    ),
  );
  return router;
}
