/**
 * The in-process spatial index of published stations: a static kd-tree (kdbush)
 * over a base snapshot, plus a small overlay of stations changed since. An overlay
 * entry shadows the base entry with the same id (a changed station) or hides it
 * (unpublished); once the overlay grows past a threshold the base is rebuilt.
 *
 * Answers equal a brute-force great-circle scan with shared `distanceMeters`:
 * geokdbush ranks by its own haversine (Earth radius 6371 km, slightly different
 * rounding), so the index widens its cut-offs by a relative 1e-9 and re-ranks the
 * candidates exactly, with ties broken by id.
 */
import KDBush from 'kdbush';
import { around, distance as geokdbushKm } from 'geokdbush';
import { distanceMeters, EARTH_RADIUS_KM, type LatLng } from '@union/shared';
import { OpeningCache, type IndexedStation } from './indexed-station';

export interface StationFilter {
  /** Stations must have every amenity in this mask (see amenityMaskOf); 0 for any. */
  amenityMask: number;
  /** Only stations open at this instant (and not closed by staff); null for any. */
  openAt: Date | null;
}

export interface NearbyStation {
  station: IndexedStation;
  /** Exact great-circle distance (unrounded), as shared `distanceMeters` gives it. */
  distanceMeters: number;
}

export interface BoundingBox {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/** Changed stations searched by scanning before the kd-tree is rebuilt with them. */
export const DEFAULT_OVERLAY_LIMIT = 500;

/** geokdbush's Earth radius over ours: converts our metres into its kilometres. */
const GEOKDBUSH_KM_PER_METER = 6371 / (EARTH_RADIUS_KM * 1000);
/** Far above the ~1e-15 relative error of either haversine, far below any real distance difference. */
const RELATIVE_SLACK = 1e-9;
const ABSOLUTE_SLACK_KM = 1e-9;
const widen = (km: number) => km * (1 + RELATIVE_SLACK) + ABSOLUTE_SLACK_KM;

interface Base {
  tree: KDBush;
  stations: IndexedStation[];
  positionById: Map<string, number>;
}

interface OverlayEntry {
  revision: number;
  /** null: no longer searchable (unpublished). */
  station: IndexedStation | null;
}

export function byDistanceThenId(a: NearbyStation, b: NearbyStation): number {
  return (
    a.distanceMeters - b.distanceMeters || (a.station._id < b.station._id ? -1 : a.station._id > b.station._id ? 1 : 0)
  );
}

export class StationIndex {
  /** Shared by every search on this index: opening status is worked out once per schedule per minute. */
  readonly openings = new OpeningCache();
  private base: Base;
  private readonly overlay = new Map<string, OverlayEntry>();
  private live: IndexedStation[] | null = null;

  constructor(
    stations: readonly IndexedStation[] = [],
    private readonly overlayLimit = DEFAULT_OVERLAY_LIMIT,
  ) {
    this.base = buildBase(stations);
  }

  /** Every searchable station (cached until the next change). */
  stations(): readonly IndexedStation[] {
    if (!this.live) {
      const live = this.base.stations.filter((station) => !this.overlay.has(station._id));
      for (const entry of this.overlay.values()) if (entry.station) live.push(entry.station);
      this.live = live;
    }
    return this.live;
  }

  get size(): number {
    return this.stations().length;
  }

  get(id: string): IndexedStation | null {
    const entry = this.overlay.get(id);
    if (entry) return entry.station;
    const position = this.base.positionById.get(id);
    return position === undefined ? null : this.base.stations[position]!;
  }

  /** The revision this index holds for a station, searchable or hidden; 0 if it never saw it. */
  revisionOf(id: string): number {
    const entry = this.overlay.get(id);
    if (entry) return entry.revision;
    const position = this.base.positionById.get(id);
    return position === undefined ? 0 : this.base.stations[position]!.revision;
  }

  /** Adds or replaces a station; an older or equal revision than the one held is ignored. */
  upsert(station: IndexedStation): boolean {
    if (station.revision <= this.revisionOf(station._id)) return false;
    this.overlay.set(station._id, { revision: station.revision, station });
    this.changed();
    return true;
  }

