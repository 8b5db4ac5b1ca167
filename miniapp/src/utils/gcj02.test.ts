import { distanceMeters } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from './gcj02';

describe('WGS-84 → GCJ-02', () => {
  it('shifts a point in Beijing as the published reference values do', () => {
    const shifted = wgs84ToGcj02({ lat: 39.915, lng: 116.404 });
    expect(shifted.lat).toBeCloseTo(39.9164043, 6);
    expect(shifted.lng).toBeCloseTo(116.4102445, 6);
  });

  it('moves points in China by a few hundred metres, never more', () => {
    for (const point of [
      { lat: 30.2741, lng: 120.1551 }, // Hangzhou
      { lat: 22.5431, lng: 114.0579 }, // Shenzhen
      { lat: 43.8256, lng: 87.6168 }, // Urumqi
    ]) {
      const meters = distanceMeters(point, wgs84ToGcj02(point));
      expect(meters).toBeGreaterThan(100);
      expect(meters).toBeLessThan(800);
    }
  });

  it('leaves points outside China alone', () => {
    expect(wgs84ToGcj02({ lat: 48.8566, lng: 2.3522 })).toEqual({ lat: 48.8566, lng: 2.3522 });
  });
});
