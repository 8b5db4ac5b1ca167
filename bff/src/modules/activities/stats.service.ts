/**
 * Activity statistics: one activity's sign-ups and attendance, and an organisation subtree's
 * sessions, sign-ups and check-ins over a period (the annual report's figures). Every figure
 * follows its definition in shared/src/contract/activity-stats.ts; days are China dates, and a
 * check-in counts on the date of its session, so the per-day rows add up to the totals.
 * The embedded database has no usable aggregation expressions, so days are counted here from
 * lean rows of a few fields: one activity's entries, or one bounded period's.
 */
import type { Types } from 'mongoose';
import type { z } from 'zod';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  chinaDateOf,
  chinaDayRange,
  calendarDatesBetween,
  calendarDaysInclusive,
  UNION_OFFICE_ROLES,
  type ActivityKind,
  type ActivityOrgStats,
  type ActivityOrgStatsQuerySchema,
  type ActivityStats,
} from '@union/shared';
import { ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { scopedOrgId } from '../auth/org-scope';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { AttendanceModel, sessionsAttendedByEntry } from './attendance.model';
import { attendanceCompletes } from './closing';
import { EntryModel } from './entry.model';
import { managedActivity } from './organise.service';

/** A year (a leap one included) per query, as for the stations' statistics. */
export const MAX_STATS_DAYS = 366;

/** Entries that held a confirmed place: the 应到 of a session (checked in, completed, no-show included). */
export const CONFIRMED_STATUSES = ['confirmed', 'checked_in', 'completed', 'no_show'];
/** Activities whose sessions count: published (a paused one only stopped taking sign-ups). */
export const RUNNING_STATUSES = ['published', 'paused'];

type OrgStatsQuery = z.output<typeof ActivityOrgStatsQuerySchema>;
type SessionTimes = { startsAt: Date; endsAt: Date };
type EntryRow = { _id: Types.ObjectId; status: string; createdAt: Date; updatedAt: Date };
type AttendanceRow = { entryId: Types.ObjectId; memberId: Types.ObjectId; sessionIndex: number };

export const sessionsOf = (activity: Pick<ActivityDoc, 'sessions'>): SessionTimes[] =>
  activity.sessions.map((s) => ({ startsAt: s.startsAt as Date, endsAt: s.endsAt as Date }));

/**
 * 报名人次: an entry that held or waited for a place, unless it was rejected or cancelled before
 * the activity began. A cancelled entry changes no more, so its updatedAt is when it was cancelled.
 */
export function countsAsSignUp(entry: Pick<EntryRow, 'status' | 'updatedAt'>, firstSessionStartsAt: Date): boolean {
  if (entry.status === 'rejected') return false;
  return !(entry.status === 'cancelled' && entry.updatedAt.getTime() < firstSessionStartsAt.getTime());
}

export interface SessionFigures {
  sessionIndex: number;
  date: string;
  ended: boolean;
  expected: number;
  checkedIn: number;
  /** Members who checked in: a team's entry counts once in checkedIn, each teammate here. */
  attendees: number;
}

/**
 * Per session: 应到 = confirmed entries made before the session began, and anyone who checked in
 * at it (so the rate never passes 1); 签到 = its attendance records.
 */
function sessionFigures(
  sessions: SessionTimes[],
  confirmed: { id: string; createdAt: Date }[],
  attendance: { entryId: string; memberId: string; sessionIndex: number }[],
  now: Date,
): SessionFigures[] {
  return sessions.map((session, sessionIndex) => {
    const records = attendance.filter((a) => a.sessionIndex === sessionIndex);
    const attended = new Set(records.map((a) => a.entryId));
    const expected = new Set(attended);
    for (const entry of confirmed) if (entry.createdAt <= session.startsAt) expected.add(entry.id);
    return {
      sessionIndex,
      date: chinaDateOf(session.startsAt),
      ended: session.endsAt.getTime() <= now.getTime(),
      expected: expected.size,
      checkedIn: attended.size,
      attendees: new Set(records.map((a) => a.memberId)).size,
    };
  });
}

/** checked-in / expected over the sessions that have ended; null when nothing was expected. */
function rateOf(figures: SessionFigures[]): number | null {
  const ended = figures.filter((f) => f.ended);
  const expected = ended.reduce((sum, f) => sum + f.expected, 0);
  return expected === 0 ? null : ended.reduce((sum, f) => sum + f.checkedIn, 0) / expected;
}

// ---- one activity -----------------------------------------------------------------

export async function activityStats(actor: Actor, id: string, now: Date): Promise<ActivityStats> {
  const activity = await managedActivity(actor, id);
  const [entries, attendance] = await Promise.all([
    EntryModel.find({ activityId: activity._id }, { status: 1, createdAt: 1, updatedAt: 1 }).lean<EntryRow[]>(),
    AttendanceModel.find({ activityId: activity._id }, { entryId: 1, memberId: 1, sessionIndex: 1 }).lean<
      AttendanceRow[]
    >(),
  ]);
  const sessions = sessionsOf(activity);
  const confirmed = entries.filter((e) => CONFIRMED_STATUSES.includes(e.status));
  const attendedOf = sessionsAttendedByEntry(attendance);
  const figures = sessionFigures(
    sessions,
    confirmed.map((e) => ({ id: String(e._id), createdAt: e.createdAt })),
    attendance.map((a) => ({ entryId: String(a.entryId), memberId: String(a.memberId), sessionIndex: a.sessionIndex })),
    now,
  );
  const ended = figures.length > 0 && figures.every((f) => f.ended);
  const signUps = entries.filter((e) => countsAsSignUp(e, activity.firstSessionStartsAt));

  const days = new Map<string, { signUps: number; checkIns: number }>();
  const day = (date: string) => days.get(date) ?? days.set(date, { signUps: 0, checkIns: 0 }).get(date)!;
  for (const entry of signUps) day(chinaDateOf(entry.createdAt)).signUps += 1;
  for (const f of figures) if (f.attendees > 0) day(f.date).checkIns += f.attendees;

  return {
    activityId: String(activity._id),
    signUps: signUps.length,
    confirmed: confirmed.length,
    waitlisted: entries.filter((e) => e.status === 'waitlisted').length,
    cancelled: entries.filter((e) => e.status === 'cancelled').length,
    participants: attendance.length,
    distinctParticipants: new Set(attendance.map((a) => String(a.memberId))).size,
    noShows: ended ? confirmed.filter((e) => !attendedOf.has(String(e._id))).length : 0,
    completed: confirmed.filter((e) => attendanceCompletes(attendedOf.get(String(e._id)) ?? 0, activity)).length,
    checkInRate: rateOf(figures),
    sessions: figures.map(({ sessionIndex, date, expected, checkedIn, ended: over }) => ({
      sessionIndex,
      date,
      expected,
      checkedIn,
      checkInRate: over && expected > 0 ? checkedIn / expected : null,
    })),
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, counts]) => ({ date, ...counts })),
  };
}

