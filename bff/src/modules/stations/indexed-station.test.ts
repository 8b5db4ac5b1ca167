import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '@union/shared';
import { InternPool, OpeningCache, amenityMaskOf } from './indexed-station';
import { openingOf } from './presenter';

const weekdays = (open: string, close: string) => [...Array.from({ length: 5 }, () => [{ open, close }]), [], []];
const SCHEDULES: OpeningHours[] = [
  { alwaysOpen: false, weekly: weekdays('09:00', '17:30'), exceptions: [] },
  { alwaysOpen: false, weekly: weekdays('22:00', '06:00'), exceptions: [{ date: '2026-07-15', intervals: [] }] },
  { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] },
];

describe('what the index keeps of a station', () => {
  it('works out opening status once per schedule per minute, exactly as per request', () => {
    const cache = new OpeningCache();
    // Every second of a few minutes around opening and closing times, in China time.
    const starts = ['2026-07-14T00:58:00Z', '2026-07-14T09:28:00Z', '2026-07-15T13:59:00Z', '2026-07-15T21:59:00Z'];
    for (const hours of SCHEDULES) {
      for (const start of starts) {
        for (let second = 0; second < 180; second += 7) {
          const now = new Date(Date.parse(start) + second * 1000 + (second % 3) * 333);
          expect(cache.openingOf({ status: 'open', hours }, now)).toEqual(openingOf('open', hours, now));
        }
      }
    }
  });

  it('never shows a station closed by staff as open, whatever its hours', () => {
    const cache = new OpeningCache();
    const alwaysOpen = SCHEDULES[2]!;
    expect(cache.isOpen({ status: 'open', hours: alwaysOpen }, new Date())).toBe(true);
    expect(cache.isOpen({ status: 'closed', hours: alwaysOpen }, new Date())).toBe(false);
  });

  it('shares one copy of equal hours, amenity lists and organisation paths', () => {
    const pool = new InternPool();
    const copy = structuredClone(SCHEDULES[0]!);
    expect(pool.internHours(copy)).toBe(pool.internHours(SCHEDULES[0]!));
    expect(pool.amenities(amenityMaskOf(['toilet', 'drinking_water']))).toEqual(['drinking_water', 'toilet']);
    expect(pool.orgPath(['a', 'b'])).toBe(pool.orgPath(['a', 'b']));
  });
});
