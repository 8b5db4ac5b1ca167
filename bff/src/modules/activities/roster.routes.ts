/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload } from '../../http/download';
import { mounter } from '../../http/mount';
import { exportRoster } from './roster-export.service';
import { removeEntry } from './roster.service';

const endpoints = contract.activityRoster;

export function activityRosterRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.removeEntry, ({ actor, params, body }) =>
    removeEntry(app, actor, params.id, params.entryId, body.reason, new Date()),
  );
  mount(endpoints.exportRoster, async ({ actor, params, query, ctx }) =>
    sendDownload(ctx, await exportRoster(app.cipher, actor, params.id, query, new Date())),
  );
  return router;
}
