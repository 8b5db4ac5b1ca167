/** The activity module's checks that both the presenter and the services need. */
import { cancelProblem, type EntryStatus } from '@union/shared';
import type { ActivityDoc } from './activity.model';
import type { EntryDoc } from './entry.model';

/** Whether the member may cancel this entry now (an activity called off has nothing left to cancel). */
export function entryCancelProblem(
  activity: Pick<ActivityDoc, 'status' | 'cancelDeadline'>,
  entry: Pick<EntryDoc, 'status'>,
  now: Date,
): string | null {
  if (activity.status === 'cancelled') return '活动已取消';
  return cancelProblem(activity, { status: entry.status as EntryStatus }, now);
}

export const mayCancelEntry = (
  activity: Pick<ActivityDoc, 'status' | 'cancelDeadline'>,
  entry: Pick<EntryDoc, 'status'>,
  now: Date,
) => entryCancelProblem(activity, entry, now) === null;
