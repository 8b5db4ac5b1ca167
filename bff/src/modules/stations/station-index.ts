/**
 * The in-process spatial index of published stations: a static kd-tree (kdbush)
 * over a base snapshot, plus a small overlay of stations changed since. An overlay
 * entry shadows the base entry with the same id (a changed station) or hides it
 * (unpublished); once the overlay grows past a threshold the base is rebuilt.
 *
 * Answers equal a brute-force great-circle scan with shared `distanceMeters`, ties
 * broken by id: the tree gives every station in a box around the disc, and only exact
 * distances rank them (spatial/nearest-in-tree.ts).
 */
import { distanceMeters, type LatLng, type OpeningHours } from '@union/shared';
import { GeoPoints, nearestPoints } from '../../spatial/nearest-in-tree';
import { MINUTE_MS, OpeningCache, type IndexedStation } from './indexed-station';

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
  /**
   * Its position in the index's base (`StationIndex.base`), or -1: edited since the base was
   * built, or found by a scan. What is kept by position is read without touching the station
   * object, which sits somewhere in a large heap (a cache miss per station).
   */
  position: number;
}

/** The index's base as the answer writer sees it: what it keeps by position. */
export interface IndexBase {
  readonly size: number;
  /** Each position's schedule (an index into `schedules`), or -1 when closed by staff. */
  readonly scheduleOf: Int32Array;
  readonly schedules: readonly OpeningHours[];
}

