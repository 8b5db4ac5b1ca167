/**
 * Tells members their entry changed (已报名, 候补第3位, 中签, 待确认…): one message per entry,
 * in the words 我的活动 shows, with the reason when the status alone does not say it (the
 * organiser's removal, a rejection, the activity's cancellation). Called after the change is
 * stored, by whoever made it, or through entry-changes.ts where the app is out of reach; a
 * push that fails is logged by `notify` and never fails the action.
 */
import type { Types } from 'mongoose';
import type { Runtime } from '../../runtime';
import { notify } from '../notifications/notify';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { onEntriesChanged } from './entry-changes';
import { EntryModel, type EntryDoc } from './entry.model';
import { boundAccounts } from './member-accounts';
import { presentEntry } from './presenter';
import { TeamMemberModel, TeamModel } from './team.model';

export type NotifyApp = Pick<Runtime, 'wechat' | 'config' | 'logger'>;

/** Why an entry ended or was refused, as stored with it. */
function reasonOf(entry: EntryDoc, activity: ActivityDoc): string | null {
  if (entry.status === 'rejected' && entry.rejectReason) return entry.rejectReason;
  if (entry.status !== 'cancelled') return null;
  if (entry.removedReason) return `组织者移除：${entry.removedReason}`;
  if (activity.status === 'cancelled')
    return activity.cancelReason ? `活动已取消：${activity.cancelReason}` : '活动已取消';
  return null;
}

export async function notifyEntries(
  app: NotifyApp,
  entryIds: readonly (Types.ObjectId | string)[],
  now: Date,
  note?: string,
): Promise<void> {
  if (entryIds.length === 0) return;
  const entries = await EntryModel.find({ _id: { $in: entryIds } }).lean<EntryDoc[]>();
  // 代报名 entries have no account of their own: the worker is reached once they bind WeChat.
  const bound = await boundAccounts(entries.filter((entry) => !entry.accountId).map((entry) => entry.memberId));
  const activities = new Map<string, ActivityDoc | null>();
  for (const entry of entries) {
    const accountId = entry.accountId ?? bound.get(String(entry.memberId));
    if (!accountId) continue;
    const activityKey = String(entry.activityId);
    if (!activities.has(activityKey)) {
      activities.set(activityKey, await ActivityModel.findById(entry.activityId).lean<ActivityDoc>());
    }
    const activity = activities.get(activityKey);
    if (!activity) continue;
    try {
      const shown = await presentEntry(entry, activity, now);
      const details = [reasonOf(entry, activity), note].filter(Boolean);
      await notify(app, {
        accountId,
        kind: 'activity_status',
        title: activity.title,
        body: `${shown.groupName}：${shown.statusText}${details.length > 0 ? `（${details.join('；')}）` : ''}`,
        link: `/pages-activities/entry/index?id=${String(entry._id)}`,
      });
    } catch (error) {
      app.logger.warn({ err: error, entryId: String(entry._id) }, 'activity notification not recorded');
    }
    if (entry.status === 'cancelled') await notifyTeammates(app, entry, activity);
  }
}

/**
 * A captain's entry that ends takes the team with it (team-dissolve.ts, or the lock at close
 * for a team short of members): its members have no entry of their own, so they are told here.
 */
async function notifyTeammates(app: NotifyApp, entry: EntryDoc, activity: ActivityDoc): Promise<void> {
  try {
    const team = await TeamModel.findOne({ captainEntryId: entry._id, status: 'cancelled' }, { name: 1 }).lean();
    if (!team) return;
    const teammates = await TeamMemberModel.find(
      { teamId: team._id, captain: false, left: false },
      { memberId: 1 },
    ).lean();
    const accounts = await boundAccounts(teammates.map((teammate) => teammate.memberId));
    const reason = reasonOf(entry, activity) ?? entry.rejectReason ?? '队长已取消报名';
    for (const accountId of accounts.values()) {
      await notify(app, {
        accountId,
        kind: 'activity_status',
        title: activity.title,
        body: `队伍「${team.name}」已解散（${reason}），您可以重新报名或加入其他队伍`,
        link: `/pages-activities/detail/index?id=${String(activity._id)}`,
      });
    }
  } catch (error) {
    app.logger.warn({ err: error, entryId: String(entry._id) }, 'team notification not recorded');
  }
}

/**
 * For a route whose action returns the entry it changed (sign-up, cancel, review, confirm):
 * tells the member once the change is stored. A failed push never fails the action.
 */
export async function thenNotifyEntry<T extends { id: string }>(app: NotifyApp, action: Promise<T>): Promise<T> {
  const entry = await action;
  try {
    await notifyEntries(app, [entry.id], new Date());
  } catch (error) {
    app.logger.warn({ err: error, entryId: entry.id }, 'activity notification not sent');
  }
  return entry;
}

/** Tells members of the changes reported through entry-changes.ts (places, payments, the job). */
export function bindEntryNotifications(app: NotifyApp): void {
  onEntriesChanged(async (entryIds, now, note) => {
    try {
      await notifyEntries(app, entryIds, now, note);
    } catch (error) {
      app.logger.warn({ err: error, entryIds: entryIds.map(String) }, 'activity notification not sent');
    }
  });
}
