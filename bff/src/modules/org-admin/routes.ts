/**
 * The union office's facts about the organisations it manages (so far 职工人数). Above auth,
 * which the union tree itself (organizations/) sits below.
 */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { setEmployeeCount } from './employee-count.service';
import { presentOrganizationToStaff } from './presenter';

const endpoints = contract.organizations;

export function orgAdminRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);

  mount(endpoints.setEmployeeCount, async ({ actor, params, body }) =>
    presentOrganizationToStaff(await setEmployeeCount(actor, params.id, body.employeeCount)),
  );
  return router;
}
