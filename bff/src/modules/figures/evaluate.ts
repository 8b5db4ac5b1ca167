/**
 * Evaluating a figure (figures/definition.ts) for an org subtree over a day range: each part
 * read once per grouping, then `combine` per group — the total, each day or month, each child
 * org — so a chart, a drill-down and the report's cell are the same arithmetic.
 */
import type { Types } from 'mongoose';
import { dayBefore } from './day-index';
import { keySum, type FigureDefinition, type FigurePart, type KeySums } from './definition';
import { hasFigureMetric } from './metrics';
import { figureSnapshot } from './providers';
import {
  figureGroups,
  firstCounterYear,
  type CounterReads,
  type DayRange,
  type FigureGroups,
  type FigureGrouping,
} from './read';

/** A part's key sums in a group ('' for the total, a day, a month, an org id); empty without counters. */
type PartSums = (group: string) => KeySums;

export interface Evaluated {
  /** The figure for a group ('' for the total), null when it cannot be computed. */
  valueOf(group: string): number | null;
  /** The figure restricted to each key of the first part (the total grouping only). */
  byKey(): Map<string, number | null>;
}

const NOTHING: KeySums = new Map();
const NOT_COMPUTABLE: Evaluated = { valueOf: () => null, byKey: () => new Map() };
const lookup =
  (groups: FigureGroups): PartSums =>
  (group) =>
    groups.get(group) ?? NOTHING;

/** Whether the figure can be computed at all: its metrics or its state are registered. */
export function computable(definition: FigureDefinition): boolean {
  if (definition.current) return figureSnapshot(definition.current) !== undefined;
  if (definition.perOrgRate && !figureSnapshot(definition.perOrgRate.snapshot)) return false;
  return definition.parts.every((part) => part.optional || hasFigureMetric(part.metric));
}

async function readPart(
  part: FigurePart,
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping,
  reads: CounterReads | undefined,
): Promise<PartSums> {
  if (!hasFigureMetric(part.metric)) return () => NOTHING;
  if (!part.sinceStart) return lookup(await figureGroups(part.metric, orgId, range, grouping, reads));
  const firstYear = await (reads ? reads.firstYear(part.metric) : firstCounterYear(part.metric));
  if (firstYear === null) return () => NOTHING;
  const start = `${firstYear}-01-01`;
  if (grouping.by === 'day' || grouping.by === 'month') {
    return stockByDate(part.metric, orgId, range, start, grouping, reads);
  }
  return lookup(await figureGroups(part.metric, orgId, { from: start, to: range.to }, grouping, reads));
}

/**
 * A stock by day or month: each bucket of the range holds everything from the first counter to
 * the bucket's end (or the range's, if sooner) — what stood before the range plus the range's
 * changes up to and including that bucket — not the bucket's own change. A bucket without a
 * change holds the last bucket's value.
 */
async function stockByDate(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  start: string,
  grouping: FigureGrouping,
  reads: CounterReads | undefined,
): Promise<PartSums> {
  const before = dayBefore(range.from);
  const [opening, changes] = await Promise.all([
    before < start
      ? new Map<string, KeySums>()
      : figureGroups(metric, orgId, { from: start, to: before }, { ...grouping, by: 'total' }, reads),
    figureGroups(metric, orgId, range, grouping, reads),
  ]);
  // Labels ('YYYY-MM-DD', 'YYYY-MM') sort as their dates do.
  const buckets = [...changes.keys()].sort();
  const standing: KeySums[] = [];
  let sums: KeySums = opening.get('') ?? NOTHING;
  for (const bucket of buckets) {
    sums = new Map(sums);
    for (const [key, value] of changes.get(bucket)!) sums.set(key, (sums.get(key) ?? 0) + value);
    standing.push(sums);
  }
  const atOpening = opening.get('') ?? NOTHING;
  return (group) => {
    let last = -1;
    while (last + 1 < buckets.length && buckets[last + 1]! <= group) last += 1;
    return last < 0 ? atOpening : standing[last]!;
  };
}

export async function evaluateFigure(
  definition: FigureDefinition,
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping = { by: 'total' },
  reads?: CounterReads,
): Promise<Evaluated> {
  if (!computable(definition)) return NOT_COMPUTABLE;
  if (definition.current) return evaluateSnapshot(definition.current, orgId, grouping);
  if (definition.perOrgRate) return evaluatePerOrgRate(definition, orgId, range, grouping, reads);
  const parts = await Promise.all(definition.parts.map((part) => readPart(part, orgId, range, grouping, reads)));
  const sumsOf = (group: string) => parts.map((part) => part(group));
  return {
    valueOf: (group) => definition.combine(sumsOf(group)),
    byKey() {
      const sums = sumsOf('');
      const rows = new Map<string, number | null>();
      for (const key of sums[0]?.keys() ?? []) {
        rows.set(key, definition.combine(sums.map((part) => new Map([[key, part.get(key) ?? 0]]))));
      }
      return rows;
    },
  };
}

/** A state now: only the whole subtree (a child's state is asked of the child itself). */
async function evaluateSnapshot(name: string, orgId: Types.ObjectId, grouping: FigureGrouping): Promise<Evaluated> {
  if (grouping.by !== 'total') return NOT_COMPUTABLE;
  const state = await figureSnapshot(name)!(orgId);
  return {
    valueOf: (group) => (group === '' ? keySum(state) : null),
    byKey: () => new Map(state),
  };
}

/**
 * The parts of the orgs whose denominator the snapshot knows (their own records), combined, ÷
 * the sum of those denominators: in total, or by day or month — the denominator is a state now,
 * so each bucket's value is divided by it. Null when no org in the subtree has one. A child's
 * rate is asked of the child itself.
 */
async function evaluatePerOrgRate(
  definition: FigureDefinition,
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping,
  reads: CounterReads | undefined,
): Promise<Evaluated> {
  if (grouping.by === 'org' || grouping.by === 'child') return NOT_COMPUTABLE;
  const denominators = await figureSnapshot(definition.perOrgRate!.snapshot)!(orgId);
  const denominator = keySum(denominators);
  if (denominator <= 0) return NOT_COMPUTABLE;
  const orgs = new Set(denominators.keys());
  const parts = await Promise.all(
    definition.parts.map((part) => readPart(part, orgId, range, { ...grouping, orgs }, reads)),
  );
  return {
    valueOf(group) {
      const numerator = definition.combine(parts.map((part) => part(group)));
      return numerator === null ? null : numerator / denominator;
    },
    byKey: () => new Map(),
  };
}
