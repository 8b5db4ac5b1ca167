/**
 * The nearby query read straight from its query string: the rider's search is the product's
 * hottest path, and Koa's general parser (URLSearchParams into an object built property by
 * property) followed by zod costs about 3 µs of every answer. This reader takes only the
 * plain form the mini-program sends (each known field once, in canonical spelling) and gives
 * exactly what the contract's schema would; anything else, including every mistake, returns
 * null and goes to the schema, which explains the problem field by field. Outside production
 * `validate` runs both and fails loudly if they ever disagree (nearby-query.test.ts compares
 * them on thousands of queries).
 */
import type { z } from 'zod';
import {
  AMENITY_CODES,
  MAX_NEARBY_RESULTS,
  MAX_SEARCH_RADIUS_METERS,
  type AmenityCode,
  type NearbyStationsQuerySchema,
} from '@union/shared';

type NearbyQuery = z.output<typeof NearbyStationsQuerySchema>;

const DECIMAL = /^-?\d{1,3}(\.\d{1,20})?$/;
const WHOLE = /^\d{1,6}$/;
const AMENITIES = new Set<string>(AMENITY_CODES);
/** The schema's bound on the amenity list's text. */
const AMENITY_TEXT_MAX = 400;

const coordinateIn = (text: string, bound: number) => {
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return value >= -bound && value <= bound ? value : null;
};

const wholeIn = (text: string, min: number, max: number) => {
  if (!WHOLE.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
};

/** `a,b` (the app sends `a%2Cb`) as the schema splits it; null if any code is unknown. */
function amenityList(text: string): AmenityCode[] | null {
  if (text.length > AMENITY_TEXT_MAX) return null;
  const codes = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (codes.length > AMENITY_CODES.length || !codes.every((code) => AMENITIES.has(code))) return null;
  return codes as AmenityCode[];
}

/** A query value, percent-decoded; null for `+` (a space) or a malformed escape. */
function decoded(value: string): string | null {
  if (value.includes('+')) return null;
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** What NearbyStationsQuerySchema gives for this query string, or null to let it decide. */
export function readNearbyQuery(querystring: string): NearbyQuery | null {
  const seen = new Set<string>();
  const fields: Record<string, string> = {};
  for (const pair of querystring.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    // An escaped or repeated name is for the general parser; unknown names the schema drops.
    if (key.includes('%') || key.includes('+') || seen.has(key)) return null;
    seen.add(key);
    const value = decoded(equals < 0 ? '' : pair.slice(equals + 1));
    if (value === null) return null;
    fields[key] = value;
  }
  const { lat, lng, radius = '5000', limit = '20', amenities, openNow, order = 'distance' } = fields;
  if (lat === undefined || lng === undefined) return null;
  const latitude = coordinateIn(lat, 90);
  const longitude = coordinateIn(lng, 180);
  const meters = wholeIn(radius, 100, MAX_SEARCH_RADIUS_METERS);
  const count = wholeIn(limit, 1, MAX_NEARBY_RESULTS);
  if (latitude === null || longitude === null || meters === null || count === null) return null;
  if (order !== 'distance' && order !== 'openFirst') return null;
  const query: NearbyQuery = { lat: latitude, lng: longitude, radius: meters, limit: count, order };
  if (amenities !== undefined) {
    const codes = amenityList(amenities);
    if (codes === null) return null;
    query.amenities = codes;
  }
  if (openNow !== undefined) {
    if (openNow !== 'true' && openNow !== 'false') return null;
    query.openNow = openNow === 'true';
  }
  return query;
}