  /** Makes a station unsearchable (unpublished) as of this revision. */
  hide(id: string, revision: number): boolean {
    const known = this.revisionOf(id);
    // 0: never indexed, so there is nothing to hide and nothing to remember.
    if (known === 0 || revision <= known) return false;
    this.overlay.set(id, { revision, station: null });
    this.changed();
    return true;
  }

  /** The nearest `limit` matching stations within the radius, by distance then id. */
  nearest(center: LatLng, radiusMeters: number, limit: number, filter: StationFilter): NearbyStation[] {
    const matches = this.matcher(filter);
    const found = this.nearestInBase(center, radiusMeters, limit, matches);
    for (const { station } of this.overlay.values()) {
      if (!station || !matches(station)) continue;
      const meters = distanceMeters(center, station.location);
      if (meters <= radiusMeters) found.push({ station, distanceMeters: meters });
    }
    return found.sort(byDistanceThenId).slice(0, limit);
  }

  /** Every matching station inside the box (edges included), in no particular order. */
  inBox(box: BoundingBox, filter: StationFilter): IndexedStation[] {
    const matches = this.matcher(filter);
    const { tree, stations } = this.base;
    const found: IndexedStation[] = [];
    for (const position of tree.range(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
      const station = stations[position]!;
      if (!this.overlay.has(station._id) && matches(station)) found.push(station);
    }
    for (const { station } of this.overlay.values()) {
      if (station && insideBox(station.location, box) && matches(station)) found.push(station);
    }
    return found;
  }

  matcher(filter: StationFilter): (station: IndexedStation) => boolean {
    const { amenityMask, openAt } = filter;
    const openings = this.openings;
    return (station) =>
      (station.amenityMask & amenityMask) === amenityMask && (openAt === null || openings.isOpen(station, openAt));
  }

  /**
   * The exact `limit` nearest of the base. geokdbush's predicate applies the filters
   * while it walks the tree, so stations filtered out never take a place in the
   * limit. One extra result tells whether the cut-off is clear: if the next station
   * is farther by more than the rounding slack, the first `limit` are exactly the
   * nearest; otherwise (stations at identical or near-identical distances straddle
   * the cut-off) everything up to the cut-off distance is fetched and ranked by id.
   */
  private nearestInBase(
    center: LatLng,
    radiusMeters: number,
    limit: number,
    matches: (station: IndexedStation) => boolean,
  ): NearbyStation[] {
    const { tree, stations } = this.base;
    const overlay = this.overlay;
    const predicate =
      overlay.size === 0
        ? (position: number) => matches(stations[position]!)
        : (position: number) => !overlay.has(stations[position]!._id) && matches(stations[position]!);
    const maxKm = widen(radiusMeters * GEOKDBUSH_KM_PER_METER);
    let positions = around(tree, center.lng, center.lat, limit + 1, maxKm, predicate);
    if (positions.length > limit) {
      const kmTo = (position: number) => {
        const { lng, lat } = stations[position]!.location;
        return geokdbushKm(center.lng, center.lat, lng, lat);
      };
      const cutoffKm = kmTo(positions[limit - 1]!);
      positions =
        kmTo(positions[limit]!) > widen(cutoffKm)
          ? positions.slice(0, limit)
          : around(tree, center.lng, center.lat, Infinity, Math.min(maxKm, widen(cutoffKm)), predicate);
    }
    const found: NearbyStation[] = [];
    for (const position of positions) {
      const station = stations[position]!;
      const meters = distanceMeters(center, station.location);
      if (meters <= radiusMeters) found.push({ station, distanceMeters: meters });
    }
    return found;
  }

  private changed() {
    this.live = null;
    if (this.overlay.size > this.overlayLimit) {
      this.base = buildBase(this.stations());
      this.overlay.clear();
    }
  }
}

export function insideBox(point: LatLng, box: BoundingBox): boolean {
  return point.lat >= box.minLat && point.lat <= box.maxLat && point.lng >= box.minLng && point.lng <= box.maxLng;
}

function buildBase(stations: readonly IndexedStation[]): Base {
  const tree = new KDBush(stations.length, 32, Float64Array);
  const positionById = new Map<string, number>();
  stations.forEach((station, position) => {
    tree.add(station.location.lng, station.location.lat);
    positionById.set(station._id, position);
  });
  tree.finish();
  return { tree, stations: [...stations], positionById };
}
