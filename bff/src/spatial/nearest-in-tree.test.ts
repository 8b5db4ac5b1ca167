import { describe, expect, it } from 'vitest';
import { distanceMeters, type LatLng } from '@union/shared';
import { createRandom } from '../seeded-random';
import { boxesAround, GeoPoints, nearestPoints } from './nearest-in-tree';

/** Every point within the radius, nearest first, ties by position: the reference. */
function bruteForce(points: LatLng[], center: LatLng, radius: number, limit: number, matches: (i: number) => boolean) {
  return points
    .map((point, position) => ({ position, meters: distanceMeters(center, point) }))
    .filter(({ position, meters }) => meters <= radius && matches(position))
    .sort((a, b) => a.meters - b.meters || a.position - b.position)
    .slice(0, limit);
}

function search(
  points: GeoPoints,
  center: LatLng,
  radius: number,
  limit: number,
  matches: (i: number) => boolean,
  matchingShare?: number,
) {
  // Positions are the tree's order: compared by the index in the list given.
  const given = (position: number) => points.order[position]!;
  const query = { center, radiusMeters: radius, limit, matches: (position: number) => matches(given(position)) };
  return nearestPoints(points, { ...query, matchingShare })
    .map(({ position, meters }) => ({ position: given(position), meters }))
    .sort((a, b) => a.meters - b.meters || a.position - b.position)
    .slice(0, limit);
}

const inside = (point: LatLng, boxes: ReturnType<typeof boxesAround>) =>
  boxes.some(
    (box) => point.lat >= box.minLat && point.lat <= box.maxLat && point.lng >= box.minLng && point.lng <= box.maxLng,
  );

describe('the boxes around a disc', () => {
  it('hold every point of the disc, at any latitude, across the antimeridian and at the poles', () => {
    const random = createRandom(11);
    const centres: LatLng[] = [
      { lat: 30.27, lng: 120.15 },
      { lat: 0, lng: 179.99 },
      { lat: -12, lng: -179.995 },
      { lat: 89.99, lng: 10 },
      { lat: -89.9, lng: -70 },
      { lat: 70, lng: 0 },
    ];
    for (const center of centres) {
      for (const meters of [100, 5000, 20_000, 300_000]) {
        const boxes = boxesAround(center, meters);
        for (let i = 0; i < 400; i++) {
          // A point on or just inside the circle, in a random direction.
          const bearing = random.next() * 2 * Math.PI;
          const angle = (meters * (1 - 1e-12)) / (6371.0088 * 1000);
          const lat1 = (center.lat * Math.PI) / 180;
          const lat2 = Math.asin(
            Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing),
          );
          const lng2 =
            (center.lng * Math.PI) / 180 +
            Math.atan2(
              Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1),
              Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
            );
          const lng = (((lng2 * 180) / Math.PI + 540) % 360) - 180;
          const point = { lat: (lat2 * 180) / Math.PI, lng };
          if (distanceMeters(center, point) > meters) continue;
          expect(inside(point, boxes), JSON.stringify({ center, meters, point })).toBe(true);
        }
      }
    }
  });

  it('split in two across the antimeridian', () => {
    expect(boxesAround({ lat: 0, lng: 179.99 }, 5000)).toHaveLength(2);
    expect(boxesAround({ lat: 0, lng: 120 }, 5000)).toHaveLength(1);
  });
});

describe('nearest points', () => {
  const random = createRandom(5);
  // A dense cluster, a sparse spread, and exact duplicates (ties at the same distance).
  const locations: LatLng[] = [
    ...Array.from({ length: 3000 }, () => ({ lat: 30 + random.next() * 0.05, lng: 120 + random.next() * 0.05 })),
    ...Array.from({ length: 3000 }, () => ({ lat: 20 + random.next() * 20, lng: 100 + random.next() * 25 })),
    ...Array.from({ length: 200 }, () => ({ lat: 30.02, lng: 120.02 })),
  ];
  const points = new GeoPoints(locations);

  it('equal a brute-force scan, with filters, small and large radii, ties included', () => {
    let nonEmpty = 0;
    for (let i = 0; i < 300; i++) {
      const center = random.chance(0.5)
        ? { lat: 30 + random.next() * 0.05, lng: 120 + random.next() * 0.05 }
        : { lat: 20 + random.next() * 20, lng: 100 + random.next() * 25 };
      const radius = random.pick([100, 1000, 5000, 20_000, 300_000]);
      const limit = random.pick([1, 5, 20, 50]);
      const every = random.pick([1, 2, 7]);
      const matches = (position: number) => position % every === 0;
      const expected = bruteForce(locations, center, radius, limit, matches);
      expect(search(points, center, radius, limit, matches)).toEqual(expected);
      // The share a filter lets through only sizes the first disc: a wrong guess changes nothing found.
      const guess = random.pick([1 / every, 0.001, 0.3, 1, 5]);
      expect(search(points, center, radius, limit, matches, guess)).toEqual(expected);
      if (expected.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(150);
  });

  it('return everything tied with the last place, so the caller can break ties its own way', () => {
    const found = nearestPoints(points, {
      center: { lat: 30.02, lng: 120.02 },
      radiusMeters: 1000,
      limit: 5,
      matches: () => true,
    });
    expect(found.length).toBeGreaterThanOrEqual(200);
    expect(found.every(({ meters }) => meters === 0)).toBe(true);
  });

  it('come nearest first, so the caller only orders points exactly as far as each other', () => {
    const random = createRandom(5);
    for (let query = 0; query < 200; query++) {
      const center = { lat: 30 + random.next() * 0.1, lng: 120 + random.next() * 0.1 };
      const found = nearestPoints(points, {
        center,
        radiusMeters: 3000,
        limit: 1 + random.int(0, 40),
        matches: () => true,
      });
      const meters = found.map((point) => point.meters);
      expect(meters).toEqual([...meters].sort((a, b) => a - b));
    }
  });

  it('find nothing, and never look, where there are no points', () => {
    const none = new GeoPoints([]);
    const matches = () => {
      throw new Error('no point to ask about');
    };
    expect(nearestPoints(none, { center: { lat: 30, lng: 120 }, radiusMeters: 20_000, limit: 20, matches })).toEqual(
      [],
    );
  });
});

describe('the order of the points', () => {
  it('is a permutation that keeps neighbours together', () => {
    const order = new GeoPoints(locations()).order;
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(order.length).keys()]);
    function locations() {
      const random = createRandom(3);
      return Array.from({ length: 5000 }, () => ({ lat: 20 + random.next() * 20, lng: 100 + random.next() * 25 }));
    }
    const all = locations();
    const ordered = Array.from(order, (position) => all[position]!);
    const step = (list: LatLng[]) =>
      list.slice(1).reduce((sum, point, i) => sum + distanceMeters(list[i]!, point), 0) / (list.length - 1);
    // Consecutive points are far closer in the spatial order than in the original one.
    expect(step(ordered)).toBeLessThan(step(all) / 5);
  });
});
