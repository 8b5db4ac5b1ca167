/**
 * Great-circle distance and travel estimates. GCJ-02 offsets are a few hundred metres
 * at most, far below what matters for "which station is nearest", so plain spherical
 * geometry on GCJ-02 coordinates is used throughout.
 */
import type { LatLng } from './contract/stations';

export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** cos(latitude), the per-point factor of the haversine: spatial indexes keep it per point. */
export function cosLatitude(lat: number): number {
  return Math.cos(toRadians(lat));
}

/**
 * Haversine distance in metres from coordinates and their `cosLatitude`. `distanceMeters`
 * is this same expression, so an index that keeps the cosines ranks bit for bit alike.
 */
export function haversineMeters(
  aLat: number,
  aLng: number,
  aCosLat: number,
  bLat: number,
  bLng: number,
  bCosLat: number,
): number {
  const dLat = toRadians(bLat - aLat);
  const dLng = toRadians(bLng - aLng);
  const h = Math.sin(dLat / 2) ** 2 + aCosLat * bCosLat * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * 1000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Haversine distance in metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  return haversineMeters(a.lat, a.lng, cosLatitude(a.lat), b.lat, b.lng, cosLatitude(b.lat));
}

/** Streets are not straight lines: routes run about 1.3× the straight distance in a city grid. */
const DETOUR_FACTOR = 1.3;
const WALK_METERS_PER_MINUTE = 80; // 4.8 km/h
const EBIKE_METERS_PER_MINUTE = 250; // 15 km/h, the urban e-bike speed riders keep

export function walkMinutes(straightMeters: number): number {
  return Math.max(1, Math.round((straightMeters * DETOUR_FACTOR) / WALK_METERS_PER_MINUTE));
}

export function rideMinutes(straightMeters: number): number {
  return Math.max(1, Math.round((straightMeters * DETOUR_FACTOR) / EBIKE_METERS_PER_MINUTE));
}
