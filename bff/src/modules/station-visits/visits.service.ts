/** Check-ins by scanning a station's poster, and walk-ins recorded by its keeper. */
import { z } from 'zod';
import type { CheckInResultSchema, WalkInRequestSchema } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { BadRequestError, ConflictError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { addDailyVisits } from './daily-visits';
import { markStationVisits } from './figures';
import { operableStation, publishedStation } from '../stations/policy';
import { readStationCode } from './station-code';
import { CheckInGateModel, StationCheckInModel, WalkInRecordModel } from './visit.model';

/** A person's repeated scans at one station within this window are one visit. */
export const CHECK_IN_WINDOW_MS = 30 * 60_000;

export async function checkIn(
  actor: Actor,
  scanned: string,
  codeSecret: string,
): Promise<z.output<typeof CheckInResultSchema>> {
  const stationId = readStationCode(codeSecret, scanned);
  if (!stationId) {
    throw BadRequestError('这不是有效的驿站打卡码，请扫描驿站张贴的二维码', 'invalid_station_code');
  }
  const station = await publishedStation(stationId);
  if (station.status === 'closed') throw ConflictError('该驿站已暂停服务，暂不能打卡', 'station_closed');

  const now = new Date();
  const counted = await claimCountedVisit(stationId, actor.accountId, now);
  await StationCheckInModel.create({
    stationId,
    accountId: actor.accountId,
    memberId: actor.memberId,
    counted,
    at: now,
  });
  if (counted) {
    await addDailyVisits(station, now, { checkIns: 1 });
    await markStationVisits(station, now);
  }
  return { stationId, stationName: station.name, counted, checkedInAt: now.toISOString() };
}

/**
 * True for the one scan that moves the person's gate at this station forward.
 * The gate either exists and is older than the window (the conditional update
 * matches), or does not exist (the upsert creates it). When it exists and is
 * recent, the upsert tries to insert the same `_id` and collides: a visit was
 * already counted, possibly by a parallel scan a moment ago (`updateIf` reports
 * that collision, like a lost insert race, as not applied).
 */
function claimCountedVisit(stationId: string, accountId: string, now: Date): Promise<boolean> {
  return updateIf(
    CheckInGateModel,
    {
      key: { _id: `${stationId}:${accountId}` },
      when: { lastCountedAt: { $lte: new Date(now.getTime() - CHECK_IN_WINDOW_MS) } },
    },
    { $set: { stationId, accountId, lastCountedAt: now } },
    { upsert: true },
  );
}

/**
 * Adds walk-in visitors to today's count, once per client request id. The record
 * is written before the count: a retry that finds it does not count again, and a
 * crash between the two writes loses that count rather than doubling it.
 */
export async function recordWalkIns(
  actor: Actor,
  stationId: string,
  request: z.output<typeof WalkInRequestSchema>,
): Promise<{ ok: true }> {
  const station = await operableStation(actor, stationId);
  const now = new Date();
  try {
    await WalkInRecordModel.create({
      _id: request.requestId,
      stationId: station._id,
      count: request.count,
      accountId: actor.accountId,
      at: now,
    });
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    const first = await WalkInRecordModel.findById(request.requestId).lean();
    if (first && String(first.stationId) === stationId && first.count === request.count) return { ok: true };
    throw ConflictError('该登记编号已用于另一次登记，请刷新页面后重新登记', 'request_id_reused');
  }
  await addDailyVisits(station, now, { walkIns: request.count });
  await markStationVisits(station, now);
  return { ok: true };
}
