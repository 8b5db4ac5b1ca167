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
/** The schema's defaults and its bound on the amenity list's text. */
const DEFAULT_RADIUS = 5000;
const DEFAULT_LIMIT = 20;
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

const FIELDS = ['lat', 'lng', 'radius', 'limit', 'amenities', 'openNow', 'order'] as const;
type Field = (typeof FIELDS)[number];
const isField = (key: string): key is Field => (FIELDS as readonly string[]).includes(key);

/** The amenity list's text, percent-decoded (the app escapes its commas); null for `+` or a bad escape. */
function decoded(value: string): string | null {
  if (value.includes('+')) return null;
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * What NearbyStationsQuerySchema gives for this query string, or null to let it decide. Only
 * the amenity list is decoded: an escaped number or word fails its pattern and goes to the schema.
 */
export function readNearbyQuery(querystring: string): NearbyQuery | null {
  const fields: Record<Field, string | undefined> = {
    lat: undefined,
    lng: undefined,
    radius: undefined,
    limit: undefined,
    amenities: undefined,
    openNow: undefined,
    order: undefined,
  };
  for (let start = 0; start < querystring.length;) {
    let end = querystring.indexOf('&', start);
    if (end < 0) end = querystring.length;
    const equals = querystring.indexOf('=', start);
    const named = equals >= 0 && equals < end;
    const key = querystring.slice(start, named ? equals : end);
    start = end + 1;
    if (isField(key)) {
      // A repeated field is a list to the general parser: the schema refuses it.
      if (fields[key] !== undefined) return null;
      fields[key] = named ? querystring.slice(equals + 1, end) : '';
    } else if (key.includes('%') || key.includes('+')) {
      // Other names the schema drops, unless escaped (`la%74` is `lat` to the general parser).
      return null;
    }
  }
  const { lat, lng, radius, limit, amenities, openNow, order } = fields;
  if (lat === undefined || lng === undefined) return null;
  const latitude = coordinateIn(lat, 90);
  const longitude = coordinateIn(lng, 180);
  const meters = radius === undefined ? DEFAULT_RADIUS : wholeIn(radius, 100, MAX_SEARCH_RADIUS_METERS);
  const count = limit === undefined ? DEFAULT_LIMIT : wholeIn(limit, 1, MAX_NEARBY_RESULTS);
  if (latitude === null || longitude === null || meters === null || count === null) return null;
  if (order !== undefined && order !== 'distance' && order !== 'openFirst') return null;
  const query: NearbyQuery = {
    lat: latitude,
    lng: longitude,
    radius: meters,
    limit: count,
    order: order ?? 'distance',
  };
  if (amenities !== undefined) {
    const text = decoded(amenities);
    const codes = text === null ? null : amenityList(text);
    if (codes === null) return null;
    query.amenities = codes;
  }
  if (openNow !== undefined) {
    if (openNow !== 'true' && openNow !== 'false') return null;
    query.openNow = openNow === 'true';
  }
  return query;
}
