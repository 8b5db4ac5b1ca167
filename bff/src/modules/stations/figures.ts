/** The station states the cadres' figures show (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import { StationModel } from './station.model';

/** 驿站数 by status (open / closed), now, over the org's subtree. */
export async function stationsByStatus(orgId: Types.ObjectId): Promise<Map<string, number>> {
  const rows = await StationModel.aggregate<{ _id: string; count: number }>([
    { $match: { orgPath: orgId } },
    { $group: { _id: '$status', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.count]));
}

/** Station id → name, for the busiest stations of 服务人次. */
export async function stationNames(ids: string[]): Promise<Map<string, string>> {
  const valid = ids.filter((id) => /^[0-9a-f]{24}$/.test(id));
  const stations = await StationModel.find({ _id: { $in: valid } }, { name: 1 }).lean();
  return new Map(stations.map((station) => [String(station._id), station.name]));
}
