/**
 * How a figure is made from counters. A figure names the metrics it reads (`parts`); each part
 * is summed over the period per key (or from the first counter to the period's end, for a
 * stock such as members), and `combine` turns those key sums into the figure, or null when it
 * cannot be computed. The same `combine` makes the total, each child org's value, each day or
 * month of the series and each breakdown row, so they always agree.
 */
import type { FigureFormat, FigureSectionKey } from '@union/shared';

/** Key → sum of one part over a group (the whole subtree, one child, one day…). */
export type KeySums = Map<string, number>;

export interface FigurePart {
  metric: string;
  /**
   * Summed from the first counter up to the period's end (a stock), not over the period; in a
   * series, up to each day's or month's end.
   */
  sinceStart?: boolean;
  /** Read as empty when no feature registered the metric (members who left, refunds). */
  optional?: boolean;
}

export interface FigureDefinition {
  key: string;
  section: FigureSectionKey;
  label: string;
  format: FigureFormat;
  note?: string;
  parts: FigurePart[];
  combine(parts: KeySums[]): number | null;
  /**
   * Rows by the first part's keys, each the figure restricted to that key; at most `top`.
   * Largest first, unless `inKeyOrder` (hours read 0–23, not busiest first).
   */
  breakdown?: { top?: number; labels?: (key: string) => string; inKeyOrder?: boolean };
  /** A state now (figures/providers.ts) by key, instead of parts: no period, no comparison. */
  current?: string;
  /**
   * A rate over the orgs with a known denominator (入会率): the parts of the orgs the snapshot
   * names (their own records), combined, ÷ the sum of the snapshot's values; orgs without one
   * are left out. A series divides each bucket's value by today's denominators (no history).
   */
  perOrgRate?: { snapshot: string };
}

/** A part no figure read (fewer sums than parts) sums to 0. */
export const keySum = (sums: KeySums | undefined, keys?: readonly string[]): number => {
  let total = 0;
  for (const [key, value] of sums ?? []) if (!keys || keys.includes(key)) total += value;
  return total;
};

/** The sum of the first part (of the keys given). */
export const total =
  (keys?: readonly string[]) =>
  ([sums]: KeySums[]): number =>
    keySum(sums, keys);

/** First part ÷ second part × scale; null without a denominator. */
export const ratio =
  (scale = 1) =>
  ([numerator, denominator]: KeySums[]): number | null => {
    const below = keySum(denominator);
    return below === 0 ? null : (keySum(numerator) / below) * scale;
  };

/** First part minus the second (members joined minus left). */
export const difference = ([plus, minus]: KeySums[]): number => keySum(plus) - keySum(minus);

/** The median of a histogram whose keys are numbers (days waited → cases); null when empty. */
export function median([histogram]: KeySums[]): number | null {
  // Number('') is 0: a key that is not a number of days is left out, not read as 0 days.
  const cases = [...(histogram ?? [])]
    .filter(([key]) => key.trim() !== '')
    .map(([key, count]) => [Number(key), count] as const)
    .filter(([key]) => !Number.isNaN(key));
  cases.sort((a, b) => a[0] - b[0]);
  const count = cases.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return null;
  const nth = (rank: number): number => {
    let seen = 0;
    for (const [value, n] of cases) {
      seen += n;
      if (seen >= rank) return value;
    }
    return cases[cases.length - 1]![0];
  };
  return count % 2 === 1 ? nth((count + 1) / 2) : (nth(count / 2) + nth(count / 2 + 1)) / 2;
}
