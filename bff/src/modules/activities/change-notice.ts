/**
 * Tells every live entrant that the activity's time or place changed (活动安排有变): each live
 * entry's member and, in a team group, the current members of the entry's team, once per
 * account. Sent after the edit is stored; a message that fails is logged and never fails the edit.
 */
import type { Types } from 'mongoose';
import { notify } from '../notifications/notify';
import type { ActivityDoc } from './activity.model';
import { LIVE_ENTRY_STATUSES } from './edit-rules';
import type { NotifyApp } from './notify';
import { entrantsOf } from './member-accounts';

export async function noticeScheduleChange(
  app: NotifyApp,
  activity: Pick<ActivityDoc, '_id' | 'title'>,
  body: string,
): Promise<void> {
  let accounts: string[];
  try {
    accounts = await liveEntrantAccounts(activity._id);
  } catch (error) {
    app.logger.warn({ err: error, activityId: String(activity._id) }, 'activity change notice not sent');
    return;
  }
  for (const accountId of accounts) {
    try {
      await notify(app, {
        accountId,
        kind: 'activity_changed',
        title: activity.title,
        body,
        link: `/pages-activities/detail/index?id=${String(activity._id)}`,
      });
    } catch (error) {
      app.logger.warn({ err: error, accountId }, 'activity change notice not recorded');
    }
  }
}

/** The accounts of everyone with a live entry, or in the team a live entry holds a place for. */
async function liveEntrantAccounts(activityId: Types.ObjectId): Promise<string[]> {
  const entrants = await entrantsOf(activityId, LIVE_ENTRY_STATUSES);
  return [...new Set(entrants.flatMap((entrant) => (entrant.accountId ? [String(entrant.accountId)] : [])))];
}
