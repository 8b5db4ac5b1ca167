/**
 * Reading the counters: a metric summed over an org's subtree (its counter documents carry
 * `orgPath`, ancestors and the org itself) and a range of China days, in total, by key, by
 * day, by month or by the org's children. One document per org, key and year, so a year of a
 * city's metric is one document per org; the day sums are done here, not by the database.
 *
 * A report reads dozens of figures, most of them twice (the period and last year's) and some
 * since the start: a `CounterReads` given to the reads loads each metric's documents of the
 * report's subtree once and answers every later read of that metric from memory.
 */
import type { Types } from 'mongoose';
import { FigureCounterModel, type CounterDoc } from './counter.model';
import { dayAt, dayIndex, indexRange, yearOf } from './day-index';

export interface DayRange {
  /** YYYY-MM-DD, China dates, both included. */
  from: string;
  to: string;
}

/** Every key of the metric unless `key` names one. */
export interface KeyFilter {
  key?: string;
}

type Counter = Pick<CounterDoc, 'orgId' | 'orgPath' | 'key' | 'year' | 'days' | 'total'>;
const COUNTER_FIELDS = { orgId: 1, orgPath: 1, key: 1, year: 1, days: 1, total: 1 } as const;

const isUnder = (counter: Counter, orgId: Types.ObjectId) => counter.orgPath.some((id) => id.equals(orgId));

/**
 * The counters of one subtree over the years a report reads, loaded once per metric (and the
 * first year of each metric once), for everything the report asks of that subtree or of an org
 * in it. A read from before `years.from` (a stock summed since the start) loads the metric again
 * from there, once.
 */
export class CounterReads {
  private readonly counters = new Map<string, { fromYear: number; counters: Promise<Counter[]> }>();
  private readonly firstYears = new Map<string, Promise<number | null>>();
  private readonly orgs: Set<string>;

  /** `orgs`: the orgs below `root` that reads may ask for (they must be in its subtree). */
  constructor(
    private readonly root: Types.ObjectId,
    private readonly years: { from: number; to: number },
    orgs: readonly Types.ObjectId[] = [],
  ) {
    this.orgs = new Set([root, ...orgs].map(String));
  }

  /** Whether a read of `orgId` over `range` can be answered from what this loads. */
  covers(orgId: Types.ObjectId, range: DayRange): boolean {
    return this.orgs.has(String(orgId)) && yearOf(range.to) <= this.years.to;
  }

  /** The metric's counters in the subtree from `fromYear` (or earlier) to the last year. */
  of(metric: string, fromYear: number): Promise<Counter[]> {
    const loaded = this.counters.get(metric);
    if (loaded && loaded.fromYear <= fromYear) return loaded.counters;
    const from = Math.min(fromYear, this.years.from);
    const counters = FigureCounterModel.find(
      { metric, orgPath: this.root, year: { $gte: from, $lte: this.years.to } },
      COUNTER_FIELDS,
    )
      .lean<Counter[]>()
      .exec();
    this.counters.set(metric, { fromYear: from, counters });
    return counters;
  }

  firstYear(metric: string): Promise<number | null> {
    let year = this.firstYears.get(metric);
    if (!year) {
      year = firstCounterYear(metric);
      this.firstYears.set(metric, year);
    }
    return year;
  }
}

async function countersOf(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  reads: CounterReads | undefined,
): Promise<Counter[]> {
  const [fromYear, toYear] = [yearOf(range.from), yearOf(range.to)];
  if (reads?.covers(orgId, range)) {
    return (await reads.of(metric, fromYear)).filter(
      (counter) => counter.year >= fromYear && counter.year <= toYear && isUnder(counter, orgId),
    );
  }
  return FigureCounterModel.find(
    { metric, orgPath: orgId, year: { $gte: fromYear, $lte: toYear } },
    COUNTER_FIELDS,
  ).lean<Counter[]>();
}

