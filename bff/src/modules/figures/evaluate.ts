/**
 * Evaluating a figure (figures/definition.ts) for an org subtree over a day range: each part
 * read once per grouping, then `combine` per group — the total, each day or month, each child
 * org — so a chart, a drill-down and the report's cell are the same arithmetic.
 */
import type { Types } from 'mongoose';
import { keySum, type FigureDefinition, type KeySums } from './definition';
import { hasFigureMetric } from './metrics';
import { figureSnapshot } from './providers';
import { figureGroups, firstCounterYear, type CounterReads, type DayRange, type FigureGrouping } from './read';

/** Group → key sums of one part. */
type PartGroups = Map<string, KeySums>;

export interface Evaluated {
  /** The figure for a group ('' for the total), null when it cannot be computed. */
  valueOf(group: string): number | null;
  /** The figure restricted to each key of the first part (the total grouping only). */
  byKey(): Map<string, number | null>;
  /** The groups that have any counter. */
  groups: string[];
}

const NOT_COMPUTABLE: Evaluated = { valueOf: () => null, byKey: () => new Map(), groups: [] };

/** Whether the figure can be computed at all: its metrics or its state are registered. */
export function computable(definition: FigureDefinition): boolean {
  if (definition.current) return figureSnapshot(definition.current) !== undefined;
  if (definition.perOrgRate && !figureSnapshot(definition.perOrgRate.snapshot)) return false;
  return definition.parts.every((part) => part.optional || hasFigureMetric(part.metric));
}

async function readPart(
  part: FigureDefinition['parts'][number],
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping,
  reads: CounterReads | undefined,
): Promise<PartGroups> {
  if (!hasFigureMetric(part.metric)) return new Map();
  if (!part.sinceStart) return figureGroups(part.metric, orgId, range, grouping, reads);
  const firstYear = await (reads ? reads.firstYear(part.metric) : firstCounterYear(part.metric));
  if (firstYear === null) return new Map();
  return figureGroups(part.metric, orgId, { from: `${firstYear}-01-01`, to: range.to }, grouping, reads);
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
  if (definition.perOrgRate) return evaluatePerOrgRate(definition, orgId, range, reads);
  const parts = await Promise.all(definition.parts.map((part) => readPart(part, orgId, range, grouping, reads)));
  const sumsOf = (group: string) => parts.map((part) => part.get(group) ?? new Map<string, number>());
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
    groups: [...new Set(parts.flatMap((part) => [...part.keys()]))],
  };
}

/** A state now: only the whole subtree (a child's state is asked of the child itself). */
async function evaluateSnapshot(name: string, orgId: Types.ObjectId, grouping: FigureGrouping): Promise<Evaluated> {
  if (grouping.by !== 'total') return NOT_COMPUTABLE;
  const state = await figureSnapshot(name)!(orgId);
  return {
    valueOf: (group) => (group === '' ? keySum(state) : null),
    byKey: () => new Map(state),
    groups: [''],
  };
}

/** Σ over orgs with a known denominator of the parts' value ÷ Σ of their denominators. */
async function evaluatePerOrgRate(
  definition: FigureDefinition,
  orgId: Types.ObjectId,
  range: DayRange,
  reads: CounterReads | undefined,
) {
  const denominators = await figureSnapshot(definition.perOrgRate!.snapshot)!(orgId);
  const parts = await Promise.all(definition.parts.map((part) => readPart(part, orgId, range, { by: 'org' }, reads)));
  let numerator = 0;
  let denominator = 0;
  for (const [org, below] of denominators) {
    numerator += definition.combine(parts.map((part) => part.get(org) ?? new Map())) ?? 0;
    denominator += below;
  }
  const rate = denominator > 0 ? numerator / denominator : null;
  return { valueOf: (group: string) => (group === '' ? rate : null), byKey: () => new Map(), groups: [''] };
}
