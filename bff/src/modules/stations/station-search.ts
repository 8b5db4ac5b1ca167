/**
 * The running station search of this BFF instance: its spatial index and how it is
 * kept current. server.ts starts it after connecting to the database and stops it
 * before disconnecting; modules that write stations call `stationsChanged()`.
 */
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { generateNationalStations } from './generated-stations';
import { StationIndex } from './station-index';
import { StationIndexSync, type StationSyncProgress } from './station-index-sync';

export interface StationSearch {
  readonly index: StationIndex;
  /** `bruteforce` only for the benchmark's baseline (the configuration refuses it in production). */
  readonly strategy: Config['STATION_SEARCH'];
  refresh(): Promise<void>;
  /** How far the index has read the stations collection; null for a generated benchmark dataset. */
  progress(): StationSyncProgress | null;
  stop(): Promise<void>;
}

let current: StationSearch | null = null;

export async function startStationSearch(config: Config, logger: Logger): Promise<StationSearch> {
  let running: Omit<StationSearch, 'strategy' | 'progress'> & { progress?: StationSyncProgress };
  if (config.STATION_BENCH_DATASET !== undefined) {
    const started = Date.now();
    const index = new StationIndex(generateNationalStations(config.STATION_BENCH_DATASET));
    logger.warn(
      { stations: index.size, ms: Date.now() - started, strategy: config.STATION_SEARCH },
      'station search serves a generated benchmark dataset, not the database',
    );
    running = { index, refresh: async () => undefined, stop: async () => undefined };
  } else {
    running = await StationIndexSync.start({ pollMs: config.STATION_INDEX_POLL_MS, logger });
  }
  const search: StationSearch = {
    index: running.index,
    strategy: config.STATION_SEARCH,
    refresh: () => running.refresh(),
    progress: () => running.progress ?? null,
    stop: async () => {
      if (current === search) current = null;
      await running.stop();
    },
  };
  current = search;
  return search;
}

export function stationSearch(): StationSearch {
  if (!current) throw new Error('station search has not been started');
  return current;
}

/**
 * Call after writing a station (with a new revision): this instance's index catches
 * up now instead of at the next poll; awaiting it makes the write searchable before
 * answering. Other instances catch up at their next poll. Never throws: the poller
 * retries on its own.
 */
export async function stationsChanged(): Promise<void> {
  await current?.refresh().catch(() => undefined);
}
