/** Staff managing stations: the editor, photos, and the sheet import and export. */
import type Router from '@koa/router';
import { contract } from '@union/shared';
import type { AppContext } from '../../app-context';
import { apiRouter } from '../../http/api-router';
import { sendDownload } from '../../http/download';
import { mounter } from '../../http/mount';
import { stationSheetDownload } from './export.service';
import { importJobForActor, presentImportJob, recentImportJobs } from './import-job.service';
import { importStationSheet } from './import-sheet.service';
import { addStationPhoto, deleteStationPhoto, readStationPhoto } from './photos.service';
import { presentManagedPage, presentManagedStation as present } from './presenter';
import {
  closeStation,
  createStation,
  listManagedStations,
  reopenStation,
  updateStation,
} from './station-admin.service';

const endpoints = contract.stationAdmin;

/** Photo ids never point at other bytes, so browsers and CDNs may keep them. */
const PHOTO_CACHE_CONTROL = 'public, max-age=86400';

export function stationAdminRoutes(app: AppContext): Router {
  const router = apiRouter();
  const mount = mounter(app, router);
  const { files } = app;

  mount(endpoints.staffList, async ({ actor, query }) => presentManagedPage(await listManagedStations(actor, query)));
  // Literal paths before the `:id` ones.
  mount(endpoints.exportSheet, async ({ actor, ctx }) =>
    sendDownload(ctx, await stationSheetDownload(actor, new Date())),
  );
  mount(endpoints.importSheet, async ({ actor, query, upload, ctx }) => {
    const { result, accepted } = await importStationSheet(files, { actor, query, upload });
    if (accepted) ctx.status = 202;
    return result;
  });
  mount(endpoints.importJobs, async ({ actor }) => ({ items: (await recentImportJobs(actor)).map(presentImportJob) }));
  mount(endpoints.importJob, async ({ actor, params }) => presentImportJob(await importJobForActor(actor, params.id)));
  mount(endpoints.create, async ({ actor, body }) => present(await createStation(actor, body)));
  mount(endpoints.update, async ({ actor, params, body }) => present(await updateStation(actor, params.id, body)));
  mount(endpoints.close, async ({ actor, params, body }) => present(await closeStation(actor, params.id, body.reason)));
  mount(endpoints.reopen, async ({ actor, params }) => present(await reopenStation(actor, params.id)));
  mount(endpoints.uploadPhoto, async ({ actor, params, upload }) =>
    present(await addStationPhoto(actor, files, params.id, upload)),
  );
  mount(endpoints.deletePhoto, async ({ actor, params }) =>
    present(await deleteStationPhoto(actor, files, params.id, params.photoId)),
  );
  mount(endpoints.photo, async ({ params, ctx }) => {
    const photo = await readStationPhoto(files, params.photoId);
    ctx.type = photo.contentType;
    ctx.set('Cache-Control', PHOTO_CACHE_CONTROL);
    return photo.bytes;
  });
  return router;
}
