/**
 * Writes committed station sheets in the background, in batches, resumably.
 *
 * Each instance runs one runner. A job is taken with a lease (compare-and-set on the job),
 * renewed with every batch; a runner that dies mid-job simply stops renewing, and any
 * instance takes the job over once the lease has run out. Each row's station has a stable
 * id (the job's time, its seed, the sheet row), so a batch written just before a crash is
 * recognised on resume, never written twice. Rows are written published, a batch at a time,
 * each with its own revision from a block reserved just before the batch (the indexes wait
 * minutes for a gap, a batch lands in well under a second). A job that keeps failing is
 * withdrawn: every station it wrote is unpublished, so an import ends all or nothing.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { MAX_IMPORT_JOB_PROBLEMS, STATION_SHEET_HEADERS } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import type { FileStore } from '../../integrations/storage/file-store';
import type { Logger } from '../../logger';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { stationWrites } from '../stations/station-revision';
import { StationModel } from '../stations/station.model';
import { StationImportJobModel, type StationImportJobDoc } from './import-job.model';
import type { ImportProblem } from './import-rows';
import {
  ALREADY_IMPORTED,
  existingStationKeys,
  readStationSheet,
  stationKey,
  type PlannedStation,
} from './import.service';
import { readSheet } from './sheet-read';
import { editableFields } from './station-admin.service';

/** Rows written per insert: big enough to be quick, small enough that progress moves every second or so. */
export const IMPORT_BATCH_ROWS = 250;
/** A job whose passes fail this often is withdrawn; one taken over this often (a crash loop) too. */
const MAX_FAILURES = 3;
const MAX_CLAIMS = 10;
export const IMPORT_FAILED_MESSAGE = '导入中途出错，已写入的站点已全部撤销，请稍后重新导入';

export interface ImportRunnerOptions {
  files: FileStore;
  logger: Logger;
  /** How often idle runners look for queued jobs and jobs whose runner went away. */
  pollMs: number;
  /** How long a job stays with a runner that stopped renewing it. */
  leaseMs: number;
}

type RunOutcome = 'done' | 'failed' | 'released' | 'lost';

/** The lease was taken over (this runner was too slow or presumed dead): stop without touching the job. */
class LeaseLost extends Error {}
/** A sheet row as the job sees it: the station to write, or why it can no longer be written. */
interface JobRow {
  row: number;
  station?: PlannedStation;
  problems?: ImportProblem[];
}

/** A job not worth retrying. */
class GiveUp extends Error {}

