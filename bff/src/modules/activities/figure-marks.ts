/**
 * Where activity writes tell the figures what they changed (the metrics are figures.ts). Every
 * metric is by the activity's org, so a change marks (org, day) buckets of that org:
 * - an entry's change (made, cancelled, reviewed, drawn, offered, paid, checked in, closed):
 *   报名人次 on the day it was made, 应到 / 签到 of the sessions already ended (a session not yet
 *   ended is not counted; the activities job marks it when it ends, `markEndedSessions`), and
 *   the metrics other modules count from entries (contests.entrants) on the first session's day;
 * - an attendance record: its session's 参与人次, 应到 and 签到;
 * - the activity itself (edited, published, paused, cancelled): everything, on every day of its
 *   sessions and of its entries, before and after the change.
 * Marks are recounts, so marking more than changed costs a settle and never a wrong count.
 */
import type { Types } from 'mongoose';
import { chinaDateOf } from '@union/shared';
import { markFigureChanged } from '../figures/counters';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel } from './entry.model';

type MarkedActivity = Pick<ActivityDoc, '_id' | 'kind' | 'orgId' | 'orgPath' | 'sessions' | 'firstSessionStartsAt'>;

const SESSION_METRICS = ['activities.participants', 'activities.expected', 'activities.checkedIn'];

/**
 * Metrics other modules count from an activity's entries, on its first session's day (contests'
 * 参赛人次 for skill contests): registered in connect-modules.ts, since activities imports none of them.
 */
const entryMetrics: { name: string; kind: string }[] = [];

export function registerEntryMetric(metric: { name: string; kind: string }): void {
  if (!entryMetrics.some((known) => known.name === metric.name)) entryMetrics.push(metric);
}

const FIELDS = { kind: 1, orgId: 1, orgPath: 1, sessions: 1, firstSessionStartsAt: 1 };

/** Marks each metric once per day among the instants. */
async function mark(activity: MarkedActivity, metrics: string[], instants: Date[]): Promise<void> {
  const org = { orgId: activity.orgId, orgPath: activity.orgPath };
  const days = new Map(instants.map((at) => [chinaDateOf(at), at]));
  for (const at of days.values()) {
    for (const metric of metrics) await markFigureChanged(metric, { ...org, at });
  }
}

const sessionEnds = (activity: MarkedActivity, endedBy?: Date) =>
  activity.sessions.map((s) => s.endsAt as Date).filter((endsAt) => !endedBy || endsAt <= endedBy);

async function markEntryMetrics(activity: MarkedActivity): Promise<void> {
  const names = entryMetrics.filter((metric) => metric.kind === activity.kind).map((metric) => metric.name);
  if (names.length > 0) await mark(activity, names, [activity.firstSessionStartsAt]);
}

/** After entries changed (or were made): see the header. */
export async function markEntryFigures(entryIds: readonly (Types.ObjectId | string)[], now: Date): Promise<void> {
  if (entryIds.length === 0) return;
  const entries = await EntryModel.find({ _id: { $in: entryIds } }, { activityId: 1, createdAt: 1 }).lean();
  const byActivity = new Map<string, Date[]>();
  for (const entry of entries) {
    const made = byActivity.get(String(entry.activityId)) ?? [];
    made.push(entry.createdAt);
    byActivity.set(String(entry.activityId), made);
  }
  for (const [activityId, made] of byActivity) {
    const activity = await ActivityModel.findById(activityId, FIELDS).lean<MarkedActivity>();
    if (!activity) continue;
    await mark(activity, ['activities.signUps'], made);
    await mark(activity, ['activities.expected', 'activities.checkedIn'], sessionEnds(activity, now));
    await markEntryMetrics(activity);
  }
}

/** After an attendance record was written (or found written): its session's figures. */
export async function markAttendanceFigures(activity: MarkedActivity, sessionIndex: number): Promise<void> {
  const session = activity.sessions[sessionIndex];
  if (session) await mark(activity, SESSION_METRICS, [session.startsAt as Date, session.endsAt as Date]);
}

/**
 * After the activity itself changed: every metric on every day of its sessions and entries.
 * Pass the activity as it was too when the change may have moved its sessions or its org.
 */
export async function markActivityFigures(...versions: (MarkedActivity | null | undefined)[]): Promise<void> {
  for (const activity of versions) {
    if (!activity) continue;
    const starts = activity.sessions.map((s) => s.startsAt as Date);
    await mark(activity, ['activities.sessions', ...SESSION_METRICS], [...starts, ...sessionEnds(activity)]);
    const made = await EntryModel.find({ activityId: activity._id }, { createdAt: 1 }).lean();
    await mark(
      activity,
      ['activities.signUps'],
      made.map((entry) => entry.createdAt),
    );
    await markEntryMetrics(activity);
  }
}

/**
 * Sessions that ended in (since, now]: their 应到 and 签到 start to count (the activities job,
 * every minute, looks back a few minutes; the figures' reconcile of the last two days heals a
 * longer outage). A session lasts less than a day, so its start is within a day before its end.
 */
export async function markEndedSessions(since: Date, now: Date): Promise<number> {
  const activities = await ActivityModel.find(
    { 'sessions.startsAt': { $gte: new Date(since.getTime() - 86_400_000), $lte: now } },
    FIELDS,
  ).lean<MarkedActivity[]>();
  let marked = 0;
  for (const activity of activities) {
    const ended = sessionEnds(activity, now).filter((endsAt) => endsAt > since);
    await mark(activity, ['activities.expected', 'activities.checkedIn'], ended);
    marked += ended.length;
  }
  return marked;
}
