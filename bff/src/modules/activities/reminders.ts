/**
 * The job's reminder step: the day before each session, every live entrant (a confirmed or
 * checked-in entry's member, and the current members of its team) gets one 活动提醒 with the
 * activity, the session's date and time in China time and the venue. Exactly once per entrant
 * and session however often the job runs, and on several instances at once: a reminder is
 * claimed by writing its unique record first (reminder.model.ts), and only the writer sends.
 * A push that fails is logged and never stops the job or the other entrants' reminders.
 */
import { chinaDateOf, deadlineText, DAY_MS, type EntryStatus } from '@union/shared';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { notify } from '../notifications/notify';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel } from './entry.model';
import type { NotifyApp } from './notify';
import { ReminderModel } from './reminder.model';
import { entrantsOf, type Entrant } from './member-accounts';

/** Sessions starting within this much after a run are reminded by it: the day before. */
export const REMINDER_AHEAD_MS = DAY_MS;

/** Entries that will take part: a place confirmed (paid, drawn, approved) or already checked in. */
const TAKING_PART: EntryStatus[] = ['confirmed', 'checked_in'];

type ReminderActivity = Pick<ActivityDoc, '_id' | 'title' | 'venue' | 'sessions' | 'groups'>;
type Session = ReminderActivity['sessions'][number];

/** Sends the reminders owed for sessions starting in (now, now + 24 h]; resolves how many were sent. */
export async function sendSessionReminders(app: NotifyApp, now: Date): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_AHEAD_MS);
  const upcoming = (startsAt: Date | null | undefined) => startsAt != null && startsAt > now && startsAt <= horizon;
  // A paused activity still takes place (only its sign-up is paused); drafts and cancelled ones do not.
  const activities = await ActivityModel.find(
    { status: { $in: ['published', 'paused'] }, 'sessions.startsAt': { $gt: now, $lte: horizon } },
    { title: 1, venue: 1, sessions: 1, groups: 1 },
  ).lean<ReminderActivity[]>();
  let sent = 0;
  for (const activity of activities) {
    for (const [index, session] of activity.sessions.entries()) {
      if (!upcoming(session.startsAt)) continue;
      try {
        sent += await remindSession(app, activity, index, now);
      } catch (error) {
        app.logger.error(
          { err: error, activityId: String(activity._id), session: index },
          'activity session reminders stopped',
        );
      }
    }
  }
  return sent;
}

async function remindSession(app: NotifyApp, activity: ReminderActivity, index: number, now: Date): Promise<number> {
  const session = activity.sessions[index]!;
  const startsAt = session.startsAt as Date;
  const [entrants, reminded] = await Promise.all([
    entrantsOf(activity._id, TAKING_PART),
    ReminderModel.find({ activityId: activity._id, sessionStartsAt: startsAt }, { reminderKey: 1 }).lean(),
  ]);
  const done = new Set(reminded.map((reminder) => reminder.reminderKey));
  const body = reminderText(activity, index, now);
  let sent = 0;
  for (const entrant of entrants) {
    const reminderKey = `${String(entrant.entryId)}:${String(entrant.memberId)}:${startsAt.toISOString()}`;
    if (done.has(reminderKey) || !entrant.accountId) continue;
    if (!(await claim(activity, entrant, startsAt, reminderKey))) continue;
    // Cancelled between the read and the claim: the claim stays, and nothing is sent.
    if (!(await EntryModel.exists({ _id: entrant.entryId, status: { $in: TAKING_PART } }))) continue;
    try {
      await notify(app, {
        accountId: entrant.accountId,
        kind: 'activity_reminder',
        title: activity.title,
        body,
        link: `/pages-activities/detail/index?id=${String(activity._id)}`,
        at: startsAt,
      });
      sent += 1;
    } catch (error) {
      app.logger.warn({ err: error, entryId: String(entrant.entryId) }, 'activity reminder not recorded');
    }
  }
  return sent;
}

/** Writes the reminder's record; false when another run (or instance) wrote it first. */
async function claim(activity: ReminderActivity, entrant: Entrant, startsAt: Date, reminderKey: string) {
  try {
    await ReminderModel.create({
      reminderKey,
      activityId: activity._id,
      entryId: entrant.entryId,
      memberId: entrant.memberId,
      sessionStartsAt: startsAt,
    });
    return true;
  } catch (caught) {
    if (isDuplicateKeyError(caught)) return false;
    throw caught;
  }
}

/** `明天 12月5日 09:00–11:30（第2场，共8场），地点：西湖区文体中心（文二路 1 号）`, in China time. */
export function reminderText(activity: Pick<ActivityDoc, 'venue' | 'sessions'>, index: number, now: Date): string {
  const session: Session = activity.sessions[index]!;
  const startsAt = session.startsAt as Date;
  const day = chinaDateOf(startsAt) === chinaDateOf(now) ? '今天' : '明天';
  const ofMany = activity.sessions.length > 1 ? `（第${index + 1}场，共${activity.sessions.length}场）` : '';
  const venue = activity.venue;
  const where =
    venue.kind === 'online'
      ? `线上：${venue.name}`
      : `地点：${venue.name}${venue.address ? `（${venue.address}）` : ''}`;
  return `${day} ${deadlineText(startsAt)}–${session.end}${ofMany}，${where}`;
}
