/**
 * Check-in: staff scan of the member's card QR (or a manual mark), and the member's scan of the
 * rotating session code. A team member checks in on their captain's entry. One attendance record
 * per (entry, member, session); a repeat answers 200 with alreadyCheckedIn: true (friendlier at a
 * door than a 409), consistently for every method.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import { currentCheckInSession, maskedEntrantName, nextStatus, sessionOpenForCheckIn } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Runtime } from '../../runtime';
import type { Actor } from '../auth/actor';
import { MemberModel } from '../membership/member.model';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { AttendanceModel } from './attendance.model';
import { entriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { markAttendanceFigures } from './figure-marks';
import { managedActivity } from './organise.service';
import { TeamMemberModel, TeamModel } from './team.model';

type CheckInApp = Pick<Runtime, 'cardSigner' | 'config'>;
type Method = 'card_scan' | 'session_qr' | 'manual' | 'offline_sync';
export const SESSION_CODE_STEP_MS = 30_000;

const liveKeyOf = (activityId: Types.ObjectId | string, memberId: string) => `${String(activityId)}:${memberId}`;

/**
 * The entry a member checks in on: their own, or — for a current member of a team (not left, team
 * not cancelled) — the captain's entry, which holds the whole team's place.
 */
async function entryOfMember(activity: ActivityDoc, memberId: string): Promise<EntryDoc | null> {
  const liveKey = liveKeyOf(activity._id, memberId);
  const own = await EntryModel.findOne({ liveKey }).lean<EntryDoc>();
  if (own) return own;
  const row = await TeamMemberModel.findOne({ liveKey, captain: false, left: false }).lean();
  if (!row) return null;
  const team = await TeamModel.findOne({ _id: row.teamId, status: { $ne: 'cancelled' } }).lean();
  return team ? EntryModel.findOne({ _id: team.captainEntryId, activityId: activity._id }).lean<EntryDoc>() : null;
}

function pickSession(activity: ActivityDoc, sessionIndex: number | undefined, now: Date): number {
  const sessions = activity.sessions.map((s, index) => ({
    startsAt: s.startsAt as Date,
    endsAt: s.endsAt as Date,
    index,
  }));
  if (sessionIndex === undefined) {
    const current = currentCheckInSession(sessions, now);
    if (!current) throw ConflictError('当前不在签到时间内（开始前 30 分钟至结束）', 'check_in_closed');
    return current.index;
  }
  const session = sessions[sessionIndex];
  if (!session) throw ValidationError([{ path: 'sessionIndex', message: '场次不存在' }]);
  if (!sessionOpenForCheckIn(session, now)) throw ConflictError('该场次当前不在签到时间内', 'check_in_closed');
  return sessionIndex;
}

/**
 * Records the member's attendance (once) and moves confirmed → checked_in (conditionally): the
 * first of a team to arrive checks the team's entry in, each teammate still counts for themselves.
 */
