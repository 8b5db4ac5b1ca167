import { nextSequence } from '../../db/counters';

/**
 * The revision to stamp on a station write. One sequence for all stations, so an
 * instance that has seen revision N only needs `revision > N` to catch up.
 */
export function nextStationRevision(): Promise<number> {
  return nextSequence('stationRevision');
}

/** A block of `count` consecutive revisions for a batch write (a sheet import); returns the first. */
export async function reserveStationRevisions(count: number): Promise<number> {
  const last = await nextSequence('stationRevision', count);
  return last - count + 1;
}
