/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';

const endpoints = contract.activityRoster;

export function activityRosterRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  void endpoints;
  void mount;
  return router;
}
