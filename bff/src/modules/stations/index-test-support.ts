/** In-memory stations and a brute-force reference for the spatial index tests (no database). */
import { AMENITY_CODES, distanceMeters, openingStatus, type LatLng, type OpeningHours } from '@union/shared';
import type { Random } from '../../seeded-random';
import { gaussian, offsetKm } from './generated-stations';
import { indexStation, InternPool, type IndexedStation } from './indexed-station';
import type { BoundingBox, StationIndex } from './station-index';

export const EDGES: Record<string, LatLng> = {
  Mohe: { lat: 53.48, lng: 122.37 },
  Sansha: { lat: 16.83, lng: 112.34 },
  Kashgar: { lat: 39.47, lng: 75.99 },
  Fuyuan: { lat: 48.36, lng: 134.29 },
};
export const CHINA = { minLat: 16.5, maxLat: 53.6, minLng: 73.4, maxLng: 134.8 };

export const day = (open: string, close: string) => [{ open, close }];
export const HOURS: OpeningHours[] = [
  { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] },
  { alwaysOpen: false, weekly: Array.from({ length: 7 }, () => day('08:00', '20:00')), exceptions: [] },
  { alwaysOpen: false, weekly: Array.from({ length: 7 }, () => day('20:00', '08:00')), exceptions: [] },
  { alwaysOpen: false, weekly: [[], [], [], [], [], [], []], exceptions: [] },
];
/** 12:00 on a Wednesday in China: day stations open, night stations closed. */
export const NOON = new Date('2026-07-15T04:00:00Z');
/** 23:30 the same day. */
export const NIGHT = new Date('2026-07-15T15:30:00Z');

export function makeStations(locations: LatLng[], random: Random, firstId = 0): IndexedStation[] {
  const pool = new InternPool();
  return locations.map((location, i) =>
    indexStation(
      {
        // Ids not in the order of the locations, so ties really are broken by id.
        id: (((firstId + i) * 2_654_435_761) % 2 ** 32).toString(16).padStart(24, '0'),
        revision: firstId + i + 1,
        name: `驿站 ${firstId + i}`,
        type: 'union_station',
        hostName: '',
        address: '测试路 1 号',
        phone: '',
        location,
        amenities: AMENITY_CODES.filter(() => random.chance(0.45)),
        status: random.chance(0.1) ? 'closed' : 'open',
        hours: random.pick(HOURS),
        orgId: 'a'.repeat(24),
        orgPath: ['a'.repeat(24)],
      },
      pool,
    ),
  );
}

export interface Query {
  center: LatLng;
  radius: number;
  limit: number;
  amenities: string[];
  openAt: Date | null;
}

/** The reference: every station checked, nothing shared with the index's code but the distance formula. */
export function bruteForceIds(stations: readonly IndexedStation[], query: Query): string[] {
  // Stations share a handful of schedules: evaluate each schedule once per query.
  const openBySchedule = new Map<OpeningHours, boolean>();
  const openAt = query.openAt;
  const isOpen = (hours: OpeningHours) => {
    if (!openBySchedule.has(hours)) openBySchedule.set(hours, openingStatus(hours, openAt!).open);
    return openBySchedule.get(hours)!;
  };
  return stations
    .filter((station) => query.amenities.every((code) => station.amenities.includes(code as never)))
    .filter((station) => openAt === null || (station.status === 'open' && isOpen(station.hours)))
    .map((station) => ({ id: station._id, meters: distanceMeters(query.center, station.location) }))
    .filter((entry) => entry.meters <= query.radius)
    .sort((a, b) => a.meters - b.meters || (a.id < b.id ? -1 : 1))
    .slice(0, query.limit)
    .map((entry) => entry.id);
}

export function indexIds(index: StationIndex, query: Query): string[] {
  const filter = { amenityMask: maskOf(query.amenities), openAt: query.openAt };
  return index.nearest(query.center, query.radius, query.limit, filter).map((found) => found.station._id);
}

export const maskOf = (codes: string[]) =>
  codes.reduce((mask, code) => mask | (1 << (AMENITY_CODES as readonly string[]).indexOf(code)), 0);

export function randomQuery(random: Random, center: LatLng, maxRadius = 20_000): Query {
  return {
    center,
    radius: random.int(100, maxRadius),
    limit: random.int(1, 50),
    amenities: random.chance(0.4) ? AMENITY_CODES.filter(() => random.chance(0.12)) : [],
    openAt: random.chance(0.3) ? random.pick([NOON, NIGHT]) : null,
  };
}

export const uniformPoint = (random: Random): LatLng => ({
  lat: CHINA.minLat + random.next() * (CHINA.maxLat - CHINA.minLat),
  lng: CHINA.minLng + random.next() * (CHINA.maxLng - CHINA.minLng),
});
export const near = (random: Random, centre: LatLng, spreadKm: number) =>
  offsetKm(centre, Math.abs(gaussian(random)) * spreadKm, random.next() * 2 * Math.PI);

export function inBoxIds(index: StationIndex, box: BoundingBox, amenityMask = 0) {
  return index
    .inBox(box, { amenityMask, openAt: null })
    .map((station) => station._id)
    .sort();
}
