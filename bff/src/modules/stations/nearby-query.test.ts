import { describe, expect, it } from 'vitest';
import searchParams from 'koa/lib/search-params.js';
import { AMENITY_CODES, NearbyStationsQuerySchema } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { readNearbyQuery } from './nearby-query';

/** What validation gives without the reader: Koa's own query parser, then the contract's schema. */
const bySchema = (querystring: string) => NearbyStationsQuerySchema.safeParse(searchParams.parse(querystring));

/** As the mini-program's request helper writes a query (services/http.ts). */
const asTheAppSends = (query: Record<string, string | number | undefined>) =>
  Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');

describe('the nearby query reader', () => {
  it('reads what the mini-program sends exactly as the schema does', () => {
    const random = createRandom(41);
    for (let i = 0; i < 2000; i++) {
      const querystring = asTheAppSends({
        lat: +(18 + random.next() * 35).toFixed(6),
        lng: +(-180 + random.next() * 360).toFixed(random.pick([0, 3, 6, 14])),
        radius: random.pick([undefined, 100, 3000, 5000, 20_000]),
        limit: random.pick([undefined, 1, 20, 50]),
        order: random.pick([undefined, 'distance', 'openFirst']),
        amenities: random.chance(0.4) ? AMENITY_CODES.filter(() => random.chance(0.2)).join(',') : undefined,
        openNow: random.pick([undefined, 'true', 'false']),
      });
      const expected = bySchema(querystring);
      expect(expected.success, querystring).toBe(true);
      // Taken by the reader (never left to the slow path), and the same values, keys and defaults.
      expect(readNearbyQuery(querystring), querystring).toStrictEqual(expected.data);
    }
  });

  it('leaves every other query to the schema, or reads it as the schema does', () => {
    const random = createRandom(42);
    const values: Record<string, string[]> = {
      lat: ['30.27', '-90', '90', '90.0000001', '-91', '', 'abc', '1e1', '0x1e', ' 30', '30 ', '3%30', '%2B30', 'NaN'],
      lng: ['120.15', '180', '-180.5', '120,1', 'Infinity', '-0', '007.5', '120.123456789012345678901'],
      radius: ['5000', '99', '100', '20000', '20001', '5000.5', '', '+5000', '5e3', '0005000'],
      limit: ['20', '0', '1', '50', '51', '-1', '2.0', ''],
      amenities: ['toilet', 'toilet%2Cmicrowave', 'toilet,toilet', ' toilet , microwave ', ',,', '', 'sauna', 'Toilet'],
      openNow: ['true', 'false', 'TRUE', '1', ''],
      order: ['distance', 'openFirst', 'nearest', ''],
    };
    const keys = [...Object.keys(values), 'page', 'la%74', 'lat+'];
    let read = 0;
    for (let i = 0; i < 5000; i++) {
      const pairs = keys
        .filter((key) => (key === 'lat' || key === 'lng' ? random.chance(0.95) : random.chance(0.35)))
        .map((key) => `${key}=${random.pick(values[key] ?? ['1'])}`);
      if (random.chance(0.05)) pairs.push(random.pick(pairs.length ? pairs : ['lat=1']));
      if (random.chance(0.05)) pairs.push('openNow');
      if (random.chance(0.05)) pairs.splice(0, 0, '');
      const querystring = pairs.sort(() => random.next() - 0.5).join('&');
      const expected = bySchema(querystring);
      const reader = readNearbyQuery(querystring);
      if (reader === null) continue;
      read += 1;
      expect(expected.success, querystring).toBe(true);
      expect(reader, querystring).toStrictEqual(expected.data);
    }
    // The comparison above only counts if the reader took a good share of these.
    expect(read).toBeGreaterThan(50);
  });

  it('leaves mistakes to the schema, which names the field', () => {
    for (const querystring of ['lng=120', 'lat=91&lng=120', 'lat=30&lng=120&radius=50', 'lat=30&lng=120&limit=1.5']) {
      expect(readNearbyQuery(querystring)).toBeNull();
      expect(bySchema(querystring).success).toBe(false);
    }
  });
});
