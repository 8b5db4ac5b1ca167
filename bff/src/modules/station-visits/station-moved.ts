/**
 * A station's records count for the org the station belongs to now, so moving a station to
 * another org moves all its history: its feedback and daily visit counts take the new org path
 * (the open-feedback queue and the station statistics match on it), and in the figures every
 * day with any of its records is recounted for both orgs.
 */
import { chinaDateOf } from '@union/shared';
import { markFigureChanged } from '../figures/counters';
import type { StationDoc } from '../stations/station.model';
import { StationFeedbackModel } from './feedback.model';
import { stationFeedbackMetrics } from './feedback-figures';
import { stationVisits, stationVisitsByHour } from './figures';
import { DailyVisitsModel, StationCheckInModel, WalkInRecordModel } from './visit.model';

const STATION_METRICS = [stationVisits, stationVisitsByHour, ...stationFeedbackMetrics];

type Placed = Pick<StationDoc, '_id' | 'orgId' | 'orgPath'>;

/** After `before` became `after` (the same station in another org). Rare: a station changes hands. */
export async function markStationMoved(before: Placed, after: Placed): Promise<void> {
  if (String(before.orgId) === String(after.orgId)) return;
  const days = new Map<string, Date>();
  const note = (at: Date | null | undefined) => {
    if (at) days.set(chinaDateOf(at), at);
  };
  const stationId = before._id;
  await StationFeedbackModel.updateMany({ stationId }, { $set: { orgPath: after.orgPath } }, { timestamps: false });
  await DailyVisitsModel.updateMany({ stationId }, { $set: { orgPath: after.orgPath } });
  for await (const { at } of StationCheckInModel.find({ stationId, counted: true }, { at: 1 }).lean().cursor()) {
    note(at);
  }
  for await (const { at } of WalkInRecordModel.find({ stationId }, { at: 1 }).lean().cursor()) note(at);
  const instants = { createdAt: 1, firstRepliedAt: 1, handledAt: 1 };
  for await (const feedback of StationFeedbackModel.find({ stationId }, instants).lean().cursor()) {
    note(feedback.createdAt);
    note(feedback.firstRepliedAt);
    note(feedback.handledAt);
  }
  for (const at of days.values()) {
    for (const station of [before, after]) {
      for (const metric of STATION_METRICS) {
        await markFigureChanged(metric.name, { orgId: station.orgId, orgPath: station.orgPath, at });
      }
    }
  }
}
