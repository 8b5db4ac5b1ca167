/**
 * Exact nearest points on a kdbush tree of [lng, lat] by great-circle distance.
 *
 * geokdbush walks the tree with a priority queue and a haversine per node and per point;
 * for the short radii riders search (a few km, tens of results) that costs more than the
 * answer needs. This search asks the tree for a bounding box instead (comparisons only),
 * measures the matching points in it exactly with shared `distanceMeters`, and widens the
 * box until enough points are found. The box always contains the whole disc, so the points
 * found within r are all the matching points within r: ranking them and keeping the first
 * `limit` gives exactly what a brute-force scan gives, ties included.
 */
import KDBush from 'kdbush';
import { cosLatitude, EARTH_RADIUS_KM, haversineMeters, type LatLng } from '@union/shared';
import { CellCounts } from './cell-counts';

export interface PointAtDistance {
  /** The point's position (GeoPoints.order maps it to the list given). */
  position: number;
  /** Exact great-circle distance from the centre, as shared `distanceMeters` gives it. */
  meters: number;
}

export interface NearestQuery {
  center: LatLng;
  radiusMeters: number;
  limit: number;
  matches(position: number): boolean;
  /**
   * About what share of the points `matches` lets through (a guess, 0 to 1; 1 if not given):
   * the first disc is sized to hold `limit` of those, so a selective filter is not searched
   * for in a disc that then has to widen.
   */
  matchingShare?: number;
}

/**
 * Points in a kd-tree, kept in the tree's own order: points near each other in space are near
 * each other in memory, so a search reads a few contiguous runs of the tree's coordinates
 * (and of whatever else is kept by position) instead of a cache miss per candidate (objects
 * scattered over the heap cost one each).
 */
export class GeoPoints {
  readonly tree: KDBush;
  /** The position of each given location: `order[position]` is its index in the list given. */
  readonly order: Uint32Array;
  /** cos(latitude) of each point, by position (the tree's own coordinates hold lng and lat). */
  readonly cosLatitudes: Float64Array;
  /** Points in the 3×3 density cells around each cell (see cellOf): where a search should start. */
  private readonly nearCellCounts: CellCounts;

  constructor(locations: readonly LatLng[]) {
    this.tree = new KDBush(locations.length, 32, Float64Array);
    for (const { lat, lng } of locations) this.tree.add(lng, lat);
    this.tree.finish();
    // The tree sorted its entries; its ids say which location each holds. Positions become the
    // tree's own order (one build, no second tree): the ids are renumbered to match.
    this.order = Uint32Array.from(this.tree.ids);
    this.tree.ids.forEach((_, position) => (this.tree.ids[position] = position));
    this.cosLatitudes = new Float64Array(locations.length);
    const cellCounts = new Map<number, number>();
    this.order.forEach((given, position) => {
      const { lat, lng } = locations[given]!;
      this.cosLatitudes[position] = cosLatitude(lat);
      const cell = cellOf(lat, lng);
      cellCounts.set(cell, (cellCounts.get(cell) ?? 0) + 1);
    });
    // Summed once here, so a search reads one number instead of nine scattered ones.
    this.nearCellCounts = new CellCounts(cellCounts.size * 9);
    for (const [cell, count] of cellCounts) {
      for (let dRow = -1; dRow <= 1; dRow++) {
        for (let dColumn = -1; dColumn <= 1; dColumn++) {
          const near = cell + dRow * ROW + dColumn;
          // Below the south pole's row: no centre lies there (cells of points are never negative).
          if (near >= 0) this.nearCellCounts.add(near, count);
        }
      }
    }
  }

  /**
   * A first radius expected to hold `wanted` points, from the 3×3 density cells around the
   * centre; where they are empty, their extent (a wider search follows if needed).
   */
  firstRadiusMeters(center: LatLng, wanted: number): number {
    const count = this.nearCellCounts.get(cellOf(center.lat, center.lng));
    const cellKm = KM_PER_DEGREE / CELLS_PER_DEGREE;
    const areaKm2 = 9 * cellKm * cellKm * Math.max(0.01, cosLatitude(center.lat));
    // Nothing in the 3×3 cells: start at their half-width.
    if (count === 0) return 1.5 * cellKm * 1000;
    const km = Math.sqrt((FIRST_DISC_MARGIN * wanted * areaKm2) / (Math.PI * count));
    return Math.max(MIN_FIRST_RADIUS_METERS, km * 1000);
  }
}

