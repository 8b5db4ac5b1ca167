/**
 * Comparing a metric's counters with a brute-force count of its raw records: totals over
 * subtrees, by key and by child org, over a range of China days. For the features' figure tests.
 */
import { expect } from 'vitest';
import type { FilterQuery, Types } from 'mongoose';
import { FigureCounterModel, type CounterDoc } from './counter.model';
import { dayAt } from './day-index';
import { figureByChild, figureByKey, figureTotal } from './read';

/** One raw record as a test counts it by hand. */
export interface RawRecord {
  orgPath: Types.ObjectId[];
  amount: number;
  key?: string;
}

type Org = { _id: Types.ObjectId; path: Types.ObjectId[] };
type DayRange = { from: string; to: string };

const within = (record: RawRecord, org: Org) => record.orgPath.some((id) => id.equals(org._id));
const sumOf = (records: RawRecord[]) => records.reduce((sum, record) => sum + record.amount, 0);

function grouped(records: RawRecord[], keyOf: (record: RawRecord) => string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const record of records) sums.set(keyOf(record), (sums.get(keyOf(record)) ?? 0) + record.amount);
  return sums;
}

/** Keys (or children) whose value is not 0: a counter recounted to 0 stays, and means nothing. */
const nonZero = (sums: Map<string, number>) => new Map([...sums].filter(([, value]) => value !== 0));

/**
 * Expects the counters of `metric` to equal the raw records: the total of every org in `orgs`,
 * the breakdown by key of the first (the top), and by child of each org. Answers what it read,
 * so a caller can compare it after a rebuild.
 */
export async function expectFiguresMatch(
  metric: string,
  raw: RawRecord[],
  orgs: Org[],
  range: DayRange,
): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const org of orgs) {
    const expected = raw.filter((record) => within(record, org));
    const total = await figureTotal(metric, org._id, range);
    expect(total, `${metric} total of ${String(org._id)}`).toBe(sumOf(expected));
    const depth = org.path.length - 1;
    const byChild = nonZero(await figureByChild(metric, org._id, range));
    const expectedByChild = nonZero(grouped(expected, (record) => String(record.orgPath[depth + 1] ?? org._id)));
    expect(byChild, `${metric} by child of ${String(org._id)}`).toEqual(expectedByChild);
    seen[`total:${String(org._id)}`] = total;
    seen[`children:${String(org._id)}`] = Object.fromEntries(byChild);
  }
  const top = orgs[0]!;
  const byKey = nonZero(await figureByKey(metric, top._id, range));
  expect(byKey, `${metric} by key`).toEqual(
    nonZero(
      grouped(
        raw.filter((record) => within(record, top)),
        (record) => record.key ?? '',
      ),
    ),
  );
  seen.byKey = Object.fromEntries(byKey);
  return seen;
}

/** `metric|org|day|key` → value of every non-zero stored day of the metrics matching `metric`. */
export async function storedCounterDays(metric: FilterQuery<CounterDoc>['metric']): Promise<Map<string, number>> {
  const days = new Map<string, number>();
  for (const counter of await FigureCounterModel.find({ metric }).lean<CounterDoc[]>()) {
    counter.days.forEach((value, index) => {
      if (value)
        days.set(`${counter.metric}|${String(counter.orgId)}|${dayAt(counter.year, index)}|${counter.key}`, value);
    });
  }
  return days;
}
