/** Day positions in a counter document: leap years, year ends, month sums and range clipping. */
import { describe, expect, it } from 'vitest';
import { dayAt, dayIndex, indexRange, monthSums } from './day-index';

describe('day index', () => {
  it('places 1 January at 0 and 31 December at 364, or 365 in a leap year', () => {
    expect(dayIndex('2026-01-01')).toBe(0);
    expect(dayIndex('2026-12-31')).toBe(364);
    expect(dayIndex('2028-12-31')).toBe(365);
    expect(dayIndex('2028-03-01')).toBe(60);
    expect(dayAt(2028, 59)).toBe('2028-02-29');
    expect(dayAt(2026, 364)).toBe('2026-12-31');
  });

  it('sums months without counting the empty 366th day of a common year into January', () => {
    const days = new Array<number>(366).fill(0);
    days[dayIndex('2026-01-31')] = 2;
    days[dayIndex('2026-02-01')] = 3;
    days[dayIndex('2026-12-31')] = 5;
    days[365] = 99; // never written in a common year, ignored if it were
    expect(monthSums(2026, days)).toEqual([2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
  });

  it('clips a range to the year, or says it misses the year', () => {
    expect(indexRange(2026, { from: '2025-12-01', to: '2026-01-10' })).toEqual({ first: 0, last: 9 });
    expect(indexRange(2026, { from: '2026-12-30', to: '2027-02-01' })).toEqual({ first: 363, last: 364 });
    expect(indexRange(2026, { from: '2027-01-01', to: '2027-02-01' })).toBeNull();
  });
});
