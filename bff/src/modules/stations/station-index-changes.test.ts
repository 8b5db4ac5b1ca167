import { describe, expect, it } from 'vitest';
import { AMENITY_CODES } from '@union/shared';
import { createRandom } from '../../seeded-random';
import { bruteForceNearest } from './brute-force-search';
import {
  bruteForceIds,
  inBoxIds,
  indexIds,
  makeStations,
  maskOf,
  near,
  randomQuery,
  uniformPoint,
} from './index-test-support';
import { StationIndex } from './station-index';

describe('changed stations (the overlay) and rebuilding', () => {
  it('answers like a brute-force scan of the current stations through moves, hides, additions and rebuilds', () => {
    const random = createRandom(6);
    const centre = { lat: 30.2741, lng: 120.1551 };
    let stations = makeStations(
      Array.from({ length: 3000 }, () => near(random, centre, 3)),
      random,
    );
    const index = new StationIndex(stations, 40);
    let revision = 10_000;
    for (let round = 0; round < 30; round++) {
      for (let change = 0; change < 15; change++) {
        const victim = random.pick(stations);
        const roll = random.next();
        if (roll < 0.4) {
          const [moved] = makeStations([near(random, centre, 3)], random, 0);
          const replacement = { ...moved!, _id: victim._id, revision: ++revision };
          index.upsert(replacement);
          stations = stations.map((station) => (station._id === victim._id ? replacement : station));
        } else if (roll < 0.7) {
          index.hide(victim._id, ++revision);
          stations = stations.filter((station) => station._id !== victim._id);
        } else {
          const [added] = makeStations([near(random, centre, 3)], random, 50_000 + revision);
          const fresh = { ...added!, revision: ++revision };
          index.upsert(fresh);
          stations = [...stations, fresh];
        }
      }
      expect(index.size).toBe(stations.length);
      const queries = Array.from({ length: 20 }, () => randomQuery(random, near(random, centre, 3)));
      for (const query of queries) expect(indexIds(index, query)).toEqual(bruteForceIds(stations, query));
      const box = { minLat: 30.25, maxLat: 30.3, minLng: 120.12, maxLng: 120.19 };
      expect(inBoxIds(index, box)).toEqual(
        stations
          .filter((s) => s.location.lat >= 30.25 && s.location.lat <= 30.3)
          .filter((s) => s.location.lng >= 120.12 && s.location.lng <= 120.19)
          .map((s) => s._id)
          .sort(),
      );
    }
  });

  it('ignores a revision older than or equal to the one it holds', () => {
    const random = createRandom(7);
    const [station] = makeStations([{ lat: 30, lng: 120 }], random);
    const index = new StationIndex([station!]);
    expect(index.upsert({ ...station!, name: '旧的', revision: station!.revision })).toBe(false);
    expect(index.hide(station!._id, station!.revision - 1)).toBe(false);
    expect(index.get(station!._id)?.name).toBe(station!.name);
    expect(index.upsert({ ...station!, name: '新的', revision: station!.revision + 1 })).toBe(true);
    expect(index.get(station!._id)?.name).toBe('新的');
  });
});

describe('stations in a bounding box', () => {
  it('are exactly those inside it (edges included) that pass the filters', () => {
    const random = createRandom(8);
    const stations = makeStations(
      Array.from({ length: 5000 }, () => uniformPoint(random)),
      random,
    );
    const index = new StationIndex(stations);
    for (let i = 0; i < 100; i++) {
      const corner = uniformPoint(random);
      const box = {
        minLat: corner.lat,
        minLng: corner.lng,
        maxLat: corner.lat + random.next() * 8,
        maxLng: corner.lng + random.next() * 8,
      };
      const amenities = AMENITY_CODES.filter(() => random.chance(0.1));
      const expected = stations
        .filter((s) => s.location.lat >= box.minLat && s.location.lat <= box.maxLat)
        .filter((s) => s.location.lng >= box.minLng && s.location.lng <= box.maxLng)
        .filter((s) => amenities.every((code) => s.amenities.includes(code)))
        .map((s) => s._id)
        .sort();
      expect(inBoxIds(index, box, maskOf(amenities))).toEqual(expected);
    }
    // A box no bigger than a station's own point still holds it.
    const { lat, lng } = stations[0]!.location;
    expect(inBoxIds(index, { minLat: lat, minLng: lng, maxLat: lat, maxLng: lng })).toContain(stations[0]!._id);
  });
});

describe('the benchmark baseline', () => {
  it('brute-force search gives the same answers as the index', () => {
    const random = createRandom(9);
    const centre = { lat: 39.9, lng: 116.4 };
    const stations = makeStations(
      Array.from({ length: 2000 }, () => near(random, centre, 2)),
      random,
    );
    const index = new StationIndex(stations);
    for (let i = 0; i < 100; i++) {
      const query = randomQuery(random, near(random, centre, 2));
      const filter = { amenityMask: maskOf(query.amenities), openAt: query.openAt };
      const baseline = bruteForceNearest(
        index.stations(),
        index.matcher(filter),
        query.center,
        query.radius,
        query.limit,
      );
      expect(baseline.map((found) => found.station._id)).toEqual(indexIds(index, query));
    }
  });
});
