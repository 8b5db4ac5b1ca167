/** Service counts (驿站服务人次) by day or month, for a station or an organisation's subtree. */
import type { z } from 'zod';
import {
  calendarDatesBetween,
  calendarDaysInclusive,
  type StationStatsQuerySchema,
  type StationStatsSchema,
} from '@union/shared';
import { ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { scopedOrgId } from '../auth/org-scope';
import { operableStation, STATION_OPERATOR_ROLES } from '../stations/policy';
import { DailyVisitsModel } from './visit.model';

/** A year (a leap one included) per query: enough for an annual report, small enough to answer quickly. */
export const MAX_STATS_DAYS = 366;

type StatsQuery = z.output<typeof StationStatsQuerySchema>;
type Stats = z.output<typeof StationStatsSchema>;

export async function stationStats(actor: Actor, query: StatsQuery): Promise<Stats> {
  const days = calendarDaysInclusive(query.from, query.to);
  if (days < 1) throw ValidationError([{ path: 'to', message: '结束日期不能早于开始日期' }]);
  if (days > MAX_STATS_DAYS) throw ValidationError([{ path: 'to', message: `一次最多查询 ${MAX_STATS_DAYS} 天` }]);

  const match: Record<string, unknown> = { date: { $gte: query.from, $lte: query.to } };
  if (query.stationId) match.stationId = (await operableStation(actor, query.stationId))._id;
  // A station alone is its own scope; otherwise the figures cover an organisation the actor runs.
  if (query.orgId || !query.stationId) match.orgPath = await scopedOrgId(actor, STATION_OPERATOR_ROLES, query.orgId);

  const periodField = query.granularity === 'day' ? '$date' : '$month';
  const sums = await DailyVisitsModel.aggregate<{ _id: string; checkIns: number; walkIns: number }>([
    { $match: match },
    { $group: { _id: periodField, checkIns: { $sum: '$checkIns' }, walkIns: { $sum: '$walkIns' } } },
  ]);
  const byPeriod = new Map(sums.map((sum) => [sum._id, sum]));
  // Every period appears, with zeros where nobody came, so a chart's axis has no gaps.
  const periods =
    query.granularity === 'day' ? calendarDatesBetween(query.from, query.to) : monthsBetween(query.from, query.to);
  const rows = periods.map((period) => ({
    period,
    checkIns: byPeriod.get(period)?.checkIns ?? 0,
    walkIns: byPeriod.get(period)?.walkIns ?? 0,
  }));
  return {
    rows,
    totals: {
      checkIns: rows.reduce((total, row) => total + row.checkIns, 0),
      walkIns: rows.reduce((total, row) => total + row.walkIns, 0),
    },
  };
}

/** Every `YYYY-MM` month from the month of `from` to the month of `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
