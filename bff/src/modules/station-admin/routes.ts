import Router from '@koa/router';
import { contract, INLINE_IMPORT_ROWS, UNION_OFFICE_ROLES } from '@union/shared';
import type { ParameterizedContext } from 'koa';
import type { AppContext } from '../../app-context';
import { HttpError } from '../../http/errors';
import { handle } from '../../http/handle';
import { readRawUpload } from '../../http/raw-body';
import { validate } from '../../http/validate';
import { requireRole } from '../auth/authenticate';
import { organizationNames } from '../organizations/service';
import { STATION_OPERATOR_ROLES } from '../stations/policy';
import { presentStationDetail } from '../stations/presenter';
import type { StationDoc } from '../stations/station.model';
import { attachmentDisposition, exportFileName, exportStationSheet, XLSX_CONTENT_TYPE } from './export.service';
import { checkStationSheet } from './import.service';
import {
  importJobForActor,
  importScope,
  presentImportJob,
  recentImportJobs,
  startImportJob,
} from './import-job.service';
import { IMPORT_FAILED_MESSAGE, stationImports } from './import-runner';
import { addStationPhoto, assertRoomForPhoto, deleteStationPhoto, readStationPhoto } from './photos.service';
import { organizationForStations, stationForManaging } from './scope';
import { readSheet } from './sheet-read';
import {
  closeStation,
  createStation,
  listManagedStations,
  reopenStation,
  updateStation,
} from './station-admin.service';
import { apiRouter } from '../../http/api-router';

const endpoints = contract.stations;

/** Photo ids never point at other bytes, so browsers and CDNs may keep them. */
const PHOTO_CACHE_CONTROL = 'public, max-age=86400';

async function presentStations(stations: StationDoc[]) {
  const names = await organizationNames(stations.map((station) => station.orgId));
  const now = new Date();
  return stations.map((station) =>
    presentStationDetail(station, { now, orgName: names.get(String(station.orgId)) ?? '' }),
  );
}
const presentOne = async (station: StationDoc) => (await presentStations([station]))[0]!;

/** The sheet upload, with advice an office can act on when the file is not one we read. */
async function readSheetUpload(ctx: ParameterizedContext) {
  try {
    return await readRawUpload(ctx, endpoints.importSheet.rawBody!);
  } catch (error) {
    if (error instanceof HttpError && error.status === 415) {
      throw new HttpError(
        415,
        error.code,
        '请上传 Excel (.xlsx) 或 CSV 文件；CSV 请在 Excel 中另存为“CSV UTF-8（逗号分隔）”',
      );
    }
    throw error;
  }
}