// ---- an organisation's subtree over a period ----------------------------------------

export type ActivityRow = Pick<ActivityDoc, '_id' | 'kind' | 'sessions' | 'firstSessionStartsAt'>;

export async function orgActivityStats(actor: Actor, query: OrgStatsQuery, now: Date): Promise<ActivityOrgStats> {
  if (calendarDaysInclusive(query.from, query.to) > MAX_STATS_DAYS) {
    throw ValidationError([{ path: 'to', message: `一次最多查询 ${MAX_STATS_DAYS} 天` }]);
  }
  const dates = calendarDatesBetween(query.from, query.to);
  const orgId = await scopedOrgId(actor, UNION_OFFICE_ROLES, query.orgId);
  const start = chinaDayRange(query.from).start;
  const end = chinaDayRange(query.to).end;
  const inPeriod = (instant: Date) => instant >= start && instant < end;

  const [sessionActivities, signUpActivities] = await Promise.all([
    findActivities({
      orgPath: orgId,
      status: { $in: RUNNING_STATUSES },
      sessions: { $elemMatch: { startsAt: { $gte: start, $lt: end } } },
    }),
    // An entry is made after its activity is: activities created after the period have none in it.
    findActivities({ orgPath: orgId, status: { $ne: 'draft' }, createdAt: { $lt: end } }),
  ]);

  const byDay = new Map(dates.map((date) => [date, { date, sessions: 0, signUps: 0, checkIns: 0 }]));
  const byKind = new Map(
    ACTIVITY_KINDS.map((kind) => [
      kind,
      { kind, kindLabel: ACTIVITY_KIND_LABELS[kind], activities: 0, sessions: 0, signUps: 0, participants: 0 },
    ]),
  );
  const kindRow = (kind: string) => byKind.get(kind as ActivityKind)!;

  // Sign-ups, counted on the day they were made.
  const activityOf = new Map(signUpActivities.map((a) => [String(a._id), a]));
  const entries = EntryModel.find(
    {
      activityId: { $in: signUpActivities.map((a) => a._id) },
      createdAt: { $gte: start, $lt: end },
      status: { $ne: 'rejected' },
    },
    { activityId: 1, status: 1, createdAt: 1, updatedAt: 1 },
  )
    .lean<(EntryRow & { activityId: Types.ObjectId })[]>()
    .cursor();
  let signUps = 0;
  for await (const entry of entries) {
    const activity = activityOf.get(String(entry.activityId));
    if (!activity || !countsAsSignUp(entry, activity.firstSessionStartsAt)) continue;
    signUps += 1;
    kindRow(activity.kind).signUps += 1;
    const row = byDay.get(chinaDateOf(entry.createdAt));
    if (row) row.signUps += 1;
  }

  // Sessions in the period and their attendance.
  const figures = await periodSessionFigures(sessionActivities, now);
  let sessions = 0;
  let participants = 0;
  const counted: SessionFigures[] = [];
  for (const { activity, sessions: activityFigures } of figures) {
    const within = activityFigures.filter((f) => inPeriod(sessionsOf(activity)[f.sessionIndex]!.startsAt));
    if (within.length === 0) continue;
    const kind = kindRow(activity.kind);
    kind.activities += 1;
    for (const f of within) {
      sessions += 1;
      participants += f.attendees;
      kind.sessions += 1;
      kind.participants += f.attendees;
      const row = byDay.get(f.date);
      if (row) {
        row.sessions += 1;
        row.checkIns += f.attendees;
      }
      counted.push(f);
    }
  }

  return {
    from: query.from,
    to: query.to,
    totals: {
      activities: [...byKind.values()].reduce((sum, k) => sum + k.activities, 0),
      sessions,
      signUps,
      participants,
      checkInRate: rateOf(counted),
    },
    byKind: [...byKind.values()],
    byDay: [...byDay.values()],
  };
}

