/**
 * How far behind the stations collection this instance's search index is, read when
 * Prometheus scrapes. Each instance polls `revision > seen` (station-index-sync.ts), so a lag
 * that stays above zero, or a sync age far beyond STATION_INDEX_POLL_MS, means its poller is
 * stuck and searches on this instance miss recent edits.
 */
import { Gauge, type Registry } from 'prom-client';
import { StationModel } from './station.model';
import type { StationSearch } from './station-search';

export function registerStationIndexMetrics(registry: Registry, search: StationSearch): void {
  new Gauge({
    name: 'station_index_revision_lag',
    help: 'Newest station revision in the database minus the newest one this instance has applied to its search index.',
    registers: [registry],
    async collect() {
      const progress = search.progress();
      const newest = progress && (await newestRevisionOrNull());
      this.reset();
      // A write holding a revision lands a moment after a poll may read past it: never below zero.
      if (progress && newest !== null) this.set(Math.max(0, newest - progress.revision));
    },
  });
  new Gauge({
    name: 'station_index_sync_age_seconds',
    help: 'Seconds since this instance last finished reading station changes into its search index.',
    registers: [registry],
    collect() {
      const progress = search.progress();
      this.reset();
      if (progress) this.set((Date.now() - progress.syncedAt) / 1000);
    },
  });
}

/** One read on the revision index; null when the database does not answer (the gauge is left out). */
async function newestRevisionOrNull(): Promise<number | null> {
  try {
    const newest = await StationModel.findOne({}, { revision: 1 }).sort({ revision: -1 }).lean().exec();
    return newest?.revision ?? 0;
  } catch {
    return null;
  }
}
