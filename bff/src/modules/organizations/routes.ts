/** The union tree, as the join form's organisation picker browses it, and the union office's facts about an org. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { setEmployeeCount } from './employee-count.service';
import { presentOrganization, presentOrganizationToStaff } from './presenter';
import { listOrganizations } from './service';

const endpoints = contract.organizations;

export function organizationRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.list, async ({ query }) => ({ items: (await listOrganizations(query)).map(presentOrganization) }));
  mount(endpoints.setEmployeeCount, async ({ actor, params, body }) =>
    presentOrganizationToStaff(await setEmployeeCount(actor, params.id, body.employeeCount)),
  );
  return router;
}
