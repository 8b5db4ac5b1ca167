import { describe, expect, it } from 'vitest';
import { distanceMeters, type LatLng } from '@union/shared';
import { createRandom } from '../../seeded-random';
import {
  bruteForceIds,
  EDGES,
  indexIds,
  makeStations,
  near,
  NIGHT,
  randomQuery,
  uniformPoint,
  type Query,
} from './index-test-support';
import type { IndexedStation } from './indexed-station';
import { StationIndex } from './station-index';

/**
 * The spatial index must answer exactly what a brute-force great-circle scan with
 * shared `distanceMeters` answers: same stations, same order, ties broken by id.
 */

function expectSameAnswers(stations: IndexedStation[], index: StationIndex, queries: Query[]) {
  let nonEmpty = 0;
  for (const query of queries) {
    const expected = bruteForceIds(stations, query);
    expect(indexIds(index, query), JSON.stringify(query)).toEqual(expected);
    if (expected.length > 0) nonEmpty += 1;
  }
  // The comparison means something only if most queries find stations.
  expect(nonEmpty).toBeGreaterThan(queries.length / 2);
}

describe('nearest stations: index equals a brute-force great-circle scan', () => {
  it('on stations spread uniformly over China, with radii up to 300 km', () => {
    const random = createRandom(1);
    const stations = makeStations(
      Array.from({ length: 20_000 }, () => uniformPoint(random)),
      random,
    );
    const index = new StationIndex(stations);
    const queries = Array.from({ length: 300 }, () => randomQuery(random, uniformPoint(random), 300_000));
    expectSameAnswers(stations, index, queries);
  });

  it('in dense city centres: thousands of stations within a few kilometres', () => {
    const random = createRandom(2);
    const cities = [
      { lat: 30.2741, lng: 120.1551 },
      { lat: 31.2304, lng: 121.4737 },
      { lat: 39.9042, lng: 116.4074 },
    ];
    const stations = makeStations(
      cities.flatMap((city) => Array.from({ length: 4000 }, () => near(random, city, 1.5))),
      random,
    );
    const index = new StationIndex(stations);
    const queries = Array.from({ length: 400 }, () => randomQuery(random, near(random, random.pick(cities), 2)));
    expectSameAnswers(stations, index, queries);
  });

  it('when many stations share identical coordinates, ranking ties by id', () => {
    const random = createRandom(3);
    const buildings = Array.from({ length: 40 }, () => near(random, { lat: 22.5431, lng: 114.0579 }, 2));
    const locations = buildings.flatMap((building) => Array.from({ length: random.int(2, 60) }, () => building));
    const stations = makeStations(locations, random);
    const index = new StationIndex(stations);
    const queries = Array.from({ length: 300 }, () =>
      randomQuery(random, random.chance(0.5) ? random.pick(buildings) : near(random, random.pick(buildings), 0.5)),
    );
    expectSameAnswers(stations, index, queries);
    // Sanity: ties actually occurred at the cut-off.
    const crowded = buildings.find((_, i) => locations.filter((l) => l === buildings[i]).length > 20)!;
    const answer = indexIds(index, { center: crowded, radius: 100, limit: 5, amenities: [], openAt: null });
    expect(answer).toEqual([...answer].sort());
  });

  it('at the far edges of China (Mohe, Sansha, Kashgar, Fuyuan), querying from those edges', () => {
    const random = createRandom(4);
    const locations = [
      ...Object.values(EDGES).flatMap((edge) => Array.from({ length: 600 }, () => near(random, edge, 6))),
      ...Object.values(EDGES),
      ...Array.from({ length: 3000 }, () => uniformPoint(random)),
    ];
    const stations = makeStations(locations, random);
    const index = new StationIndex(stations);
    const queries = Object.values(EDGES).flatMap((edge) => [
      { center: edge, radius: 20_000, limit: 50, amenities: [], openAt: null },
      { center: edge, radius: 100, limit: 1, amenities: [], openAt: null },
      ...Array.from({ length: 60 }, () => randomQuery(random, near(random, edge, 8))),
    ]);
    expectSameAnswers(stations, index, queries);
  });

  it('cuts at the radius to the millimetre, as shared distanceMeters measures it', () => {
    const random = createRandom(10);
    const centre = { lat: 30.25, lng: 120.17 };
    const radius = 5000;
    // Points due north at a chosen great-circle distance, found by bisection on the latitude.
    const northAt = (meters: number): LatLng => {
      let low = centre.lat;
      let high = centre.lat + 1;
      for (let i = 0; i < 80; i++) {
        const middle = (low + high) / 2;
        if (distanceMeters(centre, { lat: middle, lng: centre.lng }) < meters) low = middle;
        else high = middle;
      }
      return { lat: low, lng: centre.lng };
    };
    const inside = northAt(radius - 0.001);
    const outside = { lat: northAt(radius + 0.001).lat + 1e-9, lng: centre.lng };
    expect(distanceMeters(centre, inside)).toBeLessThanOrEqual(radius);
    expect(distanceMeters(centre, outside)).toBeGreaterThan(radius);
    const stations = makeStations([inside, outside], random);
    const index = new StationIndex(stations);
    const query = { center: centre, radius, limit: 10, amenities: [], openAt: null };
    expect(indexIds(index, query)).toEqual([stations[0]!._id]);
    expect(bruteForceIds(stations, query)).toEqual([stations[0]!._id]);
  });

  it('returns `limit` stations when that many match within the radius, however many are filtered out', () => {
    const random = createRandom(5);
    const centre = { lat: 30.25, lng: 120.17 };
    const stations = makeStations(
      Array.from({ length: 3000 }, () => near(random, centre, 2)),
      random,
    );
    const index = new StationIndex(stations);
    const query = { center: centre, radius: 20_000, limit: 50, amenities: ['shower', 'books'], openAt: NIGHT };
    const matching = bruteForceIds(stations, { ...query, limit: Infinity });
    expect(matching.length).toBeGreaterThan(50);
    expect(indexIds(index, query)).toHaveLength(50);
  });
});
