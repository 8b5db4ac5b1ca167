/**
 * Tells members their entry changed (已报名, 候补第3位, 中签, 待确认…): one message per entry,
 * in the words 我的活动 shows. Called after the change is stored, by whoever made it; a push
 * that fails is logged by `notify` and never fails the action.
 */
import type { Types } from 'mongoose';
import type { Runtime } from '../../runtime';
import { notify } from '../notifications/notify';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel, type EntryDoc } from './entry.model';
import { presentEntry } from './presenter';

export type NotifyApp = Pick<Runtime, 'wechat' | 'config' | 'logger'>;

export async function notifyEntries(
  app: NotifyApp,
  entryIds: readonly (Types.ObjectId | string)[],
  now: Date,
): Promise<void> {
  if (entryIds.length === 0) return;
  const entries = await EntryModel.find({ _id: { $in: entryIds } }).lean<EntryDoc[]>();
  const activities = new Map<string, ActivityDoc | null>();
  for (const entry of entries) {
    if (!entry.accountId) continue;
    const activityKey = String(entry.activityId);
    if (!activities.has(activityKey)) {
      activities.set(activityKey, await ActivityModel.findById(entry.activityId).lean<ActivityDoc>());
    }
    const activity = activities.get(activityKey);
    if (!activity) continue;
    try {
      const shown = await presentEntry(entry, activity, now);
      await notify(app, {
        accountId: entry.accountId,
        kind: 'activity_status',
        title: activity.title,
        body: `${shown.groupName}：${shown.statusText}`,
        link: `/pages-activities/entry/index?id=${String(entry._id)}`,
      });
    } catch (error) {
      app.logger.warn({ err: error, entryId: String(entry._id) }, 'activity notification not recorded');
    }
  }
}

/**
 * For a route whose action returns the entry it changed (sign-up, cancel, review, removal):
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
