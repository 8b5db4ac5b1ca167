/**
 * Reading the counters: a metric summed over an org's subtree (its counter documents carry
 * `orgPath`, ancestors and the org itself) and a range of China days, in total, by key, by
 * day, by month or by the org's children. One document per org, key and year, so a year of a
 * city's metric is one document per org; the day sums are done here, not by the database.
 */
import type { Types } from 'mongoose';
import { OrganizationModel } from '../organizations/organization.model';
import { FigureCounterModel, type CounterDoc } from './counter.model';
import { dayAt, indexRange, yearOf } from './day-index';

export interface DayRange {
  /** YYYY-MM-DD, China dates, both included. */
  from: string;
  to: string;
}

/** Every key of the metric unless `key` names one. */
export interface KeyFilter {
  key?: string;
}

type Counter = Pick<CounterDoc, 'orgId' | 'key' | 'year' | 'days' | 'months' | 'total'>;

/** Calls `add(counter, day index, value)` for every non-zero day of the subtree's counters in range. */
async function eachDay(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter,
  add: (counter: Counter, index: number, value: number) => void,
): Promise<void> {
  const counters = await FigureCounterModel.find(
    {
      metric,
      orgPath: orgId,
      year: { $gte: yearOf(range.from), $lte: yearOf(range.to) },
      ...(filter.key === undefined ? {} : { key: filter.key }),
    },
    { orgId: 1, key: 1, year: 1, days: 1, months: 1, total: 1 },
  ).lean<Counter[]>();
  for (const counter of counters) {
    const span = indexRange(counter.year, range);
    if (!span) continue;
    for (let index = span.first; index <= span.last; index++) {
      const value = counter.days[index];
      if (value) add(counter, index, value);
    }
  }
}

function summed<K>(): { sums: Map<K, number>; add: (key: K, value: number) => void } {
  const sums = new Map<K, number>();
  return { sums, add: (key, value) => sums.set(key, (sums.get(key) ?? 0) + value) };
}

export async function figureTotal(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<number> {
  let total = 0;
  await eachDay(metric, orgId, range, filter, (_counter, _index, value) => (total += value));
  return total;
}

/** Key → value over the subtree and range, only the keys with a non-zero value. */
export async function figureByKey(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
): Promise<Map<string, number>> {
  const { sums, add } = summed<string>();
  await eachDay(metric, orgId, range, {}, (counter, _index, value) => add(counter.key, value));
  return sums;
}

/** Day → value, only the days with a non-zero value. */
export async function figureByDay(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const { sums, add } = summed<string>();
  await eachDay(metric, orgId, range, filter, (counter, index, value) => add(dayAt(counter.year, index), value));
  return sums;
}

/** 'YYYY-MM' → value, only the months with a non-zero value. */
export async function figureByMonth(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const { sums, add } = summed<string>();
  await eachDay(metric, orgId, range, filter, (counter, index, value) =>
    add(dayAt(counter.year, index).slice(0, 7), value),
  );
  return sums;
}

/**
 * Child org id → value over its subtree (the org's own records stay under its own id); the org
 * sits at `depth` in every path, 0 for the top.
 */
export async function figureByChild(
  metric: string,
  orgId: Types.ObjectId,
  depth: number,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const groups = await figureGroups(metric, orgId, range, { by: 'child', depth });
  const byChild = new Map<string, number>();
  for (const [child, keys] of groups) {
    let total = 0;
    for (const [key, value] of keys) if (filter.key === undefined || key === filter.key) total += value;
    if (total !== 0) byChild.set(child, total);
  }
  return byChild;
}

/** How `figureGroups` splits a metric's sums: not at all, by China day, by month, by own org or by child org. */
export type FigureGrouping =
  { by: 'total' } | { by: 'day' } | { by: 'month' } | { by: 'org' } | { by: 'child'; depth: number };

/**
 * Group → key → value over the subtree and range: everything a figure combining several
 * metrics, keys and groups needs, from one read of each metric.
 */
export async function figureGroups(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  grouping: FigureGrouping,
): Promise<Map<string, Map<string, number>>> {
  const groups = new Map<string, Map<string, number>>();
  const add = (group: string, key: string, value: number) => {
    const keys = groups.get(group) ?? new Map<string, number>();
    keys.set(key, (keys.get(key) ?? 0) + value);
    groups.set(group, keys);
  };
  const groupOf = (counter: Counter, index: number): string => {
    if (grouping.by === 'day') return dayAt(counter.year, index);
    if (grouping.by === 'month') return dayAt(counter.year, index).slice(0, 7);
    if (grouping.by === 'child' || grouping.by === 'org') return String(counter.orgId);
    return '';
  };
  await eachDay(metric, orgId, range, {}, (counter, index, value) => add(groupOf(counter, index), counter.key, value));
  if (grouping.by !== 'child') return groups;
  // Counters were grouped by their own org: credit each org to the child on its path.
  const orgs = await OrganizationModel.find({ _id: { $in: [...groups.keys()] } }, { path: 1 }).lean();
  const paths = new Map(orgs.map((org) => [String(org._id), org.path]));
  const byChild = new Map<string, Map<string, number>>();
  for (const [org, keys] of groups) {
    const child = String(paths.get(org)?.[grouping.depth + 1] ?? org);
    const sums = byChild.get(child) ?? new Map<string, number>();
    for (const [key, value] of keys) sums.set(key, (sums.get(key) ?? 0) + value);
    byChild.set(child, sums);
  }
  return byChild;
}

/** The China day of the earliest counter of a metric anywhere, for sums "since the start". */
export async function firstCounterYear(metric: string): Promise<number | null> {
  const first = await FigureCounterModel.find({ metric }, { year: 1 }).sort({ year: 1 }).limit(1).lean();
  return first[0]?.year ?? null;
}
