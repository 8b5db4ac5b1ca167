/**
 * Fields this module added to records that may predate them: a station's `lastVisitDate`
 * (last-visit.ts) and a feedback's `orgPath` (the open-feedback queue). Run once per database
 * at start-up (db/data-migrations.ts); idempotent and safe with several instances at once.
 */
import type { Types } from 'mongoose';
import { StationFeedbackModel } from './feedback.model';
import { StationModel } from '../stations/station.model';
import { DailyVisitsModel } from './visit.model';

/** A station's last visit is the latest day its daily counts have. */
async function backfillLastVisitDates(): Promise<number> {
  let filled = 0;
  for await (const station of StationModel.find({ lastVisitDate: { $exists: false } }, { _id: 1 })
    .lean()
    .cursor()) {
    const latest = await DailyVisitsModel.findOne({ stationId: station._id }, { date: 1 }).sort({ date: -1 }).lean();
    // A visit that wrote the date meanwhile wins: this only fills a field still missing.
    const result = await StationModel.updateOne(
      { _id: station._id, lastVisitDate: { $exists: false } },
      { $set: { lastVisitDate: latest?.date ?? '' } },
      { timestamps: false },
    );
    filled += result.modifiedCount;
  }
  return filled;
}

/** A feedback's org path is its station's. */
async function backfillFeedbackOrgPaths(): Promise<number> {
  let filled = 0;
  const stations = await StationFeedbackModel.aggregate<{ _id: Types.ObjectId }>([
    { $match: { orgPath: { $exists: false } } },
    { $group: { _id: '$stationId' } },
  ]);
  for (const { _id: stationId } of stations) {
    const station = await StationModel.findById(stationId, { orgPath: 1 }).lean();
    if (!station) continue;
    const result = await StationFeedbackModel.updateMany(
      { stationId, orgPath: { $exists: false } },
      { $set: { orgPath: station.orgPath } },
      { timestamps: false },
    );
    filled += result.modifiedCount;
  }
  return filled;
}

export async function backfillStationVisitFields(): Promise<{ stations: number; feedback: number }> {
  return { stations: await backfillLastVisitDates(), feedback: await backfillFeedbackOrgPaths() };
}
