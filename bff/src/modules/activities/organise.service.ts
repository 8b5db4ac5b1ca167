/**
 * The organiser's side: create, edit, publish, pause and cancel an activity, and list the
 * activities of their subtree (the sign-up list and reviews are entries.service.ts). Places
 * are kept in step with each group's capacity by conditional changes, so an edit never drops
 * below the places taken.
 */
import { refundPaidEntry } from './entry-payment';
import { Types } from 'mongoose';
import {
  chinaInstant,
  type ActivityDetail,
  type ActivityInput,
  type EntryStatus,
  type StaffActivityListQuerySchema,
} from '@union/shared';
import type { z } from 'zod';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { pageById } from '../../db/id-pages';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { findOrganization, organizationNames } from '../organizations/service';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { noticeScheduleChange } from './change-notice';
import { editRefusals, editRefused, scheduleChangeText } from './edit-rules';
import { EntryModel } from './entry.model';
import { markActivityFigures } from './figure-marks';
import { GroupPlacesModel } from './group-places.model';
import { notifyEntries, type NotifyApp } from './notify';
import { fillFreePlaces } from './places';
import { activityPolicy } from './policy';
import { groupCountsOf, presentActivityDetail, presentActivitySummary } from './presenter';
import { dissolveTeamsOfActivity } from './team-dissolve';
import { staffActivityFilter } from './todo-filters';

/** Entries that are not over: an activity's cancellation ends them, and a group holding one cannot go. */
const LIVE_STATUSES: EntryStatus[] = [
  'pending_review',
  'awaiting_draw',
  'waitlisted',
  'offered',
  'pending_payment',
  'confirmed',
  'checked_in',
];
/** The statuses in which the organiser may still change the activity (settings, poster). */
export const EDITABLE = ['draft', 'published', 'paused'];

export async function staffActivityDetail(activity: ActivityDoc, now: Date): Promise<ActivityDetail> {
  const [counts, names] = await Promise.all([
    groupCountsOf([activity], true),
    organizationNames([activity.orgId, activity.audience.orgId]),
  ]);
  return presentActivityDetail(activity, counts, names, now);
}

/** The activity if the caller organises it; 404 otherwise (ids cannot be probed). */
export async function managedActivity(actor: Actor, id: string): Promise<ActivityDoc> {
  const activity = await ActivityModel.findById(id).lean<ActivityDoc>();
  if (!activity) throw NotFoundError('活动不存在');
  activityPolicy.authorize(actor, 'manage', activity);
  return activity;
}

/** The stored form of an input: host and audience checked against the caller's scope, sessions in China time. */
async function activityFields(actor: Actor, input: ActivityInput, existingGroupIds: string[]) {
  const host = await findOrganization(input.orgId);
  if (!host) throw ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]);
  activityPolicy.authorize(actor, 'organiseAt', host);
  const audienceOrg = input.audience.orgId ? await findOrganization(input.audience.orgId) : host;
  if (!audienceOrg || !audienceOrg.path.some((ancestor) => ancestor.equals(host._id))) {
    throw ValidationError([{ path: 'audience.orgId', message: '面向的组织须为主办组织或其下级' }]);
  }
  return storedActivityFields(input, host, audienceOrg, existingGroupIds);
}

type HostOrg = { _id: Types.ObjectId; path: Types.ObjectId[] };

/**
 * The stored form of an input whose host and audience were checked already: sessions in China
 * time, groups given ids. The demo seed stores its activities through this too.
 */
