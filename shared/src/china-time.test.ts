/** China time: day and month bounds at China midnight, whatever zone the machine runs in. */
import { describe, expect, it } from 'vitest';
import {
  chinaCompactDate,
  chinaDateAfter,
  chinaDateOf,
  chinaDateTime,
  chinaDayRange,
  chinaInstant,
  chinaIsoString,
  chinaMoment,
  chinaMonthOf,
  chinaMonthRange,
  msUntilChinaMidnight,
} from './china-time';

describe('China months', () => {
  it('starts and ends a month at China midnight', () => {
    const { start, end } = chinaMonthRange('2026-11');
    expect(start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(chinaMonthRange('2026-12').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(chinaMonthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    expect(chinaMonthOf(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10');
  });
});

describe('China days', () => {
  it('turns the date at 16:00 UTC, China midnight', () => {
    expect(chinaDateOf(new Date('2026-03-14T15:59:59Z'))).toBe('2026-03-14');
    expect(chinaDateOf(new Date('2026-03-14T16:00:00Z'))).toBe('2026-03-15');
    expect(chinaCompactDate(new Date('2026-03-14T16:00:00Z'))).toBe('20260315');
    expect(chinaDateAfter(new Date('2026-03-14T16:00:00Z'), 1)).toBe('2026-03-16');
  });

  it('bounds a day and names a wall-clock instant', () => {
    const { start, end } = chinaDayRange('2026-03-15');
    expect(start.toISOString()).toBe('2026-03-14T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-15T16:00:00.000Z');
    expect(chinaInstant('2026-03-15', '08:30').toISOString()).toBe('2026-03-15T00:30:00.000Z');
    expect(msUntilChinaMidnight(new Date('2026-03-15T15:00:00Z'))).toBe(3_600_000);
  });

  it('writes times as a member reads them and as WeChat Pay documents them', () => {
    const at = new Date('2026-03-15T06:05:09Z');
    expect(chinaDateTime(at)).toBe('2026-03-15 14:05');
    expect(chinaIsoString(at)).toBe('2026-03-15T14:05:09+08:00');
    expect(chinaMoment(at)).toEqual({ date: '2026-03-15', weekday: 6, time: '14:05', dayNumber: 20527 });
  });
});
