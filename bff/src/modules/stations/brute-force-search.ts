/**
 * Benchmark only (STATION_SEARCH=bruteforce): the same questions answered by scanning
 * every station, the baseline `pnpm bench` measures the spatial index against.
 */
import { distanceMeters, type LatLng } from '@union/shared';
import type { IndexedStation } from './indexed-station';
import { byDistanceThenId, insideBox, type BoundingBox, type NearbyStation } from './station-index';

export function bruteForceNearest(
  stations: readonly IndexedStation[],
  matches: (station: IndexedStation) => boolean,
  center: LatLng,
  radiusMeters: number,
  limit: number,
): NearbyStation[] {
  const found: NearbyStation[] = [];
  for (const station of stations) {
    if (!matches(station)) continue;
    const meters = distanceMeters(center, station.location);
    if (meters <= radiusMeters) found.push({ station, distanceMeters: meters, position: -1 });
  }
  return found.sort(byDistanceThenId).slice(0, limit);
}

export function bruteForceInBox(
  stations: readonly IndexedStation[],
  matches: (station: IndexedStation) => boolean,
  box: BoundingBox,
): IndexedStation[] {
  return stations.filter((station) => insideBox(station.location, box) && matches(station));
}
