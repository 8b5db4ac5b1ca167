/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { mounter } from '../../http/mount';
import { removeEntry } from './roster.service';

const endpoints = contract.activityRoster;

export function activityRosterRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.removeEntry, ({ actor, params, body }) =>
    removeEntry(app, actor, params.id, params.entryId, body.reason, new Date()),
  );
  return router;
}
