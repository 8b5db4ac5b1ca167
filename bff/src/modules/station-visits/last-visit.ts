/**
 * Each station remembers the China date of its latest counted visit (`lastVisitDate`), so the
 * workbench's "no visit in N days" notice is one indexed query over the stations in scope rather
 * than a scan of every check-in and walk-in.
 */
import { chinaDateOf } from '@union/shared';
import { StationModel, type StationDoc } from '../stations/station.model';

/**
 * Moves the station's date forward to the day of `at`. Only the first visit of a day writes:
 * the station just read already says today for the rest, and the condition keeps a late or
 * parallel writer from moving the date back. `updatedAt` stays: a visit is not an edit.
 */
export async function noteStationVisited(station: Pick<StationDoc, '_id' | 'lastVisitDate'>, at: Date) {
  const date = chinaDateOf(at);
  if ((station.lastVisitDate ?? '') >= date) return;
  await StationModel.updateOne(
    { _id: station._id, $or: [{ lastVisitDate: { $lt: date } }, { lastVisitDate: null }] },
    { $set: { lastVisitDate: date } },
    { timestamps: false },
  );
}
