/** Service counts (驿站服务人次) by day or month, for a station or an organisation's subtree. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import { DAY_MS, type StationStatsQuerySchema, type StationStatsSchema } from '@union/shared';
import { NotFoundError, ValidationError } from '../../http/errors';
import { scopeOrgIds, type Actor } from '../auth/actor';
import { OrganizationModel } from '../organizations/organization.model';
import { operableStation, STATION_OPERATOR_ROLES } from '../stations/policy';
import { DailyVisitsModel } from './visit.model';

/** A year (a leap one included) per query: enough for an annual report, small enough to answer quickly. */
export const MAX_STATS_DAYS = 366;

type StatsQuery = z.output<typeof StationStatsQuerySchema>;
type Stats = z.output<typeof StationStatsSchema>;

export async function stationStats(actor: Actor, query: StatsQuery): Promise<Stats> {
  const days = daysInclusive(query.from, query.to);
  if (days < 1) throw ValidationError([{ path: 'to', message: '结束日期不能早于开始日期' }]);
  if (days > MAX_STATS_DAYS) throw ValidationError([{ path: 'to', message: `一次最多查询 ${MAX_STATS_DAYS} 天` }]);

  const match: Record<string, unknown> = { date: { $gte: query.from, $lte: query.to } };
  if (query.stationId) match.stationId = (await operableStation(actor, query.stationId))._id;
  // A station alone is its own scope; otherwise the figures cover an organisation the actor runs.
  if (query.orgId || !query.stationId) match.orgPath = await scopedOrgId(actor, query.orgId);

  const periodField = query.granularity === 'day' ? '$date' : '$month';
  const sums = await DailyVisitsModel.aggregate<{ _id: string; checkIns: number; walkIns: number }>([
    { $match: match },
    { $group: { _id: periodField, checkIns: { $sum: '$checkIns' }, walkIns: { $sum: '$walkIns' } } },
  ]);
  const byPeriod = new Map(sums.map((sum) => [sum._id, sum]));
  // Every period appears, with zeros where nobody came, so a chart's axis has no gaps.
  const periods =
    query.granularity === 'day' ? datesBetween(query.from, query.to) : monthsBetween(query.from, query.to);
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

/** The requested organisation if the actor operates stations over it (else 404), by default their first such one. */
async function scopedOrgId(actor: Actor, orgId: string | undefined): Promise<Types.ObjectId> {
  const scope = scopeOrgIds(actor, STATION_OPERATOR_ROLES);
  const wanted = orgId ?? scope[0];
  const org = wanted ? await OrganizationModel.findById(wanted, { path: 1 }).lean() : null;
  if (!org || !org.path.some((ancestor) => scope.includes(String(ancestor)))) {
    throw NotFoundError('组织不存在或不在您的管辖范围内');
  }
  return org._id;
}

// Dates here are China calendar dates (`YYYY-MM-DD`) already: counting them needs no zone.
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** How many days `from`..`to` spans, both included (0 or less when `to` is before `from`). */
function daysInclusive(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Every date from `from` to `to`, both included. */
function datesBetween(from: string, to: string): string[] {
  const first = dayNumber(from);
  return Array.from({ length: Math.max(0, daysInclusive(from, to)) }, (_, index) => dateOfDayNumber(first + index));
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