async function checkIn(
  activity: ActivityDoc,
  entry: EntryDoc,
  attendee: Types.ObjectId | string,
  sessionIndex: number,
  method: Method,
  by: string | null,
  at: Date,
  clientId?: string,
) {
  if (!entry.liveKey) throw NotFoundError('未报名本活动');
  if (entry.status !== 'confirmed' && entry.status !== 'checked_in')
    throw ConflictError('报名未确认，不能签到', 'entry_not_confirmed');
  let alreadyCheckedIn = false;
  try {
    await AttendanceModel.create({
      activityId: activity._id,
      entryId: entry._id,
      memberId: new Types.ObjectId(String(attendee)),
      sessionIndex,
      method,
      at,
      by: by && Types.ObjectId.isValid(by) ? new Types.ObjectId(by) : null,
      clientId: clientId ?? null,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    alreadyCheckedIn = true;
  }
  // Marked on a repeat too: a first request that stored the record and died before marking is healed.
  await markAttendanceFigures(activity, sessionIndex);
  if (entry.status === 'confirmed') {
    const changed = await updateIf(
      EntryModel,
      { key: { _id: entry._id }, when: { status: 'confirmed' } },
      { $set: { status: nextStatus('confirmed', 'check_in') } },
    );
    // Only the first check-in changes the status (已签到): a course's later sessions say nothing.
    if (changed) await entriesChanged([entry._id], at);
  }
  const [member, attendedSessions, record] = await Promise.all([
    MemberModel.findById(attendee).lean<{ name: string; memberNo: string }>(),
    AttendanceModel.countDocuments({ entryId: entry._id, memberId: attendee }),
    AttendanceModel.findOne({ entryId: entry._id, memberId: attendee, sessionIndex }).lean<{ at: Date }>(),
  ]);
  const group = activity.groups.find((g) => g.id === entry.groupId);
  return {
    alreadyCheckedIn,
    entryId: String(entry._id),
    maskedName: member ? maskedEntrantName(member.name, member.memberNo) : '',
    groupName: group?.name ?? '',
    sessionIndex,
    attendedSessions,
    checkedInAt: (record?.at ?? at).toISOString(),
  };
}

export async function staffCheckIn(
  app: CheckInApp,
  actor: Actor,
  id: string,
  body: { cardToken?: string; entryId?: string; sessionIndex?: number; clientId?: string },
  now: Date,
) {
  const activity = await managedActivity(actor, id);
  let entry: EntryDoc | null;
  let attendee: Types.ObjectId | string | undefined;
  let method: Method;
  if (body.cardToken) {
    const check = app.cardSigner.check(body.cardToken, now.getTime());
    if (check.result === 'forged') throw ValidationError([{ path: 'cardToken', message: '会员卡二维码无效' }]);
    if (check.result !== 'valid')
      throw ValidationError([{ path: 'cardToken', message: '会员卡二维码已过期，请会员刷新后再出示' }]);
    entry = await entryOfMember(activity, check.claims.memberId);
    attendee = check.claims.memberId;
    method = 'card_scan';
  } else {
    entry = Types.ObjectId.isValid(body.entryId ?? '')
      ? await EntryModel.findOne({ _id: body.entryId, activityId: activity._id }).lean<EntryDoc>()
      : null;
    method = 'manual';
  }
  if (!entry) throw NotFoundError('未报名本活动');
  const sessionIndex = pickSession(activity, body.sessionIndex, now);
  return checkIn(
    activity,
    entry,
    attendee ?? entry.memberId,
    sessionIndex,
    method,
    actor.accountId,
    now,
    body.clientId,
  );
}

// ---- rotating session code ----------------------------------------------------

/** The code of (activity, session, 30-s step): HMAC-SHA256 under a key derived from JWT_SECRET. */
export function sessionCodeOf(jwtSecret: string, activityId: string, sessionIndex: number, step: number): string {
  const key = createHmac('sha256', jwtSecret).update('activity-session-code').digest();
  const mac = createHmac('sha256', key).update(`${activityId}|${sessionIndex}|${step}`).digest('base64url');
  return `S1.${sessionIndex}.${step}.${mac.slice(0, 22)}`;
}

const codeFor = (app: CheckInApp, activityId: string, sessionIndex: number, step: number) =>
  sessionCodeOf(app.config.JWT_SECRET, activityId, sessionIndex, step);

export async function sessionCode(app: CheckInApp, actor: Actor, id: string, now: Date) {
  const activity = await managedActivity(actor, id);
  const sessionIndex = pickSession(activity, undefined, now);
  const step = Math.floor(now.getTime() / SESSION_CODE_STEP_MS);
  return {
    code: codeFor(app, String(activity._id), sessionIndex, step),
    sessionIndex,
    validUntil: new Date((step + 1) * SESSION_CODE_STEP_MS).toISOString(),
  };
}

export async function memberCheckIn(app: CheckInApp, actor: Actor, id: string, code: string, now: Date) {
  const activity = Types.ObjectId.isValid(id) ? await ActivityModel.findById(id).lean<ActivityDoc>() : null;
  if (!activity) throw NotFoundError('活动不存在');
  const match = /^S1\.(\d{1,3})\.(\d{1,15})\.([\w-]{22})$/.exec(code);
  const invalid = () => ValidationError([{ path: 'code', message: '签到码无效，请扫描现场大屏上的签到码' }]);
  if (!match) throw invalid();
  const sessionIndex = Number(match[1]);
  const step = Number(match[2]);
  const expected = codeFor(app, String(activity._id), sessionIndex, step);
  if (expected.length !== code.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(code))) throw invalid();
  const nowStep = Math.floor(now.getTime() / SESSION_CODE_STEP_MS);
  if (step > nowStep || step < nowStep - 1)
    throw ValidationError([{ path: 'code', message: '签到码已过期，请扫描现场最新的签到码' }]);
  const current = pickSession(activity, undefined, now);
  if (current !== sessionIndex) throw ConflictError('签到码不属于当前场次，请扫描现场最新的签到码', 'wrong_session');
  const entry = actor.memberId ? await entryOfMember(activity, actor.memberId) : null;
  if (!entry || !actor.memberId) throw NotFoundError('未报名本活动');
  return checkIn(activity, entry, actor.memberId, sessionIndex, 'session_qr', actor.accountId, now);
}

// ---- offline sync ---------------------------------------------------------------

type SyncItem = { clientId: string; cardToken: string; sessionIndex: number; scannedAt: string };

/**
 * Re-verifies each offline scan at its scannedAt (the token was fresh when scanned), counts it when
 * scannedAt lies in the session's check-in window and not in the future. The (entry, member,
 * session) unique index makes a batch synced twice, or in parallel, count once.
 */
export async function syncCheckIns(app: CheckInApp, actor: Actor, id: string, items: SyncItem[], now: Date) {
  const activity = await managedActivity(actor, id);
  const results = [];
  for (const item of items) {
    const refused = (reason: string) => ({
      clientId: item.clientId,
      result: 'refused' as const,
      reason,
      maskedName: null,
    });
    const at = new Date(item.scannedAt);
    const session = activity.sessions[item.sessionIndex];
    if (!session) {
      results.push(refused('场次不存在'));
      continue;
    }
    if (at.getTime() > now.getTime()) {
      results.push(refused('扫码时间晚于当前时间'));
      continue;
    }
    if (!sessionOpenForCheckIn({ startsAt: session.startsAt as Date, endsAt: session.endsAt as Date }, at)) {
      results.push(refused('扫码时间不在该场次签到时间内'));
      continue;
    }
    const check = app.cardSigner.check(item.cardToken, at.getTime());
    if (check.result !== 'valid') {
      results.push(refused('会员卡二维码无效或已过期'));
      continue;
    }
    const entry = await entryOfMember(activity, check.claims.memberId);
    if (!entry) {
      results.push(refused('未报名本活动'));
      continue;
    }
    try {
      const done = await checkIn(
        activity,
        entry,
        check.claims.memberId,
        item.sessionIndex,
        'offline_sync',
        actor.accountId,
        at,
        item.clientId,
      );
      results.push({
        clientId: item.clientId,
        result: done.alreadyCheckedIn ? ('already' as const) : ('checked_in' as const),
        reason: null,
        maskedName: done.maskedName,
      });
    } catch (error) {
      results.push(refused(error instanceof Error ? error.message : '无法签到'));
    }
  }
  return { results };
}

// ---- attendance list --------------------------------------------------------------

export async function attendanceList(actor: Actor, id: string, sessionIndex: number) {
  const activity = await managedActivity(actor, id);
  if (!activity.sessions[sessionIndex]) throw ValidationError([{ path: 'sessionIndex', message: '场次不存在' }]);
  const entries = await EntryModel.find({
    activityId: activity._id,
    status: { $in: ['confirmed', 'checked_in', 'completed', 'no_show'] },
  })
    .sort({ _id: 1 })
    .limit(5000)
    .lean<EntryDoc[]>();
  const records = await AttendanceModel.find({ activityId: activity._id, sessionIndex }).lean<
    { entryId: Types.ObjectId; at: Date }[]
  >();
  const atOf = new Map(records.map((r) => [String(r.entryId), r.at]));
  const members = await MemberModel.find({ _id: { $in: entries.map((e) => e.memberId) } }).lean<
    { _id: Types.ObjectId; name: string; memberNo: string }[]
  >();
  const memberOf = new Map(members.map((m) => [String(m._id), m]));
  const items = entries.map((entry) => {
    const member = memberOf.get(String(entry.memberId));
    const at = atOf.get(String(entry._id)) ?? null;
    return {
      entryId: String(entry._id),
      maskedName: member ? maskedEntrantName(member.name, member.memberNo) : '',
      groupName: activity.groups.find((g) => g.id === entry.groupId)?.name ?? '',
      checkedIn: at !== null,
      statusText: at ? ('已签到' as const) : ('未签到' as const),
      checkedInAt: at ? at.toISOString() : null,
    };
  });
  return { sessionIndex, items, total: items.length, checkedIn: items.filter((i) => i.checkedIn).length };
}
