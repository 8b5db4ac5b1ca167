/**
 * The station visit metrics the cadres' figures count (registered in connect-modules.ts): a
 * station's records count for the org the station belongs to.
 */
import { chinaMoment } from '@union/shared';
import type { Types } from 'mongoose';
import { markFigureChanged } from '../figures/counters';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { StationModel, type StationDoc } from '../stations/station.model';
import { StationCheckInModel, WalkInRecordModel } from './visit.model';

type StationOrg = { orgId: Types.ObjectId; orgPath: Types.ObjectId[] };
type Range = { from: Date; to: Date; orgId?: Types.ObjectId };

/** The stations whose records a recount reads (one org's own, or all), and the filter naming them. */
export async function stationsFor(orgId?: Types.ObjectId) {
  const stations = await StationModel.find(orgId ? { orgPath: orgId, orgId } : {}, { orgId: 1, orgPath: 1 }).lean();
  return {
    byId: new Map<string, StationOrg>(stations.map((station) => [String(station._id), station])),
    filter: orgId ? { stationId: { $in: stations.map((station) => station._id) } } : {},
  };
}

/** A visit as the metrics count it: a counted check-in (1) or a walk-in record (its count). */
async function* visitRecords({ from, to, orgId }: Range): AsyncIterable<FigureRecord & { stationId: string }> {
  const { byId, filter } = await stationsFor(orgId);
  const at = { $gte: from, $lt: to };
  const checkIns = StationCheckInModel.find({ ...filter, counted: true, at }, { stationId: 1, at: 1 })
    .lean()
    .cursor();
  for await (const checkIn of checkIns) {
    const station = byId.get(String(checkIn.stationId));
    if (station) yield { ...station, stationId: String(checkIn.stationId), at: checkIn.at, amount: 1 };
  }
  const walkIns = WalkInRecordModel.find({ ...filter, at }, { stationId: 1, at: 1, count: 1 })
    .lean()
    .cursor();
  for await (const walkIn of walkIns) {
    const station = byId.get(String(walkIn.stationId));
    if (station) yield { ...station, stationId: String(walkIn.stationId), at: walkIn.at, amount: walkIn.count };
  }
}

const recordOf = ({ orgId, orgPath, at, amount }: FigureRecord, key: string): FigureRecord => ({
  orgId,
  orgPath,
  at,
  amount,
  key,
});

/**
 * 驿站服务人次: counted check-ins (one per person per station per half hour) plus the walk-ins
 * keepers recorded, by the station's org and the China day they happened (the same records as
 * the station statistics' checkIns + walkIns); key = the station's id (the busiest stations).
 */
export const stationVisits: FigureMetric = {
  name: 'stations.visits',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const visit of visitRecords(range)) yield recordOf(visit, visit.stationId);
  },
};

/** The China hour of an instant as a figures key, 'H00' … 'H23'. */
export const chinaHourKey = (at: Date) => `H${chinaMoment(at).time.slice(0, 2)}`;

/** 驿站服务人次 by hour of the day: the records of `stations.visits`, key = China hour 'H00' … 'H23'. */
export const stationVisitsByHour: FigureMetric = {
  name: 'stations.visitsByHour',
  async *records(range: Range): AsyncIterable<FigureRecord> {
    for await (const visit of visitRecords(range)) yield recordOf(visit, chinaHourKey(visit.at));
  },
};

/** After a counted check-in or walk-in at `at`: its day is recounted. The reconcile job heals a crash before this. */
export async function markStationVisits(station: Pick<StationDoc, 'orgId' | 'orgPath'>, at: Date): Promise<void> {
  for (const metric of [stationVisits, stationVisitsByHour]) {
    await markFigureChanged(metric.name, { orgId: station.orgId, orgPath: station.orgPath, at });
  }
}
