/**
 * The organiser's roster tools: removing an entry with a reason. The removal is conditional on
 * the status read, so when it races the member's own cancel exactly one of them wins and only
 * the winner passes a held place on.
 */
import { nextStatus, occupiesPlace, type EntryStatus } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Runtime } from '../../runtime';
import type { Actor } from '../auth/actor';
import { recordEvent } from '../event-trail/record';
import { MemberModel } from '../membership/member.model';
import { EntryModel, type EntryDoc } from './entry.model';
import { markEntryFigures } from './figure-marks';
import { owingRefund, settleOwedRefund } from './entry-payment';
import { notifyEntries } from './notify';
import { managedActivity } from './organise.service';
import { passPlaceOn, placePassOwed } from './places';
import { presentStaffEntry } from './presenter';
import { dissolveTeamOf } from './team-dissolve';

export type RosterApp = Pick<Runtime, 'wechat' | 'wechatPay' | 'config' | 'logger'>;

/** Cancels an entry on the organiser's word; the reason and who gave it go to the event trail. */
export async function removeEntry(
  app: RosterApp,
  actor: Actor,
  id: string,
  entryId: string,
  reason: string,
  now: Date,
) {
  const activity = await managedActivity(actor, id);
  const entry = await EntryModel.findOne({ _id: entryId, activityId: activity._id }).lean<EntryDoc>();
  if (!entry) throw NotFoundError('报名记录不存在');
  const status = entry.status as EntryStatus;
  if (nextStatus(status, 'remove') !== 'cancelled') {
    throw ConflictError('该报名当前状态不能移除', 'entry_state');
  }
  const removed = await updateIfAndRead(
    EntryModel,
    { key: { _id: entry._id }, when: { status } },
    {
      $set: {
        status: 'cancelled',
        removedReason: reason,
        ...owingRefund(entry, now),
        ...(occupiesPlace(status) ? placePassOwed(now) : {}),
      },
      $unset: { liveKey: 1 },
    },
  );
  if (!removed) throw ConflictError('报名状态刚刚发生变化，请刷新后重试', 'entry_state');
  if (occupiesPlace(status)) await passPlaceOn(entry, activity.offerHoldHours, now);
  await dissolveTeamOf(entry._id);
  await markEntryFigures([entry._id], now);
  await recordEvent({
    kind: 'activity.entry_removed',
    actor: { kind: 'union_staff', accountId: actor.accountId, label: '工会工作人员' },
    at: now,
    summary: `移除报名：${reason}`,
    detail: { activityId: String(activity._id), entryId: String(entry._id), fromStatus: status, reason },
  });
  // The removal stands; a refund that cannot be asked now is asked again by the activity sweep.
  await settleOwedRefund(app, entry._id, undefined, `组织者移除报名：${reason}`);
  await notifyEntries(app, [entry._id], now);
  const member = await MemberModel.findById(entry.memberId, { name: 1, memberNo: 1 }).lean();
  return presentStaffEntry(removed as EntryDoc, activity, member ?? undefined, now);
}