/** The density cell of a point: whole cells of 1/CELLS_PER_DEGREE degree, numbered row by row. */
function cellOf(lat: number, lng: number): number {
  const row = Math.floor((lat + 90) * CELLS_PER_DEGREE);
  const column = Math.floor((lng + 180) * CELLS_PER_DEGREE);
  return row * ROW + column;
}

/** Cells of the density grid the first radius is chosen from: about 2 km at the equator. */
const CELLS_PER_DEGREE = 50;
/** Cells per row of the grid: the cell north of a cell is this much further on. */
const ROW = 360 * CELLS_PER_DEGREE;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;
/** The first disc should hold about this many times the points wanted (area is a guess). */
const FIRST_DISC_MARGIN = 1.5;
const MIN_FIRST_RADIUS_METERS = 100;
/** A filter guessed to let almost nothing through still starts from a disc of finite size. */
const MIN_MATCHING_SHARE = 0.01;
/**
 * Box edges widened beyond the disc: far above the rounding of either the box's trigonometry
 * or `distanceMeters` (both ~1e-15 relative), far below anything that matters. A wider box
 * only adds candidates, which the exact distance then turns away.
 */
const RELATIVE_SLACK = 1e-9;
const ABSOLUTE_SLACK_DEGREES = 1e-9;

const EARTH_RADIUS_METERS = EARTH_RADIUS_KM * 1000;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const widen = (degrees: number) => degrees * (1 + RELATIVE_SLACK) + ABSOLUTE_SLACK_DEGREES;

export interface LngLatBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/**
 * Boxes (one, or two across the antimeridian) holding every point within `meters` of the
 * centre on the sphere: latitude within the angular radius; longitude within
 * asin(sin δ / cos φ), or all longitudes when the disc reaches a pole.
 */
export function boxesAround(center: LatLng, meters: number): LngLatBox[] {
  const angle = meters / EARTH_RADIUS_METERS;
  const dLat = widen(toDegrees(angle));
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const sine = angle >= Math.PI / 2 ? 1 : Math.sin(angle) / Math.cos(toRadians(center.lat));
  if (minLat <= -90 || maxLat >= 90 || !(sine < 1)) return [{ minLng: -180, minLat, maxLng: 180, maxLat }];
  const dLng = widen(toDegrees(Math.asin(sine)));
  const minLng = center.lng - dLng;
  const maxLng = center.lng + dLng;
  if (minLng < -180) {
    return [
      { minLng: -180, minLat, maxLng, maxLat },
      { minLng: minLng + 360, minLat, maxLng: 180, maxLat },
    ];
  }
  if (maxLng > 180) {
    return [
      { minLng, minLat, maxLng: 180, maxLat },
      { minLng: -180, minLat, maxLng: maxLng - 360, maxLat },
    ];
  }
  return [{ minLng, minLat, maxLng, maxLat }];
}

/**
 * The `limit` matching points nearest the centre within the radius, and any others exactly
 * as far as the last of them, with exact distances, nearest first: the caller breaks the ties
 * (equal distances, in any order here, by its own ids) and keeps `limit`. The disc widens
 * until it holds `limit` matches (all the matches within it are found, so none nearer than
 * the limit-th is missed) or reaches the radius.
 */
export function nearestPoints(points: GeoPoints, query: NearestQuery): PointAtDistance[] {
  const { center, radiusMeters, limit } = query;
  const share = Math.min(1, Math.max(MIN_MATCHING_SHARE, query.matchingShare ?? 1));
  let radius = Math.min(radiusMeters, points.firstRadiusMeters(center, limit / share));
  for (;;) {
    // Plain arrays of numbers, reused: no object per candidate until the few nearest are known.
    scratchPositions.length = 0;
    scratchDistances.length = 0;
    for (const box of boxesAround(center, radius)) collectInBox(points, box, query, radius);
    if (scratchPositions.length >= limit || radius >= radiusMeters) {
      return nearestOf(scratchPositions, scratchDistances, limit);
    }
    radius = Math.min(radiusMeters, radius * growth(scratchPositions.length, limit));
  }
}

/** kdbush's own walk down to the nodes a box touches (its `range`), without building the list. */
const STACK = new Uint32Array(96);

