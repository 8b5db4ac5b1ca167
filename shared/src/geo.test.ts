import { describe, expect, it } from 'vitest';
import { distanceMeters, rideMinutes, walkMinutes } from './geo';
import type { LatLng } from './contract/stations';

const tiananmen: LatLng = { lat: 39.9087, lng: 116.3975 };
const peoplesSquare: LatLng = { lat: 31.2304, lng: 121.4737 };

/** Expects `actual` within `fraction` (e.g. 0.01 for 1%) of `expected`. */
function expectWithin(actual: number, expected: number, fraction: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * fraction);
}

describe('distanceMeters', () => {
  it('measures Beijing Tiananmen to Shanghai People’s Square as about 1,067 km', () => {
    expectWithin(distanceMeters(tiananmen, peoplesSquare), 1_067_000, 0.01);
  });

  it('measures one degree of latitude as about 111.2 km anywhere', () => {
    expectWithin(distanceMeters({ lat: 30, lng: 116 }, { lat: 31, lng: 116 }), 111_195, 0.001);
    expectWithin(distanceMeters({ lat: -45.5, lng: -70 }, { lat: -44.5, lng: -70 }), 111_195, 0.001);
  });

  it('measures one degree of longitude at 60° north as half of one at the equator', () => {
    expectWithin(distanceMeters({ lat: 60, lng: 100 }, { lat: 60, lng: 101 }), 111_195 / 2, 0.001);
  });

  it('is zero from a point to itself', () => {
    expect(distanceMeters(tiananmen, tiananmen)).toBe(0);
    expect(distanceMeters({ lat: 90, lng: 0 }, { lat: 90, lng: 120 })).toBeCloseTo(0, 6);
  });

  it('resolves a few metres between neighbouring shops', () => {
    // 0.0001° of latitude is about 11.1 m.
    expectWithin(distanceMeters(tiananmen, { lat: tiananmen.lat + 0.0001, lng: tiananmen.lng }), 11.12, 0.01);
  });

  it('measures antipodal points as half the circumference, about 20,015 km', () => {
    expectWithin(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 }), 20_015_000, 0.001);
    expectWithin(distanceMeters(tiananmen, { lat: -tiananmen.lat, lng: tiananmen.lng - 180 }), 20_015_000, 0.001);
    expectWithin(distanceMeters({ lat: 90, lng: 0 }, { lat: -90, lng: 0 }), 20_015_000, 0.001);
  });

  it('takes the short way across the 180th meridian', () => {
    expectWithin(distanceMeters({ lat: 0, lng: 179.9 }, { lat: 0, lng: -179.9 }), 22_239, 0.001);
  });

  it('is the same in both directions', () => {
    const places: LatLng[] = [
      tiananmen,
      peoplesSquare,
      { lat: 52.97, lng: 122.54 }, // Mohe
      { lat: 16.83, lng: 112.34 }, // Sansha
      { lat: 39.47, lng: 75.99 }, // Kashgar
      { lat: 48.36, lng: 134.29 }, // Fuyuan
    ];
    for (const a of places) {
      for (const b of places) expect(distanceMeters(a, b)).toBe(distanceMeters(b, a));
    }
  });
});

describe('travel time estimates', () => {
  const distances = [0, 1, 30, 50, 100, 500, 800, 1_000, 2_500, 5_000, 20_000];

  it('never promises less than a minute', () => {
    expect(walkMinutes(0)).toBe(1);
    expect(rideMinutes(0)).toBe(1);
    expect(walkMinutes(10)).toBe(1);
    expect(rideMinutes(100)).toBe(1);
  });

  it('walks a kilometre in about 16 minutes and rides it in about 5', () => {
    // Streets add about 30% to the straight line; walking 80 m/min, e-bike 250 m/min.
    expect(walkMinutes(1_000)).toBe(16);
    expect(rideMinutes(1_000)).toBe(5);
  });

  it('never gets shorter as the distance grows, and riding never takes longer than walking', () => {
    for (let index = 1; index < distances.length; index++) {
      expect(walkMinutes(distances[index]!)).toBeGreaterThanOrEqual(walkMinutes(distances[index - 1]!));
      expect(rideMinutes(distances[index]!)).toBeGreaterThanOrEqual(rideMinutes(distances[index - 1]!));
    }
    for (const meters of distances) expect(rideMinutes(meters)).toBeLessThanOrEqual(walkMinutes(meters));
    expect(walkMinutes(20_000)).toBeGreaterThan(walkMinutes(1_000));
  });

  it('gives whole minutes', () => {
    for (const meters of [123, 4_567, 8_901]) {
      expect(Number.isInteger(walkMinutes(meters))).toBe(true);
      expect(Number.isInteger(rideMinutes(meters))).toBe(true);
    }
  });
});
