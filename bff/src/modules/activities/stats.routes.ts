/** Activities: 统计（单个活动的报名与出勤；组织含下级的年度口径统计）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { activityStats, orgActivityStats } from './stats.service';

const endpoints = contract.activityStats;

export function activityStatsRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.activityStats, ({ actor, params }) => activityStats(actor, params.id, new Date()));
  mount(endpoints.orgActivityStats, ({ actor, query }) => orgActivityStats(actor, query, new Date()));
  return router;
}