/**
 * Adds to the scratch lists each matching point inside the box and within `radius` of the
 * centre, with its exact distance. The walk is kdbush's `range` over the tree's arrays, with
 * the test of each point done where it is found: positions are the tree's own order
 * (GeoPoints renumbered its ids), and its coordinates are the exact [lng, lat] given.
 */
function collectInBox(points: GeoPoints, box: LngLatBox, query: NearestQuery, radius: number): void {
  const { coords, nodeSize } = points.tree;
  const { cosLatitudes } = points;
  const { center, matches } = query;
  const centerCosLat = cosLatitude(center.lat);
  const { minLng, minLat, maxLng, maxLat } = box;
  const consider = (position: number) => {
    const lng = coords[2 * position]!;
    const lat = coords[2 * position + 1]!;
    if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat || !matches(position)) return;
    const meters = haversineMeters(center.lat, center.lng, centerCosLat, lat, lng, cosLatitudes[position]!);
    if (meters > radius) return;
    scratchPositions.push(position);
    scratchDistances.push(meters);
  };
  if (points.order.length === 0) return;
  STACK[0] = 0;
  STACK[1] = points.order.length - 1;
  STACK[2] = 0;
  let top = 3;
  while (top > 0) {
    const axis = STACK[--top]!;
    const right = STACK[--top]!;
    const left = STACK[--top]!;
    if (right - left <= nodeSize) {
      for (let position = left; position <= right; position++) consider(position);
      continue;
    }
    const middle = (left + right) >> 1;
    consider(middle);
    const split = coords[2 * middle + axis]!;
    if (axis === 0 ? minLng <= split : minLat <= split) {
      STACK[top++] = left;
      STACK[top++] = middle - 1;
      STACK[top++] = 1 - axis;
    }
    if (axis === 0 ? maxLng >= split : maxLat >= split) {
      STACK[top++] = middle + 1;
      STACK[top++] = right;
      STACK[top++] = 1 - axis;
    }
  }
}

/** Reused by every search (each runs to its end synchronously). */
const scratchPositions: number[] = [];
const scratchDistances: number[] = [];
/** The nearest candidates so far, nearest first: distances and positions side by side. */
let bestDistances = new Float64Array(64);
let bestPositions = new Int32Array(64);

/**
 * The candidates no farther than the limit-th nearest, nearest first (equal distances in any
 * order). A run through the candidates keeps the `limit` nearest in order by insertion (a few
 * dozen numbers: no comparator calls, no sort of objects); those exactly as far as the last
 * of them are then all added, however many.
 */
function nearestOf(positions: number[], distances: number[], limit: number): PointAtDistance[] {
  const count = positions.length;
  if (bestDistances.length < limit) {
    bestDistances = new Float64Array(limit * 2);
    bestPositions = new Int32Array(limit * 2);
  }
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const meters = distances[i]!;
    if (kept === limit && meters >= bestDistances[limit - 1]!) continue;
    let at = kept < limit ? kept++ : limit - 1;
    for (; at > 0 && bestDistances[at - 1]! > meters; at--) {
      bestDistances[at] = bestDistances[at - 1]!;
      bestPositions[at] = bestPositions[at - 1]!;
    }
    bestDistances[at] = meters;
    bestPositions[at] = positions[i]!;
  }
  const nearest: PointAtDistance[] = [];
  for (let i = 0; i < kept; i++) nearest.push({ position: bestPositions[i]!, meters: bestDistances[i]! });
  if (kept === limit && count > limit) {
    // Ties with the last kept one that did not fit: the caller breaks them by its own ids.
    const cutoff = bestDistances[limit - 1]!;
    let keptAtCutoff = 0;
    for (let i = 0; i < kept; i++) if (bestDistances[i] === cutoff) keptAtCutoff++;
    let atCutoff = 0;
    for (let i = 0; i < count; i++) if (distances[i] === cutoff) atCutoff++;
    if (atCutoff > keptAtCutoff) {
      nearest.length = kept - keptAtCutoff;
      for (let i = 0; i < count; i++) {
        if (distances[i] === cutoff) nearest.push({ position: positions[i]!, meters: cutoff });
      }
    }
  }
  return nearest;
}

/**
 * How much wider the next disc is: enough, at the density just seen, to hold what is still
 * wanted with a margin (area grows with the square of the radius); 4× when nothing matched.
 */
function growth(found: number, wanted: number): number {
  if (found === 0) return 4;
  return Math.min(4, Math.max(1.5, 1.2 * Math.sqrt(wanted / found)));
}