/** Staff managing stations: the editor, photos, and the sheet import and export. */
export function stationAdminRoutes(app: AppContext): Router {
  const router = apiRouter();
  const { authenticate, handleOptions } = app;

  router.get(
    endpoints.staffList.path,
    authenticate,
    requireRole(STATION_OPERATOR_ROLES),
    validate(endpoints.staffList),
    handle(
      endpoints.staffList,
      async ({ actor, query }) => {
        const page = await listManagedStations(actor, query);
        return { items: await presentStations(page.items), nextCursor: page.nextCursor };
      },
      handleOptions,
    ),
  );

  // Literal paths before the `:id` ones.
  router.get(
    endpoints.exportSheet.path,
    authenticate,
    requireRole(STATION_OPERATOR_ROLES),
    app.rateLimit({ name: 'station-export', points: 30, durationSeconds: 600 }),
    validate(endpoints.exportSheet),
    handle(
      endpoints.exportSheet,
      async ({ actor, ctx }) => {
        const sheet = await exportStationSheet(actor);
        ctx.type = XLSX_CONTENT_TYPE;
        ctx.set('Content-Disposition', attachmentDisposition(exportFileName(new Date())));
        return sheet;
      },
      handleOptions,
    ),
  );

  router.post(
    endpoints.importSheet.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    app.rateLimit({ name: 'station-import', points: 30, durationSeconds: 600 }),
    validate(endpoints.importSheet),
    handle(
      endpoints.importSheet,
      async ({ actor, query, ctx }) => {
        const defaultOrg = query.orgId ? await organizationForStations(actor, query.orgId) : null;
        const upload = await readSheetUpload(ctx);
        const kind = upload.kind === 'xlsx' ? 'xlsx' : 'csv';
        const sheet = await readSheet(upload.bytes, kind);
        const plan = await checkStationSheet(importScope(actor), sheet, defaultOrg);
        const report = { mode: query.mode, rows: plan.rows, validRows: plan.validRows, problems: plan.problems };
        if (query.mode !== 'commit' || plan.problems.length > 0 || plan.stations.length === 0) {
          return { ...report, created: 0, job: null };
        }
        // A small sheet is written before answering; a long one in the background (202, then poll the job).
        const runner = stationImports();
        const inline = plan.stations.length <= INLINE_IMPORT_ROWS;
        const { job, started } = await startImportJob(app.files, {
          actor,
          sheet: { bytes: upload.bytes, kind, fileName: query.fileName ?? '' },
          total: plan.stations.length,
          defaultOrg,
          ...(inline ? { leaseOwner: runner.owner, leaseMs: runner.leaseMs } : {}),
        });
        const ended = inline && started ? await runner.runHeld(job._id) : job;
        if (ended.status === 'failed') throw new HttpError(500, 'import_failed', IMPORT_FAILED_MESSAGE);
        if (ended.status !== 'done') {
          runner.wake();
          ctx.status = 202;
        }
        return { ...report, created: ended.status === 'done' ? ended.created : 0, job: presentImportJob(ended) };
      },
      handleOptions,
    ),
  );

  router.get(
    endpoints.importJobs.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.importJobs),
    handle(
      endpoints.importJobs,
      async ({ actor }) => ({ items: (await recentImportJobs(actor)).map(presentImportJob) }),
      handleOptions,
    ),
  );

  router.get(
    endpoints.importJob.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.importJob),
    handle(
      endpoints.importJob,
      async ({ actor, params }) => presentImportJob(await importJobForActor(actor, params.id!)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.create.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.create),
    handle(endpoints.create, async ({ actor, body }) => presentOne(await createStation(actor, body)), handleOptions),
  );

  router.put(
    endpoints.update.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.update),
    handle(
      endpoints.update,
      async ({ actor, params, body }) => presentOne(await updateStation(actor, params.id!, body)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.close.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.close),
    handle(
      endpoints.close,
      async ({ actor, params, body }) => presentOne(await closeStation(actor, params.id!, body.reason)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.reopen.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.reopen),
    handle(
      endpoints.reopen,
      async ({ actor, params }) => presentOne(await reopenStation(actor, params.id!)),
      handleOptions,
    ),
  );

  router.post(
    endpoints.uploadPhoto.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    app.rateLimit({ name: 'station-photo', points: 60, durationSeconds: 600 }),
    validate(endpoints.uploadPhoto),
    handle(
      endpoints.uploadPhoto,
      async ({ actor, params, ctx }) => {
        // Refuse before reading megabytes for a station the actor cannot touch or that is full.
        assertRoomForPhoto(await stationForManaging(actor, params.id!));
        const upload = await readRawUpload(ctx, endpoints.uploadPhoto.rawBody!);
        return presentOne(await addStationPhoto(actor, app.files, params.id!, upload));
      },
      handleOptions,
    ),
  );

  router.delete(
    endpoints.deletePhoto.path,
    authenticate,
    requireRole(UNION_OFFICE_ROLES),
    validate(endpoints.deletePhoto),
    handle(
      endpoints.deletePhoto,
      async ({ actor, params }) => presentOne(await deleteStationPhoto(actor, app.files, params.id!, params.photoId!)),
      handleOptions,
    ),
  );

  router.get(
    endpoints.photo.path,
    validate(endpoints.photo),
    handle(
      endpoints.photo,
      async ({ params, ctx }) => {
        const photo = await readStationPhoto(app.files, params.photoId!);
        ctx.type = photo.contentType;
        ctx.set('Cache-Control', PHOTO_CACHE_CONTROL);
        return photo.bytes;
      },
      handleOptions,
    ),
  );

  return router;
}
