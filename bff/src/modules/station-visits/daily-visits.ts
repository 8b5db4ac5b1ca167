import { isDuplicateKeyError } from '../../db/duplicate-key';
import type { StationDoc } from '../stations/station.model';
import { chinaDateOf } from '@union/shared';
import { noteStationVisited } from './last-visit';
import { DailyVisitsModel } from './visit.model';

/**
 * Adds visits to the station's count for the China day of `at`, and moves the station's date of
 * its latest visit (last-visit.ts) forward to that day. Two first visits
 * of a day may race to create the document; the loser of that race sees E11000
 * and simply retries, now finding the document to increment.
 */
export async function addDailyVisits(
  station: Pick<StationDoc, '_id' | 'orgPath' | 'lastVisitDate'>,
  at: Date,
  visits: { checkIns?: number; walkIns?: number },
): Promise<void> {
  const date = chinaDateOf(at);
  const filter = { _id: `${String(station._id)}:${date}` };
  const update = {
    $set: { stationId: station._id, orgPath: station.orgPath, date, month: date.slice(0, 7) },
    $inc: { checkIns: visits.checkIns ?? 0, walkIns: visits.walkIns ?? 0 },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await DailyVisitsModel.updateOne(filter, update, { upsert: true });
      break;
    } catch (caught) {
      if (!isDuplicateKeyError(caught) || attempt >= 3) throw caught;
    }
  }
  await noteStationVisited(station, at);
}
