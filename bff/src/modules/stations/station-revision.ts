/**
 * Station writes. One revision sequence for all stations, so an instance that has seen
 * revision N only needs `revision > N` to catch up; every write goes through `stationWrites`,
 * which stamps it and has this instance's search index catch up before the writer answers.
 */
import { revisionedWrites } from '../../db/revisioned-write';
import { stationsChanged } from './station-search';

export const stationWrites = revisionedWrites({ sequence: 'stationRevision', refresh: stationsChanged });