const RETRY_PAUSE_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class StationImportRunner {
  /** Names this runner in the jobs it holds. */
  readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private sweeping: Promise<void> | null = null;
  private readonly running = new Set<Promise<RunOutcome>>();
  /** Jobs this runner is writing now: never taken a second time by its own sweep. */
  private readonly held = new Set<string>();

  constructor(private readonly options: ImportRunnerOptions) {}

  get leaseMs() {
    return this.options.leaseMs;
  }

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Looks for work now (a job was just queued). */
  wake(): void {
    if (!this.stopping) void this.sweep();
  }

  /** Runs a job this runner already holds (created with its lease) to the end; resolves with the job as it ends. */
  async runHeld(jobId: Types.ObjectId): Promise<StationImportJobDoc> {
    await this.track(this.process(jobId));
    return (await StationImportJobModel.findById(jobId).lean<StationImportJobDoc>())!;
  }

  /** Stops taking jobs; a job in hand is left after its current batch, for the next runner. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
    await Promise.all([...this.running]);
  }

  private schedule(delayMs: number) {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => this.schedule(this.options.pollMs));
    }, delayMs);
    this.timer.unref();
  }

  private sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        for (;;) {
          const jobId = await this.claimNext();
          if (!jobId) break;
          void this.track(this.process(jobId));
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'station import sweep failed; retried next poll');
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  private track(run: Promise<RunOutcome>): Promise<RunOutcome> {
    this.running.add(run);
    return run.finally(() => this.running.delete(run));
  }

  /** Takes the oldest job that is queued or whose runner stopped renewing it. */
  private async claimNext(): Promise<Types.ObjectId | null> {
    if (this.stopping) return null;
    const now = new Date();
    const candidates = await StationImportJobModel.find(
      { status: { $in: ['queued', 'running'] }, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] },
      { _id: 1 },
    )
      .sort({ createdAt: 1, _id: 1 })
      .limit(5)
      .lean();
    for (const { _id } of candidates) {
      if (!this.held.has(String(_id)) && (await this.claim(_id, now))) return _id;
    }
    return null;
  }

  private async claim(jobId: Types.ObjectId, now: Date): Promise<boolean> {
    const job = await StationImportJobModel.findById(jobId).lean<StationImportJobDoc>();
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    if (job.leaseUntil && job.leaseUntil > now && job.leaseOwner !== this.owner) return false;
    return updateIf(
      StationImportJobModel,
      { key: { _id: jobId }, when: { leaseOwner: job.leaseOwner, leaseUntil: job.leaseUntil, status: job.status } },
      {
        $set: {
          status: 'running',
          leaseOwner: this.owner,
          leaseUntil: new Date(now.getTime() + this.options.leaseMs),
          startedAt: job.startedAt ?? now,
        },
        $inc: { claims: 1 },
      },
    );
  }

  /**
   * Writes the job's remaining rows. A failed pass is retried (after a pause, from the
   * last recorded batch) while the lease is held; after MAX_FAILURES the job is withdrawn.
   */
  private async process(jobId: Types.ObjectId): Promise<RunOutcome> {
    this.held.add(String(jobId));
    try {
      return await this.attempt(jobId);
    } finally {
      this.held.delete(String(jobId));
    }
  }

  private async attempt(jobId: Types.ObjectId): Promise<RunOutcome> {
    const { logger } = this.options;
    for (;;) {
      const job = await StationImportJobModel.findById(jobId).lean<StationImportJobDoc>();
      if (!job || job.leaseOwner !== this.owner) return 'lost';
      try {
        if (job.claims > MAX_CLAIMS) throw new GiveUp(`taken over ${job.claims} times`);
        return await this.writeRemaining(job);
      } catch (error) {
        if (error instanceof LeaseLost) {
          logger.warn({ jobId: String(jobId) }, 'station import lease taken over; left to the new runner');
          return 'lost';
        }
        logger.error({ err: error, jobId: String(jobId) }, 'station import pass failed');
        const failures = job.failures + 1;
        if (failures >= MAX_FAILURES || error instanceof GiveUp) return this.withdraw(job);
        const counted = await updateIf(
          StationImportJobModel,
          { key: { _id: job._id }, when: { leaseOwner: this.owner } },
          { $set: { failures, leaseUntil: new Date(Date.now() + this.options.leaseMs) } },
        ).catch(() => false);
        if (!counted) return 'lost';
        await sleep(RETRY_PAUSE_MS * failures);
        if (this.stopping) return this.release(job);
      }
    }
  }

  private async writeRemaining(job: StationImportJobDoc): Promise<RunOutcome> {
    const entries = await this.remainingRows(job);
    for (let start = 0; start < entries.length; start += IMPORT_BATCH_ROWS) {
      if (this.stopping) return this.release(job);
      job = await this.writeBatch(job, entries.slice(start, start + IMPORT_BATCH_ROWS));
    }
    await this.finish(job, { status: 'done' });
    await this.options.files.remove(job.sheet.key).catch(() => undefined);
    this.options.logger.info(
      { jobId: String(job._id), created: job.created, skipped: job.skipped },
      'station import done',
    );
    return 'done';
  }

  /**
   * The rows at or after the job's next row, re-read from the stored sheet, in sheet order.
   * Every row was clean when the sheet was committed; one that no longer is on a resume (its
   * 所属工会 renamed meanwhile) comes back with its problems, to be reported, not dropped.
   */
  private async remainingRows(job: StationImportJobDoc): Promise<JobRow[]> {
    const file = await this.options.files.get(job.sheet.key);
    if (!file) throw new Error(`the sheet of import ${String(job._id)} is gone from the file store`);
    const sheet = await readSheet(file.bytes, job.sheet.kind);
    const defaultOrg = job.defaultOrgId
      ? await OrganizationModel.findById(job.defaultOrgId).lean<OrganizationDoc>()
      : null;
    const { plan } = await readStationSheet(job.scopeOrgIds, sheet, defaultOrg);
    const rows: JobRow[] = plan.stations.map((station) => ({ row: station.row, station }));
    const invalid = new Map<number, ImportProblem[]>();
    for (const problem of plan.problems) invalid.set(problem.row, [...(invalid.get(problem.row) ?? []), problem]);
    for (const [row, problems] of invalid) rows.push({ row, problems });
    return rows.filter((entry) => entry.row >= job.nextRow).sort((a, b) => a.row - b.row);
  }

  private async writeBatch(job: StationImportJobDoc, rows: JobRow[]): Promise<StationImportJobDoc> {
    const batchId = String(job._id);
    const batch = rows.flatMap((entry) => (entry.station ? [entry.station] : []));
    const invalid = rows.flatMap((entry) => entry.problems ?? []);
    const idOf = (entry: PlannedStation) => stationIdFor(job, entry.row);
    // Written by an earlier run of this job that died before recording its progress.
    const mine = new Set(
      (await StationModel.find({ _id: { $in: batch.map(idOf) } }, { _id: 1 }).lean()).map((doc) => String(doc._id)),
    );
    const existing = await existingStationKeys(job.scopeOrgIds, batch, batchId);
    const repeats = batch.filter(
      (entry) => !mine.has(String(idOf(entry))) && existing.has(stationKey(entry.input.name, entry.input.address)),
    );
    const fresh = batch.filter((entry) => !mine.has(String(idOf(entry))) && !repeats.includes(entry));
    if (fresh.length > 0) {
      // This instance's search shows the batch now; the others at their next poll.
      await stationWrites.writeBatch(fresh.length, (firstRevision) =>
        StationModel.insertMany(
          fresh.map((entry, index) => ({
            _id: idOf(entry),
            ...editableFields(entry.input, entry.org),
            status: 'open',
            published: true,
            importBatchId: batchId,
            revision: firstRevision + index,
          })),
        ),
      );
    }
    const problems = [
      ...job.problems,
      ...[
        ...repeats.map((entry) => ({ row: entry.row, column: STATION_SHEET_HEADERS.name, message: ALREADY_IMPORTED })),
        ...invalid,
      ].sort((a, b) => a.row - b.row),
    ].slice(0, MAX_IMPORT_JOB_PROBLEMS);
    const progress = {
      nextRow: rows[rows.length - 1]!.row + 1,
      done: job.done + rows.length,
      created: job.created + fresh.length + mine.size,
      skipped: job.skipped + repeats.length + new Set(invalid.map((problem) => problem.row)).size,
      problems,
      leaseUntil: new Date(Date.now() + this.options.leaseMs),
    };
    const recorded = await updateIf(
      StationImportJobModel,
      { key: { _id: job._id }, when: { leaseOwner: this.owner, nextRow: job.nextRow } },
      { $set: progress },
    );
    if (!recorded) throw new LeaseLost();
    return { ...job, ...progress } as StationImportJobDoc;
  }

  private async finish(job: StationImportJobDoc, outcome: { status: 'done' | 'failed'; failure?: string }) {
    const finished = await updateIf(
      StationImportJobModel,
      { key: { _id: job._id }, when: { leaseOwner: this.owner } },
      {
        $set: {
          status: outcome.status,
          failure: outcome.failure ?? null,
          finishedAt: new Date(),
          leaseOwner: null,
          leaseUntil: null,
        },
        $unset: { activeScope: 1 },
      },
    );
    if (!finished) throw new LeaseLost();
  }

  /** Gives the job back at once, for the next runner to resume (this one is stopping). */
  private async release(job: StationImportJobDoc): Promise<RunOutcome> {
    await updateIf(
      StationImportJobModel,
      { key: { _id: job._id }, when: { leaseOwner: this.owner } },
      { $set: { leaseOwner: null, leaseUntil: null } },
    ).catch(() => false);
    return 'released';
  }

  private async withdraw(job: StationImportJobDoc): Promise<RunOutcome> {
    try {
      await withdrawImport(String(job._id));
      await this.finish(job, { status: 'failed', failure: IMPORT_FAILED_MESSAGE });
      await this.options.files.remove(job.sheet.key).catch(() => undefined);
      return 'failed';
    } catch (error) {
      // The lease runs out and the job is taken again.
      this.options.logger.error({ err: error, jobId: String(job._id) }, 'could not withdraw a failed station import');
      return 'lost';
    }
  }
}

