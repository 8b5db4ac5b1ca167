/**
 * Import jobs as the routes see them: starting one for a checked sheet (one per office
 * at a time; the same sheet sent again while it runs gets the running job back), and
 * reading them within the office that started them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { StationImportJob } from '@union/shared';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { XLSX_CONTENT_TYPE } from '../../http/download';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { FileStore } from '../../integrations/storage/file-store';
import type { Actor } from '../auth/actor';
import type { OrganizationDoc } from '../organizations/organization.model';
import { StationImportJobModel, type StationImportJobDoc } from './import-job.model';
import { importScope } from './policy';

const scopeKeyOf = (scope: Types.ObjectId[]) => scope.map(String).join(',');

export interface SheetToImport {
  bytes: Buffer;
  kind: 'xlsx' | 'csv';
  fileName: string;
}

const SHEET_CONTENT_TYPE = { xlsx: XLSX_CONTENT_TYPE, csv: 'text/csv' } as const;

export interface NewImportJob {
  actor: Actor;
  sheet: SheetToImport;
  /** Rows to write (the clean rows of the check). */
  total: number;
  defaultOrg: OrganizationDoc | null;
  /** Born taken by this runner (a small sheet written within the request). */
  leaseOwner?: string;
  leaseMs?: number;
}

/**
 * Starts an import job, or answers with the one already running for this office when it
 * is the same sheet (a retried request). A different sheet waits for the running one.
 */
export async function startImportJob(
  files: FileStore,
  job: NewImportJob,
): Promise<{ job: StationImportJobDoc; started: boolean }> {
  const scope = importScope(job.actor);
  const scopeKey = scopeKeyOf(scope);
  const sha256 = createHash('sha256').update(job.sheet.bytes).digest('hex');
  const running = await activeJob(scopeKey, sha256);
  if (running) return { job: running, started: false };

  const stored = await files.put('station-imports', job.sheet.bytes, SHEET_CONTENT_TYPE[job.sheet.kind]);
  try {
    const now = new Date();
    const created = await StationImportJobModel.create({
      scopeKey,
      activeScope: scopeKey,
      scopeOrgIds: scope,
      createdBy: new Types.ObjectId(job.actor.accountId),
      defaultOrgId: job.defaultOrg?._id ?? null,
      sheet: { key: stored.key, kind: job.sheet.kind, fileName: job.sheet.fileName, sha256 },
      stationIdSeed: randomBytes(5).toString('hex'),
      total: job.total,
      ...(job.leaseOwner
        ? {
            status: 'running',
            leaseOwner: job.leaseOwner,
            leaseUntil: new Date(now.getTime() + (job.leaseMs ?? 0)),
            claims: 1,
            startedAt: now,
          }
        : {}),
    });
    return { job: created.toObject<StationImportJobDoc>(), started: true };
  } catch (error) {
    await files.remove(stored.key).catch(() => undefined);
    if (!isDuplicateKeyError(error)) throw error;
    // Another request of this office started one between our look and our insert.
    const winner = await activeJob(scopeKey, sha256);
    if (winner) return { job: winner, started: false };
    throw error;
  }
}

async function activeJob(scopeKey: string, sha256: string): Promise<StationImportJobDoc | null> {
  const running = await StationImportJobModel.findOne({ activeScope: scopeKey }).lean<StationImportJobDoc>();
  if (!running) return null;
  if (running.sheet.sha256 === sha256) return running;
  throw ConflictError(
    `本单位已有一个导入正在进行（已处理 ${running.done}/${running.total} 行），请等它完成后再导入`,
    'import_running',
  );
}

/** A job of the actor's office; any other is "not found", so ids cannot be probed. */
export async function importJobForActor(actor: Actor, jobId: string): Promise<StationImportJobDoc> {
  const job = await StationImportJobModel.findOne({
    _id: jobId,
    scopeKey: scopeKeyOf(importScope(actor)),
  }).lean<StationImportJobDoc>();
  if (!job) throw NotFoundError('导入任务不存在');
  return job;
}

export const RECENT_JOBS = 10;

export function recentImportJobs(actor: Actor): Promise<StationImportJobDoc[]> {
  return StationImportJobModel.find({ scopeKey: scopeKeyOf(importScope(actor)) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(RECENT_JOBS)
    .lean<StationImportJobDoc[]>();
}

export function presentImportJob(job: StationImportJobDoc): StationImportJob {
  return {
    id: String(job._id),
    status: job.status,
    fileName: job.sheet.fileName,
    total: job.total,
    done: job.done,
    created: job.created,
    skipped: job.skipped,
    problems: job.problems.map(({ row, column, message }) => ({
      row: row ?? 0,
      column: column ?? '',
      message: message ?? '',
    })),
    failure: job.failure ?? null,
    createdBy: String(job.createdBy),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
