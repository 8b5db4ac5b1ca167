/**
 * Reading the counters: a metric summed over an org's subtree (its counters carry `orgPath`,
 * ancestors and the org itself) and a day range, in total, by day, or by the org's children.
 * Only `$match` and `$group` with `$sum`, which every MongoDB and the embedded one answer alike.
 */
import type { Types } from 'mongoose';
import { OrganizationModel } from '../organizations/organization.model';
import { FigureCounterModel } from './counter.model';

interface DayRange {
  from: string;
  to: string;
}

/** Every key of the metric unless `key` names one. */
interface KeyFilter {
  key?: string;
}

const inSubtree = (metric: string, orgId: Types.ObjectId, range: DayRange, filter: KeyFilter = {}) => ({
  metric,
  orgPath: orgId,
  day: { $gte: range.from, $lte: range.to },
  ...(filter.key === undefined ? {} : { key: filter.key }),
});

export async function figureTotal(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<number> {
  const rows = await FigureCounterModel.aggregate<{ total: number }>([
    { $match: inSubtree(metric, orgId, range, filter) },
    { $group: { _id: null, total: { $sum: '$value' } } },
  ]);
  return rows[0]?.total ?? 0;
}

/** Key → value over the subtree and range, only the keys with a counter. */
export async function figureByKey(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
): Promise<Map<string, number>> {
  const rows = await FigureCounterModel.aggregate<{ _id: string; total: number }>([
    { $match: inSubtree(metric, orgId, range) },
    { $group: { _id: '$key', total: { $sum: '$value' } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.total]));
}

/** Day → value, only the days with a counter. */
export async function figureByDay(
  metric: string,
  orgId: Types.ObjectId,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const rows = await FigureCounterModel.aggregate<{ _id: string; total: number }>([
    { $match: inSubtree(metric, orgId, range, filter) },
    { $group: { _id: '$day', total: { $sum: '$value' } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.total]));
}

/**
 * Child org id → value over its subtree: the counters are grouped by their own org, then each
 * group is credited to the child on its path one level below `orgId` (which sits at `depth` in
 * every path, 0 for the top); the org's own records stay under its own id.
 */
export async function figureByChild(
  metric: string,
  orgId: Types.ObjectId,
  depth: number,
  range: DayRange,
  filter: KeyFilter = {},
): Promise<Map<string, number>> {
  const rows = await FigureCounterModel.aggregate<{ _id: Types.ObjectId; total: number }>([
    { $match: inSubtree(metric, orgId, range, filter) },
    { $group: { _id: '$orgId', total: { $sum: '$value' } } },
  ]);
  const orgs = await OrganizationModel.find({ _id: { $in: rows.map((row) => row._id) } }, { path: 1 }).lean();
  const paths = new Map(orgs.map((org) => [String(org._id), org.path]));
  const byChild = new Map<string, number>();
  for (const row of rows) {
    const path = paths.get(String(row._id)) ?? [];
    const child = String(path[depth + 1] ?? row._id);
    byChild.set(child, (byChild.get(child) ?? 0) + row.total);
  }
  return byChild;
}