export interface BoundingBox {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/** Changed stations searched by scanning before the kd-tree is rebuilt with them. */
export const DEFAULT_OVERLAY_LIMIT = 500;

interface Base extends IndexBase {
  points: GeoPoints;
  /** By position: the points' spatial order. */
  stations: IndexedStation[];
  /** As given: what scans read (in the order the entries were made, as memory holds them). */
  given: readonly IndexedStation[];
  /** Each station's amenityMask, beside the coordinates: the filter most searches apply. */
  amenityMasks: Int32Array;
  /** The distinct (interned) opening hours of the stations. */
  schedules: OpeningHours[];
  /** Whether each schedule is open in one minute (0 not yet known, 1 open, 2 shut): the open-now filter. */
  openInMinute: { minute: number; states: Int8Array } | null;
  /** Stations per schedule (closed by staff not counted): how many are open in a minute. */
  scheduleSizes: Int32Array;
  /** The share of open stations in one minute: how selective the open-now filter is. */
  openShare: { minute: number; share: number } | null;
  /** The share of stations having each amenity (by its bit in the masks). */
  amenityShares: Float64Array;
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
      const live = this.base.given.filter((station) => !this.overlay.has(station._id));
      for (const entry of this.overlay.values()) if (entry.station) live.push(entry.station);
      this.live = live;
    }
    return this.live;
  }

  get size(): number {
    return this.stations().length;
  }

  /** The base the positions of `nearest`'s answers refer to (until the next rebuild). */
  get currentBase(): IndexBase {
    return this.base;
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
    const found = this.nearestInBase(center, radiusMeters, limit, filter);
    if (this.overlay.size > 0) {
      const matches = this.matcher(filter);
      for (const { station } of this.overlay.values()) {
        if (!station || !matches(station)) continue;
        const meters = distanceMeters(center, station.location);
        if (meters <= radiusMeters) found.push({ station, distanceMeters: meters, position: -1 });
      }
      return found.sort(byDistanceThenId).slice(0, limit);
    }
    // The base's come nearest first: only stations exactly as far as each other need their ids.
    breakTiesById(found);
    if (found.length > limit) found.length = limit;
    return found;
  }

  /** Every matching station inside the box (edges included), in no particular order. */
  inBox(box: BoundingBox, filter: StationFilter): IndexedStation[] {
    const matches = this.matcher(filter);
    const { points, stations } = this.base;
    const found: IndexedStation[] = [];
    for (const position of points.tree.range(box.minLng, box.minLat, box.maxLng, box.maxLat)) {
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

  /** The `limit` nearest of the base, nearest first, and any tied with the last of them (nearest() breaks ties by id). */
  private nearestInBase(center: LatLng, radiusMeters: number, limit: number, filter: StationFilter): NearbyStation[] {
    const base = this.base;
    const { points, stations, amenityMasks } = base;
    const overlay = this.overlay;
    const { amenityMask, openAt } = filter;
    const isOpen = openAt === null ? null : this.baseOpenAt(openAt);
    const found = nearestPoints(points, {
      center,
      radiusMeters,
      limit,
      matchingShare:
        amenityShareOf(base, amenityMask) * (openAt === null ? 1 : openShareAt(base, openAt, this.openings)),
      matches: (position) =>
        (amenityMasks[position]! & amenityMask) === amenityMask &&
        (overlay.size === 0 || !overlay.has(stations[position]!._id)) &&
        (isOpen === null || isOpen(position)),
    });
    return found.map(({ position, meters }) => ({ station: stations[position]!, distanceMeters: meters, position }));
  }

  /** Whether a base station is open at an instant, worked out once per schedule per minute. */
  private baseOpenAt(at: Date): (position: number) => boolean {
    const base = this.base;
    const minute = Math.floor(at.getTime() / MINUTE_MS);
    if (base.openInMinute?.minute !== minute) {
      base.openInMinute = { minute, states: new Int8Array(base.schedules.length) };
    }
    const { states } = base.openInMinute;
    const { scheduleOf, schedules } = base;
    const openings = this.openings;
    return (position) => {
      const schedule = scheduleOf[position]!;
      if (schedule < 0) return false;
      if (states[schedule] === 0) {
        states[schedule] = openings.isOpen({ status: 'open', hours: schedules[schedule]! }, at) ? 1 : 2;
      }
      return states[schedule] === 1;
    };
  }

  private changed() {
    this.live = null;
    if (this.overlay.size > this.overlayLimit) {
      this.base = buildBase(this.stations());
      this.overlay.clear();
    }
  }
}

/**
 * About what share of the base's stations have every amenity of the mask: the product of each
 * amenity's share, as if riders' amenities came independently (a guess for the first disc,
 * read in a few multiplications; never a scan on the request's path, whatever mask is asked).
 */
function amenityShareOf(base: Base, mask: number): number {
  let share = 1;
  for (let bit = 0, rest = mask; rest !== 0; bit++, rest >>>= 1) if (rest & 1) share *= base.amenityShares[bit]!;
  return share;
}

/** The share of the base's stations open at an instant: worked out once per minute, per schedule. */
function openShareAt(base: Base, at: Date, openings: OpeningCache): number {
  const minute = Math.floor(at.getTime() / MINUTE_MS);
  if (base.openShare?.minute !== minute) {
    let open = 0;
    base.schedules.forEach((hours, schedule) => {
      if (openings.isOpen({ status: 'open', hours }, at)) open += base.scheduleSizes[schedule]!;
    });
    base.openShare = { minute, share: base.size === 0 ? 1 : open / base.size };
  }
  return base.openShare.share;
}

/** Puts stations at exactly the same distance (in a list nearest first) in order of id. */
function breakTiesById(found: NearbyStation[]): void {
  for (let start = 0; start < found.length;) {
    let end = start + 1;
    while (end < found.length && found[end]!.distanceMeters === found[start]!.distanceMeters) end++;
    if (end - start > 1) found.splice(start, end - start, ...found.slice(start, end).sort(byDistanceThenId));
    start = end;
  }
}

export function insideBox(point: LatLng, box: BoundingBox): boolean {
  return point.lat >= box.minLat && point.lat <= box.maxLat && point.lng >= box.minLng && point.lng <= box.maxLng;
}

function buildBase(unordered: readonly IndexedStation[]): Base {
  const points = new GeoPoints(unordered.map((station) => station.location));
  const stations = Array.from(points.order, (given) => unordered[given]!);
  const positionById = new Map<string, number>();
  const amenityMasks = new Int32Array(stations.length);
  const scheduleOf = new Int32Array(stations.length);
  const scheduleIds = new Map<OpeningHours, number>();
  stations.forEach((station, position) => {
    positionById.set(station._id, position);
    amenityMasks[position] = station.amenityMask;
    let schedule = scheduleIds.get(station.hours);
    if (schedule === undefined) scheduleIds.set(station.hours, (schedule = scheduleIds.size));
    scheduleOf[position] = station.status === 'closed' ? -1 : schedule;
  });
  const schedules = [...scheduleIds.keys()];
  const scheduleSizes = new Int32Array(schedules.length);
  for (const schedule of scheduleOf) if (schedule >= 0) scheduleSizes[schedule]!++;
  const amenityShares = new Float64Array(32);
  for (const mask of amenityMasks) {
    for (let bit = 0, rest = mask; rest !== 0; bit++, rest >>>= 1) if (rest & 1) amenityShares[bit]!++;
  }
  if (stations.length > 0) amenityShares.forEach((count, bit) => (amenityShares[bit] = count / stations.length));
  return {
    size: stations.length,
    points,
    stations,
    given: [...unordered],
    amenityMasks,
    scheduleOf,
    schedules,
    openInMinute: null,
    scheduleSizes,
    openShare: null,
    amenityShares,
    positionById,
  };
}