export function storedActivityFields(
  input: ActivityInput,
  host: HostOrg,
  audienceOrg: HostOrg,
  existingGroupIds: string[],
) {
  const sessions = input.sessions
    .map((session) => ({
      ...session,
      startsAt: chinaInstant(session.date, session.start),
      endsAt: chinaInstant(session.date, session.end),
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const taken = new Set([...existingGroupIds, ...input.groups.flatMap((group) => group.id ?? [])]);
  let next = 1;
  const groups = input.groups.map((group) => {
    if (group.id) return { ...group, id: group.id };
    while (taken.has(`g${next}`)) next += 1;
    taken.add(`g${next}`);
    return { ...group, id: `g${next}` };
  });
  return {
    title: input.title,
    kind: input.kind,
    description: input.description,
    orgId: host._id,
    orgPath: host.path,
    venue: input.venue.kind === 'online' ? { ...input.venue, address: '', location: null } : input.venue,
    sessions,
    groups,
    audience: { ...input.audience, orgId: audienceOrg._id },
    questions: input.questions,
    signUpOpensAt: new Date(input.signUpOpensAt),
    signUpClosesAt: new Date(input.signUpClosesAt),
    cancelDeadline: new Date(input.cancelDeadline),
    offerHoldHours: input.offerHoldHours,
    fee: input.fee,
    requiredSessions: input.requiredSessions,
    lotteryWeights: input.lotteryWeights,
    firstSessionStartsAt: sessions[0]!.startsAt,
  };
}

export async function createActivity(actor: Actor, input: ActivityInput, now: Date): Promise<ActivityDetail> {
  const fields = await activityFields(actor, input, []);
  const activity = (
    await ActivityModel.create({ ...fields, status: 'draft', createdBy: new Types.ObjectId(actor.accountId) })
  ).toObject() as ActivityDoc;
  await GroupPlacesModel.insertMany(
    fields.groups.map((group) => ({
      activityId: activity._id,
      groupId: group.id,
      capacity: group.capacity,
      free: group.capacity,
    })),
  );
  return staffActivityDetail(activity, now);
}

/**
 * Replaces an activity's settings while it is a draft, published or paused. Changes that would
 * break what members were promised are refused together with 409 (edit-rules.ts); a capacity
 * rise offers the new places to the waitlist, and a new time or place is told to every entrant.
 */
export async function updateActivity(app: NotifyApp, actor: Actor, id: string, input: ActivityInput, now: Date) {
  const activity = await managedActivity(actor, id);
  if (!EDITABLE.includes(activity.status)) throw ConflictError('活动已取消，不能修改', 'activity_closed');
  const fields = await activityFields(
    actor,
    input,
    activity.groups.map((group) => group.id),
  );
  const places = new Map(
    (await GroupPlacesModel.find({ activityId: activity._id }).lean()).map((group) => [group.groupId, group]),
  );
  const problems = await editRefusals(activity, fields, places, now);
  if (problems.length > 0) throw editRefused(problems);

  for (const group of fields.groups) {
    const counter = places.get(group.id);
    if (!counter) {
      await GroupPlacesModel.create({
        activityId: activity._id,
        groupId: group.id,
        capacity: group.capacity,
        free: group.capacity,
      });
      continue;
    }
    const delta = group.capacity - counter.capacity;
    if (delta === 0) continue;
    // Against the capacity read above, and only while enough places are free to shrink by.
    const resized = await updateIf(
      GroupPlacesModel,
      { key: { _id: counter._id }, when: { capacity: counter.capacity, free: { $gte: Math.max(0, -delta) } } },
      { $inc: { capacity: delta, free: delta } },
    );
    if (!resized) throw ConflictError('名额刚刚发生变化，请刷新后重试', 'places_changed');
  }
  const removed = activity.groups.filter((old) => !fields.groups.some((group) => group.id === old.id));
  if (removed.length > 0) {
    await GroupPlacesModel.deleteMany({ activityId: activity._id, groupId: { $in: removed.map((group) => group.id) } });
  }
  const updated = await updateIfAndRead(
    ActivityModel,
    { key: { _id: activity._id }, when: { status: { $in: EDITABLE } } },
    { $set: fields },
  );
  if (!updated) throw ConflictError('活动已取消，不能修改', 'activity_closed');
  for (const group of fields.groups) {
    await fillFreePlaces({ activityId: activity._id, groupId: group.id }, fields.offerHoldHours, now);
  }
  await markActivityFigures(activity, updated as ActivityDoc);
  const change = activity.status === 'draft' ? null : scheduleChangeText(activity, fields);
  if (change) await noticeScheduleChange(app, updated as ActivityDoc, change);
  return staffActivityDetail(updated as ActivityDoc, now);
}

async function changeStatus(actor: Actor, id: string, from: string[], set: Record<string, unknown>, refusal: string) {
  const activity = await managedActivity(actor, id);
  const changed = await updateIfAndRead(
    ActivityModel,
    { key: { _id: activity._id }, when: { status: { $in: from } } },
    { $set: set },
  );
  if (!changed) throw ConflictError(refusal, 'activity_state');
  await markActivityFigures(changed as ActivityDoc);
  return changed as ActivityDoc;
}

export async function publishActivity(actor: Actor, id: string, now: Date) {
  const activity = await changeStatus(
    actor,
    id,
    ['draft', 'paused'],
    { status: 'published' },
    '只有草稿或暂停的活动可以发布',
  );
  return staffActivityDetail(activity, now);
}

export async function pauseActivity(actor: Actor, id: string, now: Date) {
  const activity = await changeStatus(actor, id, ['published'], { status: 'paused' }, '只有已发布的活动可以暂停');
  return staffActivityDetail(activity, now);
}

/**
 * Calls the activity off; every live entry (and team) ends with it, and its member is told.
 * Refused once the first session has started: what took place is not undone (nor refunded).
 */
export async function cancelActivity(app: NotifyApp, actor: Actor, id: string, reason: string, now: Date) {
  const current = await managedActivity(actor, id);
  if (current.firstSessionStartsAt <= now) throw ConflictError('活动已开始，不能取消', 'activity_started');
  const activity = await changeStatus(actor, id, EDITABLE, { status: 'cancelled', cancelReason: reason }, '活动已取消');
  const ended = await EntryModel.find({ activityId: activity._id, status: { $in: LIVE_STATUSES } }, { _id: 1 }).lean();
  // Paid entries first, each owing its refund from the moment it ends (entry-payment.ts).
  await EntryModel.updateMany(
    { activityId: activity._id, status: { $in: LIVE_STATUSES }, paidOrderId: { $ne: null } },
    { $set: { status: 'cancelled', refundOwedAt: now }, $unset: { liveKey: 1 } },
  );
  await EntryModel.updateMany(
    { activityId: activity._id, status: { $in: LIVE_STATUSES } },
    { $set: { status: 'cancelled' }, $unset: { liveKey: 1 } },
  );
  // Every paid entry gets its money back (entry-payment.ts; idempotent, so a retry is safe).
  const paid = await EntryModel.find({ activityId: activity._id, paidOrderId: { $ne: null } }, { _id: 1 }).lean();
  for (const entry of paid) await refundPaidEntry(entry._id, `活动已取消：${reason}`);
  await dissolveTeamsOfActivity(activity._id);
  // Again, after its entries ended with it (changeStatus marked before they did).
  await markActivityFigures(activity);
  await notifyEntries(
    app,
    ended.map((entry) => entry._id),
    now,
  );
  return staffActivityDetail(activity, now);
}

export async function listStaffActivities(
  actor: Actor,
  query: z.output<typeof StaffActivityListQuerySchema>,
  now: Date,
) {
  const page = await pageById<ActivityDoc>(ActivityModel, await staffActivityFilter(actor, query, now), query);
  const [counts, names] = await Promise.all([
    groupCountsOf(page.items),
    organizationNames(page.items.map((activity) => activity.orgId)),
  ]);
  return {
    items: page.items.map((activity) => presentActivitySummary(activity, counts, names, now)),
    nextCursor: page.nextCursor,
  };
}
