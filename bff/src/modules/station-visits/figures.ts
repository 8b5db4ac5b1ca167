/** The station metrics the cadres' figures count (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { StationModel } from '../stations/station.model';
import { StationCheckInModel, WalkInRecordModel } from './visit.model';

type StationOrg = { orgId: Types.ObjectId; orgPath: Types.ObjectId[] };

/**
 * 驿站服务人次: counted check-ins (one per person per station per half hour) plus the walk-ins
 * keepers recorded, by the station's org and the China day they happened.
 */
export const stationVisits: FigureMetric = {
  name: 'stations.visits',
  async *records({ from, to, orgId }): AsyncIterable<FigureRecord> {
    const stations = await StationModel.find(orgId ? { orgPath: orgId, orgId } : {}, { orgId: 1, orgPath: 1 }).lean();
    const byId = new Map<string, StationOrg>(stations.map((station) => [String(station._id), station]));
    const stationFilter = orgId ? { stationId: { $in: stations.map((station) => station._id) } } : {};
    const at = { $gte: from, $lt: to };
    for await (const checkIn of StationCheckInModel.find(
      { ...stationFilter, counted: true, at },
      { stationId: 1, at: 1 },
    )
      .lean()
      .cursor()) {
      const station = byId.get(String(checkIn.stationId));
      if (station) yield { orgId: station.orgId, orgPath: station.orgPath, at: checkIn.at, amount: 1 };
    }
    for await (const walkIn of WalkInRecordModel.find({ ...stationFilter, at }, { stationId: 1, at: 1, count: 1 })
      .lean()
      .cursor()) {
      const station = byId.get(String(walkIn.stationId));
      if (station) yield { orgId: station.orgId, orgPath: station.orgPath, at: walkIn.at, amount: walkIn.count };
    }
  },
};
