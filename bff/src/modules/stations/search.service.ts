/** The public station finder: nearest stations, map markers, districts, detail. */
import type { z } from 'zod';
import type {
  LatLng,
  NearbyStationsQuerySchema,
  StationAreasSchema,
  StationDetailQuerySchema,
  StationsInViewQuerySchema,
} from '@union/shared';
import { NotFoundError, ValidationError } from '../../http/errors';
import { OrganizationModel } from '../organizations/organization.model';
import { organizationNames } from '../organizations/service';
import { bruteForceInBox, bruteForceNearest } from './brute-force-search';
import { amenityMaskOf, type IndexedStation } from './indexed-station';
import { markersInView, round6 } from './map-markers';
import { presentStationDetail } from './presenter';
import type { NearbyStation, StationFilter } from './station-index';
import { nearbyStationsJson } from './summary-json';
import { stationSearch } from './station-search';
import { StationModel, type StationDoc } from './station.model';

const filterOf = (query: { amenities?: string[]; openNow?: boolean }, now: Date): StationFilter => ({
  amenityMask: amenityMaskOf(query.amenities ?? []),
  openAt: query.openNow ? now : null,
});

/** The nearest stations for a rider, ranked (with `openFirst`, the open ones first). */
export function findNearbyStations(query: z.output<typeof NearbyStationsQuerySchema>, now: Date): NearbyStation[] {
  const { index, strategy } = stationSearch();
  const from = { lat: query.lat, lng: query.lng };
  const nearest = (filter: StationFilter) =>
    strategy === 'bruteforce'
      ? bruteForceNearest(index.stations(), index.matcher(filter), from, query.radius, query.limit)
      : index.nearest(from, query.radius, query.limit, filter);
  const filter = filterOf(query, now);
  if (query.order !== 'openFirst' || query.openNow) return nearest(filter);
  // A rider heading for the second-nearest station must not find it shut: the nearest open
  // ones come first, and closed ones (the nearest of them) only fill what is left of the limit,
  // so they are looked for only when fewer open ones than the limit are within reach.
  const open = nearest({ amenityMask: filter.amenityMask, openAt: now });
  if (open.length === query.limit) return open;
  const openIds = new Set(open.map(({ station }) => station._id));
  const rest = nearest(filter).filter(({ station }) => !openIds.has(station._id));
  return [...open, ...rest].slice(0, query.limit);
}

/** The rider's answer, serialised from cached fragments: the product's hottest path. */
export function nearbyStations(query: z.output<typeof NearbyStationsQuerySchema>, now: Date) {
  const { index } = stationSearch();
  const found = findNearbyStations(query, now);
  return nearbyStationsJson(found, (station) => index.openings.openingOf(station, now), index.currentBase);
}

export function stationsInView(query: z.output<typeof StationsInViewQuerySchema>, now: Date) {
  // A view across the antimeridian never happens in China; refusing it keeps the grid simple.
  if (query.minLng > query.maxLng) throw ValidationError([{ path: 'maxLng', message: '地图范围不正确' }]);
  const { index, strategy } = stationSearch();
  const filter = filterOf(query, now);
  const stations =
    strategy === 'bruteforce'
      ? bruteForceInBox(index.stations(), index.matcher(filter), query)
      : index.inBox(query, filter);
  return {
    markers: markersInView(stations, query, (station) => index.openings.isOpen(station, now)),
    total: stations.length,
  };
}

type StationAreas = z.output<typeof StationAreasSchema>;
/** Districts change rarely and stations slowly: a short cache spares the organisation lookup and a full scan. */
export const AREAS_CACHE_MS = 30_000;
let areasCache: { index: object; at: number; areas: StationAreas } | null = null;

/** Each district federation's stations' centre, and the centre of all: where to look without a location. */
export async function stationAreas(now = Date.now()): Promise<StationAreas> {
  const { index } = stationSearch();
  if (areasCache && areasCache.index === index && now - areasCache.at < AREAS_CACHE_MS) return areasCache.areas;
  const districts = await OrganizationModel.find({ level: 'district' }, { name: 1, sortOrder: 1 })
    .sort({ sortOrder: 1 })
    .lean();
  type Sum = { lat: number; lng: number; count: number };
  const sums = new Map(districts.map((org) => [String(org._id), { org, lat: 0, lng: 0, count: 0 }]));
  // Organisation paths are interned (one array per organisation): resolve each path once.
  const districtOfPath = new Map<readonly string[], Sum | undefined>();
  const all: Sum = { lat: 0, lng: 0, count: 0 };
  const add = (sum: Sum, station: IndexedStation) => {
    sum.lat += station.location.lat;
    sum.lng += station.location.lng;
    sum.count += 1;
  };
  for (const station of index.stations()) {
    add(all, station);
    if (!districtOfPath.has(station.orgPath)) {
      const districtId = station.orgPath.find((id) => sums.has(id));
      districtOfPath.set(station.orgPath, districtId === undefined ? undefined : sums.get(districtId));
    }
    const district = districtOfPath.get(station.orgPath);
    if (district) add(district, station);
  }
  const centre = (sum: Sum): LatLng => ({
    lat: round6(sum.lat / sum.count),
    lng: round6(sum.lng / sum.count),
  });
  const areas: StationAreas = {
    areas: [...sums.values()]
      .filter((sum) => sum.count > 0)
      .map((sum) => ({ orgId: String(sum.org._id), name: sum.org.name, center: centre(sum), stationCount: sum.count })),
    cityCenter: all.count > 0 ? centre(all) : null,
  };
  areasCache = { index, at: now, areas };
  return areas;
}

/** A published station as the public sees it; closed ones stay viewable. */
export async function publicStationDetail(id: string, query: z.output<typeof StationDetailQuerySchema>, now: Date) {
  if ((query.lat === undefined) !== (query.lng === undefined)) {
    const missing = query.lat === undefined ? 'lat' : 'lng';
    throw ValidationError([{ path: missing, message: '请同时提供经度和纬度' }]);
  }
  const station = await StationModel.findOne({ _id: id, published: true }).lean<StationDoc>();
  if (!station) throw NotFoundError('驿站不存在或已下线');
  const names = await organizationNames([station.orgId]);
  const from = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  return presentStationDetail(station, { from, now, orgName: names.get(String(station.orgId)) ?? '' });
}