const findActivities = (filter: Record<string, unknown>) =>
  ActivityModel.find(filter, { kind: 1, sessions: 1, firstSessionStartsAt: 1 }).lean<ActivityRow[]>();

/** Each activity's session figures, from its confirmed entries and its attendance (two queries in all). */
export async function periodSessionFigures(activities: ActivityRow[], now: Date) {
  const ids = activities.map((a) => a._id);
  const [confirmed, attendance] = await Promise.all([
    EntryModel.find(
      { activityId: { $in: ids }, status: { $in: CONFIRMED_STATUSES } },
      { activityId: 1, createdAt: 1 },
    ).lean<{ _id: Types.ObjectId; activityId: Types.ObjectId; createdAt: Date }[]>(),
    AttendanceModel.find(
      { activityId: { $in: ids } },
      { activityId: 1, entryId: 1, memberId: 1, sessionIndex: 1 },
    ).lean<(AttendanceRow & { activityId: Types.ObjectId })[]>(),
  ]);
  const group = <T extends { activityId: Types.ObjectId }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const key = String(row.activityId);
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
    return map;
  };
  const confirmedOf = group(confirmed);
  const attendanceOf = group(attendance);
  return activities.map((activity) => ({
    activity,
    sessions: sessionFigures(
      sessionsOf(activity),
      (confirmedOf.get(String(activity._id)) ?? []).map((e) => ({ id: String(e._id), createdAt: e.createdAt })),
      (attendanceOf.get(String(activity._id)) ?? []).map((a) => ({
        entryId: String(a.entryId),
        memberId: String(a.memberId),
        sessionIndex: a.sessionIndex,
      })),
      now,
    ),
  }));
}
