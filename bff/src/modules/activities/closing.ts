/**
 * Closing an activity after its last session: each confirmed entry becomes 已完成 when its
 * attendance meets the activity's rule, or 缺席 (no_show) when it never checked in. The lottery's
 * `repeated_no_show` tag counts exactly these `no_show` entries (lottery.service.ts). Every change
 * is a conditional update on the status read, so the job may run beside the routes, twice, and
 * on several instances; an activity is marked closed only after its entries are settled, so an
 * interrupted run is finished by the next one.
 */
import type { Types } from 'mongoose';
import { activityKind, courseCompleted, nextStatus, type ActivityKind, type EntryStatus } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { AttendanceModel, sessionsAttendedByEntry } from './attendance.model';
import { entriesChanged } from './entry-changes';
import { EntryModel } from './entry.model';

/**
 * How long after the last session an activity is closed: an offline scanner syncs its scans when
 * it is back online, and a scan arriving after closing would find the entry already 缺席.
 */
export const CLOSING_GRACE_MS = 24 * 3_600_000;

type CompletionRule = Pick<ActivityDoc, 'kind' | 'requiredSessions'> & { sessions: readonly unknown[] };

/**
 * Whether `attended` sessions complete the activity: a course, or any activity with a required
 * number of sessions, counts attendance (null required means every session); otherwise one
 * check-in completes it. The statistics' 完成 reads the same rule (stats.service.ts).
 */
export function attendanceCompletes(attended: number, activity: CompletionRule): boolean {
  const total = activity.sessions.length;
  const required = activity.requiredSessions ?? null;
  if (!activityKind(activity.kind as ActivityKind).countsAttendance && required === null) return attended >= 1;
  return courseCompleted(attended, total, required ?? total);
}

const lastSessionEnd = (activity: Pick<ActivityDoc, 'sessions'>): number =>
  Math.max(...activity.sessions.map((session) => (session.endsAt as Date).getTime()));

export interface ClosingResult {
  activitiesClosed: number;
  completed: number;
  noShows: number;
}

/** Closes every activity whose last session ended at least CLOSING_GRACE_MS before `now`. */
export async function closeEndedActivities(now: Date): Promise<ClosingResult> {
  // Running and ended-but-open activities only: closed ones are never read again.
  const candidates = await ActivityModel.find(
    { status: { $in: ['published', 'paused'] }, closedAt: null, firstSessionStartsAt: { $lte: now } },
    { kind: 1, sessions: 1, requiredSessions: 1, groups: 1 },
  ).lean<Pick<ActivityDoc, '_id' | 'kind' | 'sessions' | 'requiredSessions' | 'groups'>[]>();
  const result: ClosingResult = { activitiesClosed: 0, completed: 0, noShows: 0 };
  for (const activity of candidates) {
    if (activity.sessions.length === 0 || lastSessionEnd(activity) + CLOSING_GRACE_MS > now.getTime()) continue;
    const settled = await settleEntries(activity);
    await entriesChanged(settled.completedIds, now);
    await entriesChanged(settled.noShowIds, now, '活动结束时未签到；累计多次缺席将降低今后抽签的权重');
    const unplaced = await endUndecidedEntries(activity);
    await entriesChanged(unplaced.notDrawnIds, now, UNPLACED_NOTE);
    await entriesChanged(unplaced.cancelledIds, now, UNPLACED_NOTE);
    result.completed += settled.completed;
    result.noShows += settled.noShows;
    const closed = await updateIf(
      ActivityModel,
      { key: { _id: activity._id }, when: { closedAt: null } },
      { $set: { closedAt: now } },
    );
    if (closed) result.activitiesClosed += 1;
  }
  return result;
}

async function settleEntries(activity: Pick<ActivityDoc, '_id' | 'kind' | 'sessions' | 'requiredSessions'>) {
  const [entries, attendance] = await Promise.all([
    EntryModel.find({ activityId: activity._id, status: { $in: ['confirmed', 'checked_in'] } }, { status: 1 }).lean<
      { _id: Types.ObjectId; status: EntryStatus }[]
    >(),
    AttendanceModel.find({ activityId: activity._id }, { entryId: 1, sessionIndex: 1 }).lean<
      { entryId: Types.ObjectId; sessionIndex: number }[]
    >(),
  ]);
  const attendedOf = sessionsAttendedByEntry(attendance);
  const settled = { completed: 0, noShows: 0, completedIds: [] as Types.ObjectId[], noShowIds: [] as Types.ObjectId[] };
  for (const entry of entries) {
    const attended = attendedOf.get(String(entry._id)) ?? 0;
    if (attended === 0) {
      if (await move(entry._id, entry.status, 'mark_no_show')) {
        settled.noShows += 1;
        settled.noShowIds.push(entry._id);
      }
      continue;
    }
    // Attended but still `confirmed`: a check-in whose status change was cut short. Finish it first.
    let status = entry.status;
    if (status === 'confirmed' && (await move(entry._id, 'confirmed', 'check_in'))) status = 'checked_in';
    // A course attended too rarely stays 已签到: it was not a no-show, nor completed.
    if (attendanceCompletes(attended, activity) && (await move(entry._id, status, 'complete'))) {
      settled.completed += 1;
      settled.completedIds.push(entry._id);
    }
  }
  return settled;
}

const UNPLACED_NOTE = '活动已结束，未获得名额';
const UNDECIDED: EntryStatus[] = ['pending_review', 'awaiting_draw', 'waitlisted', 'offered', 'pending_payment'];

/**
 * Entries still without a place when the activity closes: no place comes any more. A lottery
 * group's waitlisted entry lost the draw (未中签); any other undecided entry is cancelled with
 * the reason told. Each is a conditional update on the status read.
 */
async function endUndecidedEntries(activity: Pick<ActivityDoc, '_id' | 'groups'>) {
  const lotteryGroups = new Set(activity.groups.filter((g) => g.allocation === 'lottery').map((g) => g.id));
  const entries = await EntryModel.find(
    { activityId: activity._id, status: { $in: UNDECIDED } },
    { status: 1, groupId: 1 },
  ).lean<{ _id: Types.ObjectId; status: EntryStatus; groupId: string }[]>();
  const ended = { notDrawnIds: [] as Types.ObjectId[], cancelledIds: [] as Types.ObjectId[] };
  for (const entry of entries) {
    const drawWaitlist = entry.status === 'waitlisted' && lotteryGroups.has(entry.groupId);
    const to = nextStatus(entry.status, drawWaitlist ? 'closed_draw_waitlist' : 'closed_unplaced');
    if (!to) continue;
    const moved = await updateIf(
      EntryModel,
      { key: { _id: entry._id }, when: { status: entry.status } },
      // The reason goes with the message (entriesChanged); removedReason would read as the organiser's removal.
      { $set: { status: to }, $unset: { liveKey: 1 } },
    );
    if (moved) (to === 'not_drawn' ? ended.notDrawnIds : ended.cancelledIds).push(entry._id);
  }
  return ended;
}

/** One transition, applied only if the entry is still in `from` (a concurrent change wins). */
async function move(entryId: Types.ObjectId, from: EntryStatus, event: 'mark_no_show' | 'check_in' | 'complete') {
  const to = nextStatus(from, event);
  if (!to) return false;
  return updateIf(EntryModel, { key: { _id: entryId }, when: { status: from } }, { $set: { status: to } });
}
