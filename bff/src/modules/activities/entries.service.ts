/**
 * The organiser's sign-up list (in arrival order, names masked) and the review of entries in
 * review-mode groups: approving takes a place with the same conditional change as a sign-up.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import { nextStatus, type EntryListQuerySchema } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import { pageById } from '../../db/id-pages';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel } from '../membership/member.model';
import { entryPayableFen } from './entry-product';
import { EntryModel, type EntryDoc } from './entry.model';
import { markEntryFigures } from './figure-marks';
import { managedActivity } from './organise.service';
import { approvalHoldKey, finishDecidingHold, holdPlaceForEntry } from './places';
import { presentStaffEntry } from './presenter';

/** The sign-up list in arrival order. */
export async function listEntries(actor: Actor, id: string, query: z.output<typeof EntryListQuerySchema>, now: Date) {
  const activity = await managedActivity(actor, id);
  const filter: Record<string, unknown> = { activityId: activity._id };
  if (query.groupId) filter.groupId = query.groupId;
  if (query.status) filter.status = query.status;
  if (query.q) filter.memberId = { $in: await searchEntrants(activity._id, query.q) };
  const page = await pageById<EntryDoc>(EntryModel, filter, { ...query, order: 'oldest' });
  const members = new Map(
    (
      await MemberModel.find(
        { _id: { $in: page.items.map((entry) => entry.memberId) } },
        { name: 1, memberNo: 1 },
      ).lean()
    ).map((member) => [String(member._id), member]),
  );
  const items = [];
  for (const entry of page.items) {
    items.push(await presentStaffEntry(entry, activity, members.get(String(entry.memberId)), now));
  }
  return { items, nextCursor: page.nextCursor };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The activity's entrants whose member number ends with `q` (the full number or its last
 * digits, as read off a card) or whose name is exactly `q`. Names and member numbers are stored
 * in clear, so this is a plain query; it starts from this activity's entrants so it never scans
 * the whole roster, and the page still shows them masked.
 */
async function searchEntrants(activityId: Types.ObjectId, q: string) {
  const entrants = await EntryModel.find({ activityId }, { memberId: 1 }).lean();
  const members = await MemberModel.find(
    {
      _id: { $in: entrants.map((entry) => entry.memberId) },
      $or: [{ name: q }, { memberNo: { $regex: `${escapeRegExp(q)}$` } }],
    },
    { _id: 1 },
  ).lean();
  return members.map((member) => member._id);
}

/**
 * Review mode: approving takes a place (refused when the group is full), rejecting needs a
 * reason. In a paid activity the approved entry waits for payment (去支付) before it is confirmed.
 */
export async function reviewEntry(
  actor: Actor,
  id: string,
  entryId: string,
  review: { decision: 'approve' | 'reject'; reason: string },
  now: Date,
) {
  const activity = await managedActivity(actor, id);
  const entry = await EntryModel.findOne({ _id: entryId, activityId: activity._id }).lean<EntryDoc>();
  if (!entry) throw NotFoundError('报名记录不存在');
  if (entry.status !== 'pending_review') throw ConflictError('该报名已审核', 'entry_state');
  const decidedBy = new Types.ObjectId(actor.accountId);
  const group = { activityId: activity._id, groupId: entry.groupId };
  // The place is a hold keyed by the entry, so a reviewer's retry (or another reviewer) after a
  // cut adopts it rather than taking a second one (places.ts).
  const hold =
    review.decision === 'approve' ? await holdPlaceForEntry(group, approvalHoldKey(entry._id), entry._id, now) : null;
  if (review.decision === 'approve' && !hold) {
    throw ConflictError('该组别名额已满，不能再通过', 'group_full');
  }
  const paid = entryPayableFen(activity) > 0;
  const status = nextStatus('pending_review', review.decision, { paid });
  // An approved place in a paid activity is held unpaid until a deadline; the sweep
  // (sweepUnpaidEntries) passes it on after. The member learns of the approval from a message,
  // maybe hours after applying, so they get the activity's offer time, as a waitlist offer does.
  const payBy = new Date(now.getTime() + activity.offerHoldHours * 3_600_000);
  const set =
    review.decision === 'approve'
      ? { status, decidedBy, offeredUntil: paid ? payBy : null, placeHold: hold!.record }
      : { status, decidedBy, rejectReason: review.reason };
  const decided = await updateIfAndRead(
    EntryModel,
    { key: { _id: entry._id }, when: { status: 'pending_review' } },
    { $set: set },
  );
  // Kept when this approval (or an earlier attempt's) took it; else offered to the waitlist.
  if (hold) await finishDecidingHold(group, hold, { offerHoldHours: activity.offerHoldHours, now });
  if (!decided) throw ConflictError('该报名已审核或已取消', 'entry_state');
  await markEntryFigures([entry._id], now);
  const member = await MemberModel.findById(entry.memberId, { name: 1, memberNo: 1 }).lean();
  return presentStaffEntry(decided as EntryDoc, activity, member ?? undefined, now);
}
