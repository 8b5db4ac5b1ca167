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
 * Child org id → value over its subtree: the counters are summed by their own org, then each
 * org is credited to the child on its path one level below `orgId` (which sits at `depth` in
 * every path, 0 for the top); the org's own records stay under its own id.
 */
export async function figureByChild(
  metric: string,
  orgId: Types.ObjectId,
  depth: number,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const { sums: byOrg, add } = summed<string>();
  await eachDay(metric, orgId, range, filter, (counter, _index, value) => add(String(counter.orgId), value));
  const orgs = await OrganizationModel.find({ _id: { $in: [...byOrg.keys()] } }, { path: 1 }).lean();
  const paths = new Map(orgs.map((org) => [String(org._id), org.path]));
  const { sums: byChild, add: credit } = summed<string>();
  for (const [org, value] of byOrg) credit(String(paths.get(org)?.[depth + 1] ?? org), value);
  return byChild;
}
