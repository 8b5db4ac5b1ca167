/** The median of a histogram of whole days (入会审核用时), against the median of the cases written out. */
import { describe, expect, it } from 'vitest';
import { median } from './definition';

/** The histogram of some cases: days → how many. */
const histogram = (cases: number[]) => {
  const counts = new Map<string, number>();
  for (const days of cases) counts.set(String(days), (counts.get(String(days)) ?? 0) + 1);
  return counts;
};

/** The median of the cases themselves, sorted. */
function medianOfCases(cases: number[]): number | null {
  if (cases.length === 0) return null;
  const sorted = [...cases].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('median', () => {
  it('takes the middle case of an odd count and the mean of the two middle ones of an even count', () => {
    expect(median([histogram([3])])).toBe(3);
    expect(median([histogram([9, 1, 4])])).toBe(4);
    expect(median([histogram([9, 1, 4, 2])])).toBe(3);
    expect(median([histogram([0, 1])])).toBe(0.5);
    // The two middle cases in different buckets, and in the same one.
    expect(median([histogram([1, 1, 1, 10, 10, 10])])).toBe(5.5);
    expect(median([histogram([2, 2, 2, 2, 7, 30])])).toBe(2);
    // Keys sort as numbers, not as text ('10' < '9').
    expect(median([histogram([10, 9, 60, 2, 2])])).toBe(9);
  });

  it('agrees with the cases written out, over many odd and even counts', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2_147_483_647);
    for (let round = 0; round < 200; round++) {
      const cases = Array.from({ length: 1 + (next() % 25) }, () => next() % 61);
      expect(median([histogram(cases)]), cases.join(',')).toBe(medianOfCases(cases));
    }
  });

  it('reads 无数据 (null) without a case, and ignores keys that are not numbers or count nothing', () => {
    expect(median([new Map()])).toBeNull();
    expect(median([])).toBeNull();
    expect(median([new Map([['5', 0]])])).toBeNull();
    expect(
      median([
        new Map([
          ['', 3],
          ['n/a', 2],
          ['4', 1],
          ['8', 0],
        ]),
      ]),
    ).toBe(4);
  });
});
