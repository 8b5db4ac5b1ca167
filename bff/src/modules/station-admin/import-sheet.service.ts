/**
 * A sheet sent to the import endpoint: read and checked row by row, and when committed and
 * clean, written: a small sheet before answering, a long one by a background job (the
 * answer is then 202 with the job, to be polled).
 */
import type { z } from 'zod';
import { INLINE_IMPORT_ROWS, type StationImportQuerySchema, type StationImportResultSchema } from '@union/shared';
import { HttpError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import type { FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import { presentImportJob, startImportJob } from './import-job.service';
import { IMPORT_FAILED_MESSAGE, stationImports } from './import-runner';
import { checkStationSheet } from './import.service';
import { importScope, organizationForStations } from './policy';
import { readSheet } from './sheet-read';

export interface SheetImportRequest {
  actor: Actor;
  query: z.output<typeof StationImportQuerySchema>;
  /** Reads the uploaded file: only once the default organisation is known to be the actor's. */
  upload: () => Promise<RawUpload>;
}

export async function importStationSheet(
  files: FileStore,
  { actor, query, upload: readUpload }: SheetImportRequest,
): Promise<{ result: z.output<typeof StationImportResultSchema>; accepted: boolean }> {
  const defaultOrg = query.orgId ? await organizationForStations(actor, query.orgId) : null;
  const upload = await sheetUpload(readUpload);
  const kind = upload.kind === 'xlsx' ? 'xlsx' : 'csv';
  const plan = await checkStationSheet(importScope(actor), await readSheet(upload.bytes, kind), defaultOrg);
  const report = { mode: query.mode, rows: plan.rows, validRows: plan.validRows, problems: plan.problems };
  if (query.mode !== 'commit' || plan.problems.length > 0 || plan.stations.length === 0) {
    return { result: { ...report, created: 0, job: null }, accepted: false };
  }
  const runner = stationImports();
  const inline = plan.stations.length <= INLINE_IMPORT_ROWS;
  const { job, started } = await startImportJob(files, {
    actor,
    sheet: { bytes: upload.bytes, kind, fileName: query.fileName ?? '' },
    total: plan.stations.length,
    defaultOrg,
    ...(inline ? { leaseOwner: runner.owner, leaseMs: runner.leaseMs } : {}),
  });
  const ended = inline && started ? await runner.runHeld(job._id) : job;
  if (ended.status === 'failed') throw new HttpError(500, 'import_failed', IMPORT_FAILED_MESSAGE);
  const done = ended.status === 'done';
  if (!done) runner.wake();
  return { result: { ...report, created: done ? ended.created : 0, job: presentImportJob(ended) }, accepted: !done };
}

/** The sheet upload, with advice an office can act on when the file is not one we read. */
async function sheetUpload(readUpload: () => Promise<RawUpload>): Promise<RawUpload> {
  try {
    return await readUpload();
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
