/**
 * Keeps one instance's StationIndex in step with the stations collection: everything
 * is loaded at start-up, then a poller reads the stations written since (by the
 * shared revision sequence) every few seconds, and at once after a local write.
 * Every BFF instance runs its own, so each sees every instance's writes within
 * one poll interval.
 */
import type { Logger } from '../../logger';
import {
  INDEXED_FIELDS,
  InternPool,
  indexStoredStation,
  type IndexedStation,
  type IndexedStationDoc,
} from './indexed-station';
import { RevisionWatermark, START_UP_GAP_WINDOW, DEFAULT_GAP_GRACE_MS } from './revision-watermark';
import { StationIndex, DEFAULT_OVERLAY_LIMIT } from './station-index';
import { StationModel } from './station.model';

export interface StationIndexSyncOptions {
  pollMs: number;
  logger: Logger;
  gapGraceMs?: number;
  overlayLimit?: number;
}

export interface StationSyncProgress {
  revision: number;
  /** Epoch milliseconds. */
  syncedAt: number;
}

export class StationIndexSync {
  private timer: NodeJS.Timeout | null = null;
  /** The last poll started; the next one waits for it. */
  private chain: Promise<void> = Promise.resolve();
  /** A poll requested but not yet started: later requests share it. */
  private queued: Promise<void> | null = null;
  private stopped = false;
  /** When the index last finished reading the collection (its load, then each poll). */
  private syncedAt = Date.now();

  private constructor(
    readonly index: StationIndex,
    private readonly watermark: RevisionWatermark,
    private readonly pool: InternPool,
    private readonly options: StationIndexSyncOptions,
  ) {}

  /** Loads every station, then polls until stopped. */
  static async start(options: StationIndexSyncOptions): Promise<StationIndexSync> {
    const started = Date.now();
    const pool = new InternPool();
    const watermark = new RevisionWatermark(options.gapGraceMs ?? DEFAULT_GAP_GRACE_MS);
    const stations: IndexedStation[] = [];
    const revisions: number[] = [];
    // Unpublished stations are read too: their revisions count as seen. A station
    // written while this scan runs is caught by the first polls, either above the
    // highest revision read or as a gap below it.
    const cursor = StationModel.find({}, INDEXED_FIELDS).lean<IndexedStationDoc>().cursor({ batchSize: 2000 });
    for await (const doc of cursor) {
      revisions.push(doc.revision);
      if (doc.published) stations.push(indexStoredStation(doc, pool));
    }
    watermark.observe(revisions, START_UP_GAP_WINDOW);
    const index = new StationIndex(stations, options.overlayLimit ?? DEFAULT_OVERLAY_LIMIT);
    options.logger.info(
      { stations: stations.length, revision: watermark.highestSeen, ms: Date.now() - started },
      'station index loaded',
    );
    const sync = new StationIndexSync(index, watermark, pool, options);
    sync.scheduleNextPoll();
    return sync;
  }

  /**
   * Catches up now. Resolves once a poll that started after this call has finished,
   * so a writer that awaits it finds its own write searchable.
   */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.queued) {
      const poll = this.chain.then(() => {
        this.queued = null;
        return this.pollOnce();
      });
      this.queued = poll;
      this.chain = poll.catch(() => undefined);
    }
    return this.queued;
  }

  /** The highest station revision applied, and when the last read finished (for the metrics). */
  get progress(): StationSyncProgress {
    return { revision: this.watermark.highestSeen, syncedAt: this.syncedAt };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }

  private scheduleNextPoll() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'station index poll failed'))
        .finally(() => this.scheduleNextPoll());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    const docs = await StationModel.find({ revision: { $gt: this.watermark.floor() } }, INDEXED_FIELDS)
      .sort({ revision: 1 })
      .lean<IndexedStationDoc[]>();
    let applied = 0;
    for (const doc of docs) {
      const id = String(doc._id);
      if (doc.revision <= this.index.revisionOf(id)) continue; // re-read below the watermark, already applied
      const changed = doc.published
        ? this.index.upsert(indexStoredStation(doc, this.pool))
        : this.index.hide(id, doc.revision);
      if (changed) applied += 1;
    }
    this.watermark.observe(docs.map((doc) => doc.revision));
    this.syncedAt = Date.now();
    if (applied > 0)
      this.options.logger.debug({ applied, revision: this.watermark.highestSeen }, 'station index caught up');
  }
}
