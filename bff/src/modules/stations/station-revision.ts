import { nextSequence } from '../../db/counters';

/**
 * The revision to stamp on a station write. One sequence for all stations, so an
 * instance that has seen revision N only needs `revision > N` to catch up.
 */
export function nextStationRevision(): Promise<number> {
  return nextSequence('stationRevision');
}
