/** Activities: 名单管理（移除、导出与查看、海报、通知与提醒）. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload } from '../../http/download';
import { mounter } from '../../http/mount';
import { readPoster, uploadPoster } from './poster.service';
import { exportRoster } from './roster-export.service';
import { removeEntry } from './roster.service';

const endpoints = contract.activityRoster;

/**
 * A versioned address never points at other bytes, so caches may keep it (a draft's privately);
 * the bare address follows the current poster and is checked again each time.
 */
const posterCacheControl = (poster: { current: boolean; public: boolean }) =>
  poster.current ? `${poster.public ? 'public' : 'private'}, max-age=86400` : 'no-cache';

export function activityRosterRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  mount(endpoints.removeEntry, ({ actor, params, body }) =>
    removeEntry(app, actor, params.id, params.entryId, body.reason, new Date()),
  );
  mount(endpoints.exportRoster, async ({ actor, params, query, ctx }) =>
    sendDownload(ctx, await exportRoster(app.cipher, actor, params.id, query, new Date())),
  );
  mount(endpoints.uploadPoster, ({ actor, params, upload }) => uploadPoster(actor, app.files, params.id, upload));
  mount(endpoints.poster, async ({ params, query, ctx }) => {
    const poster = await readPoster(app.files, params.id, query.v);
    // A binary answer (rawResponse): the contract's JSON response type does not describe it.
    ctx.type = poster.contentType;
    ctx.set('Cache-Control', posterCacheControl(poster));
    return poster.bytes as never;
  });
  return router;
}