/**
 * How `figureGroups` splits a metric's sums: not at all, by China day, by month, by own org or
 * by child org; with `orgs`, only the counters of those orgs' own records are read (入会率 reads
 * the orgs that recorded their employees).
 */
export type FigureGrouping = { by: 'total' | 'day' | 'month' | 'org' | 'child'; orgs?: ReadonlySet<string> };

/** Group → key → value over the subtree and range, only non-zero days counted. */
export type FigureGroups = Map<string, Map<string, number>>;

/**
 * Group → key → value over the subtree and range: everything a figure combining several
 * metrics, keys and groups needs, from one read of each metric. By child: each counter goes
 * to the child of `orgId` on its own path (the org's own records stay under its own id).
 */
export async function figureGroups(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping,
  reads?: CounterReads,
): Promise<FigureGroups> {
  const groups: FigureGroups = new Map();
  const add = (group: string, key: string, value: number) => {
    const keys = groups.get(group) ?? new Map<string, number>();
    keys.set(key, (keys.get(key) ?? 0) + value);
    groups.set(group, keys);
  };
  const byDate = grouping.by === 'day' || grouping.by === 'month';
  const groupOf = (counter: Counter): string => {
    if (grouping.by === 'org') return String(counter.orgId);
    if (grouping.by !== 'child') return '';
    const depth = counter.orgPath.findIndex((id) => id.equals(orgId));
    return String(counter.orgPath[depth + 1] ?? orgId);
  };
  for (const counter of await countersOf(metric, orgId, range, reads)) {
    if (grouping.orgs && !grouping.orgs.has(String(counter.orgId))) continue;
    const span = indexRange(counter.year, range);
    if (!span) continue;
    if (!byDate && span.first === 0 && span.last === dayIndex(`${counter.year}-12-31`)) {
      // The whole year: its total, without walking the days.
      if (counter.total) add(groupOf(counter), counter.key, counter.total);
      continue;
    }
    for (let index = span.first; index <= span.last; index++) {
      const value = counter.days[index];
      if (!value) continue;
      const group = byDate ? dayAt(counter.year, index).slice(0, grouping.by === 'day' ? 10 : 7) : groupOf(counter);
      add(group, counter.key, value);
    }
  }
  return groups;
}

/** Group → value: the keys summed (only `filter.key` if given), only non-zero groups. */
function keysSummed(groups: FigureGroups, filter: KeyFilter = {}): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [group, keys] of groups) {
    let total = 0;
    for (const [key, value] of keys) if (filter.key === undefined || key === filter.key) total += value;
    if (total !== 0) sums.set(group, total);
  }
  return sums;
}

export async function figureTotal(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<number> {
  return keysSummed(await figureGroups(metric, orgId, range, { by: 'total' }), filter).get('') ?? 0;
}

/** Key → value over the subtree and range, only the keys with a non-zero value. */
export async function figureByKey(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
): Promise<Map<string, number>> {
  const byKey = (await figureGroups(metric, orgId, range, { by: 'total' })).get('') ?? new Map<string, number>();
  return new Map([...byKey].filter(([, value]) => value !== 0));
}

/** Day ('YYYY-MM-DD') or month ('YYYY-MM') → value, only those with a non-zero value. */
export async function figureSeries(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  by: 'day' | 'month',
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  return keysSummed(await figureGroups(metric, orgId, range, { by }), filter);
}

/** Child org id → value over its subtree (the org's own records stay under its own id). */
export async function figureByChild(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  return keysSummed(await figureGroups(metric, orgId, range, { by: 'child' }), filter);
}

/** The year of the earliest counter of a metric anywhere, for sums "since the start". */
export async function firstCounterYear(metric: string): Promise<number | null> {
  const first = await FigureCounterModel.find({ metric }, { year: 1 }).sort({ year: 1 }).limit(1).lean();
  return first[0]?.year ?? null;
}