/**
 * The id of the station a job writes for a sheet row: the job's creation time (so
 * newest-first lists stay in order), the job's random seed, and the row number.
 */
export function stationIdFor(job: Pick<StationImportJobDoc, '_id' | 'stationIdSeed'>, row: number): Types.ObjectId {
  const bytes = Buffer.alloc(12);
  bytes.writeUInt32BE(Math.floor(job._id.getTimestamp().getTime() / 1000), 0);
  Buffer.from(job.stationIdSeed, 'hex').copy(bytes, 4, 0, 5);
  bytes.writeUIntBE(row, 9, 3);
  return new Types.ObjectId(bytes);
}

/**
 * Takes back what a failed import wrote: its stations are unpublished with a fresh
 * revision and kept, invisible. Other instances' indexes follow revisions, so a deleted
 * station would stay on their maps, while an unpublished one is dropped at their next poll.
 */
export async function withdrawImport(batchId: string): Promise<void> {
  await stationWrites.write((revision) =>
    StationModel.updateMany({ importBatchId: batchId, published: true }, { $set: { published: false, revision } }),
  );
}

let current: StationImportRunner | null = null;

export function startStationImports(options: ImportRunnerOptions): StationImportRunner {
  const runner = new StationImportRunner(options).start();
  current = runner;
  const stop = runner.stop.bind(runner);
  runner.stop = async () => {
    if (current === runner) current = null;
    await stop();
  };
  return runner;
}

export function stationImports(): StationImportRunner {
  if (!current) throw new Error('station imports have not been started');
  return current;
}
