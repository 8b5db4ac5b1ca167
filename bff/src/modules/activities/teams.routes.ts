/** Activities: 队伍与代报名. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';

const endpoints = contract.activityTeams;

export function activityTeamRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  void endpoints;
  void mount;
  return router;
}
