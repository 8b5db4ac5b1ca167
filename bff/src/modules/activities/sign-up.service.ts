/**
 * The member's side: activities open to them, an activity's page, signing up to a group,
 * 我的活动, cancelling an entry and confirming an offered place. Signing up takes a place with
 * one conditional `$inc` (or joins the waitlist, the review queue or the draw, by the group's
 * mode); a unique key per live entry keeps a member to one entry per activity, and a unique
 * request key makes a replayed sign-up answer with the same entry. The place is taken as a hold
 * keyed by the request (places.ts `holdPlace`), so a sign-up the database dies under between
 * taking the place and writing the entry is finished by its retry, or undone by the sweep.
 */
import { ENTRY_PAYMENT_WINDOW_MS, owingRefund, refundPaidEntry } from './entry-payment';
import { entryPayableFen } from './entry-product';
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  SIGN_UP_WINDOW_LABELS,
  answersSchemaFor,
  audienceProblem,
  chinaDateTime,
  initialEntryStatus,
  statusesInTab,
  occupiesPlace,
  signUpWindowState,
  type ActivityDetail,
  type ActivityEntry,
  type ActivityQuestion,
  type AllocationMode,
  type MyEntriesQuerySchema,
  type EntryStatus,
  type Gender,
  type Occupation,
  type SignUpRequestSchema,
} from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { pageById } from '../../db/id-pages';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { isHardshipFamily } from '../aid/hardship';
import { organizationNames } from '../organizations/service';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel, type EntryDoc } from './entry.model';
import { markEntryFigures } from './figure-marks';
import { entriesChanged } from './entry-changes';
import {
  arrivalOrder,
  closePlaceHold,
  expireOffer,
  giveBackHeldPlace,
  holdPlace,
  passPlaceOn,
  placePassOwed,
} from './places';
import { dissolveTeamOf } from './team-dissolve';
import { asJoiner, joinedTeamEntries } from './team.presenter';
import { TeamMemberModel } from './team.model';
import { activityPolicy, requireMemberId } from './policy';
import { groupCountsOf, presentActivityDetail, presentEntry } from './presenter';
import { entryCancelProblem } from './rules';

export interface SignUpApp {
  cipher: FieldCipher;
}

const liveKeyOf = (activityId: Types.ObjectId | string, memberId: string) => `${String(activityId)}:${memberId}`;

/** A published (or paused, or cancelled) activity; a draft or a missing one is 404. */
async function memberVisibleActivity(actor: Actor, id: string): Promise<ActivityDoc> {
  const activity = await ActivityModel.findById(id).lean<ActivityDoc>();
  if (!activity) throw NotFoundError('活动不存在');
  activityPolicy.authorize(actor, 'viewAsMember', activity);
  return activity;
}

/** Why this member cannot sign up now, in words they can act on; null when they can. */
export async function signUpProblemFor(
  app: SignUpApp,
  actor: Actor,
  activity: ActivityDoc,
  member: MemberDoc | null,
  now: Date,
  /** 代报名: the worker may have no WeChat account, so the real-name binding is not required. */
  onBehalf = false,
): Promise<string | null> {
  if (activity.status === 'cancelled') return '活动已取消';
  if (activity.status === 'paused') return '活动已暂停报名';
  const window = signUpWindowState(activity, now);
  if (window === 'not_open') return `${SIGN_UP_WINDOW_LABELS.not_open}，${chinaDateTime(activity.signUpOpensAt)} 开始`;
  if (window === 'closed') return SIGN_UP_WINDOW_LABELS.closed;
  if (!member) return '请先完成实名绑定后再报名';
  const { audience } = activity;
  const needsIdNumber = audience.gender !== null || audience.minAge !== null || audience.maxAge !== null;
  const orgNames = await organizationNames([audience.orgId]);
  return audienceProblem(
    {
      orgId: String(audience.orgId),
      orgName: orgNames.get(String(audience.orgId)) ?? '',
      occupations: audience.occupations as Occupation[],
      hardshipFamiliesOnly: Boolean(audience.hardshipFamiliesOnly),
      gender: (audience.gender ?? null) as Gender | null,
      minAge: audience.minAge ?? null,
      maxAge: audience.maxAge ?? null,
    },
    {
      status: member.status,
      realNameBound: onBehalf || (member.boundAccountId !== null && String(member.boundAccountId) === actor.accountId),
      orgPath: member.orgPath.map(String),
      occupation: member.occupation as Occupation,
      hardshipFamily: audience.hardshipFamiliesOnly ? await isHardshipFamily(member, now) : false,
      idNumber: needsIdNumber ? app.cipher.decrypt(member.idNumberSealed) : '',
    },
    activity.firstSessionStartsAt,
  );
}

export const memberOf = (actor: Actor) =>
  actor.memberId ? MemberModel.findById(actor.memberId).lean<MemberDoc>() : Promise.resolve(null);

export async function activityForMember(app: SignUpApp, actor: Actor, id: string, now: Date): Promise<ActivityDetail> {
  const activity = await memberVisibleActivity(actor, id);
  const member = await memberOf(actor);
  const [counts, names, live] = await Promise.all([
    groupCountsOf([activity], true),
    organizationNames([activity.orgId, activity.audience.orgId]),
    actor.memberId ? EntryModel.findOne({ liveKey: liveKeyOf(activity._id, actor.memberId) }).lean<EntryDoc>() : null,
  ]);
  const joined = !live && actor.memberId ? (await joinedTeamEntries(actor.memberId, activity._id))[0] : undefined;
  const entry = live
    ? await presentEntry(live, activity, now)
    : joined
      ? asJoiner(await presentEntry(joined.entry, activity, now))
      : null;
  const problem = live
    ? '您已报名本活动'
    : joined
      ? '您已加入本活动的队伍'
      : await signUpProblemFor(app, actor, activity, member, now);
  return presentActivityDetail(activity, counts, names, now, { entry, signUpProblem: problem });
}

/** The entry a replayed request made, presented; null when this request id is new. */
async function replayed(requestKey: string, now: Date): Promise<ActivityEntry | null> {
  const entry = await EntryModel.findOne({ requestKey }).lean<EntryDoc>();
  if (!entry) return null;
  // Cut off just after writing the entry, the first attempt left its place's hold open.
  await closePlaceHold({ activityId: entry.activityId, groupId: entry.groupId }, requestKey, entry._id);
  const activity = await ActivityModel.findById(entry.activityId).lean<ActivityDoc>();
  return presentEntry(entry, activity!, now);
}

export async function signUp(
  app: SignUpApp,
  actor: Actor,
  id: string,
  body: z.output<typeof SignUpRequestSchema>,
  now: Date,
  /** Set by team creation (teams.service.ts): a team group's place is taken by its captain's entry. */
  asTeamCaptain = false,
): Promise<ActivityEntry> {
  const memberId = requireMemberId(actor);
  const requestKey = `${memberId}:${body.requestId}`;
  const earlier = await replayed(requestKey, now);
  if (earlier) return earlier;

  const activity = await memberVisibleActivity(actor, id);
  const group = activity.groups.find((candidate) => candidate.id === body.groupId);
  if (!group) throw ValidationError([{ path: 'groupId', message: '没有这个组别' }]);
  if (group.team && !asTeamCaptain) throw ConflictError('该组别为团队报名，请创建队伍或凭邀请码加入队伍', 'team_group');
  const problem = await signUpProblemFor(app, actor, activity, await memberOf(actor), now);
  if (problem) throw ConflictError(problem, 'sign_up_refused');
  const answers = answersSchemaFor(activity.questions as ActivityQuestion[]).safeParse(body.answers);
  if (!answers.success) {
    throw ValidationError(
      answers.error.issues.map((issue) => ({ path: ['answers', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const liveKey = liveKeyOf(activity._id, memberId);
  const live = await EntryModel.findOne({ liveKey }).lean<EntryDoc>();
  if (live?.requestKey === requestKey) return presentEntry(live, activity, now);
  if (live) throw ConflictError('您已报名本活动', 'already_signed_up');
  // A team member (team.service.ts) holds the activity through the captain's entry.
  if (await TeamMemberModel.exists({ liveKey })) throw ConflictError('您已加入本活动的队伍', 'already_signed_up');

  const places = { activityId: activity._id, groupId: group.id };
  const hold =
    group.allocation === 'first_come' ? await holdPlace(places, requestKey, new Types.ObjectId(), now) : null;
  const placeTaken = hold !== null;
  // A retry of a sign-up cut off after taking its place writes the entry that place is held for.
  const _id = hold?.entryId ?? new Types.ObjectId();
  try {
    const entry = await EntryModel.create({
      _id,
      activityId: activity._id,
      groupId: group.id,
      memberId: new Types.ObjectId(memberId),
      accountId: new Types.ObjectId(actor.accountId),
      status: initialEntryStatus(
        { allocation: group.allocation as AllocationMode, paid: entryPayableFen(activity) > 0 },
        placeTaken,
      ),
      // A paid place is held unpaid until then (entry-payment.ts); the sweep passes it on after.
      offeredUntil:
        entryPayableFen(activity) > 0 && placeTaken ? new Date(now.getTime() + ENTRY_PAYMENT_WINDOW_MS) : null,
      liveKey,
      requestKey,
      // Arrival order, to the millisecond across instances (places.ts).
      queueOrder: arrivalOrder(_id),
      answers: answers.data,
    });
    if (hold) await closePlaceHold(places, requestKey, _id);
    // Told here, not by the route: a replayed sign-up answers with the same entry and says nothing.
    await entriesChanged([_id], now);
    return presentEntry(entry.toObject() as EntryDoc, activity, now);
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    const winner = await replayed(requestKey, now);
    // A parallel request of this member won with another entry: the place this one held goes to whoever is next.
    if (hold && winner?.id !== String(_id)) await giveBackHeldPlace(places, hold, activity.offerHoldHours, now);
    if (winner) return winner;
    throw ConflictError('您已报名本活动', 'already_signed_up');
  }
}

export async function myEntries(actor: Actor, query: z.output<typeof MyEntriesQuerySchema>, now: Date) {
  const memberId = requireMemberId(actor);
  const statuses = statusesInTab(query.tab);
  const page = await pageById<EntryDoc>(
    EntryModel,
    { memberId: new Types.ObjectId(memberId), ...(query.tab === 'all' ? {} : { status: { $in: statuses } }) },
    query,
  );
  // Teams the member joined stand on their captains' entries: listed first, on the first page only.
  const joined = query.cursor
    ? []
    : (await joinedTeamEntries(memberId)).filter(({ entry }) => statuses.includes(entry.status as EntryStatus));
  const activityIds = [...page.items, ...joined.map(({ entry }) => entry)].map((entry) => entry.activityId);
  const activities = new Map(
    (await ActivityModel.find({ _id: { $in: activityIds } }).lean<ActivityDoc[]>()).map((activity) => [
      String(activity._id),
      activity,
    ]),
  );
  const items: ActivityEntry[] = [];
  for (const { entry } of joined) {
    items.push(asJoiner(await presentEntry(entry, activities.get(String(entry.activityId))!, now)));
  }
  for (const listed of page.items) {
    const activity = activities.get(String(listed.activityId))!;
    const settled = await withOfferSettled(listed, activity, now);
    // An offer that lapsed on sight has left the tab it was found in.
    if (statuses.includes(settled.status as EntryStatus)) items.push(await presentEntry(settled, activity, now));
  }
  return { items, nextCursor: page.nextCursor };
}

/** An offer whose deadline passed is expired on sight (the sweep would within a minute), so nobody reads a stale 待确认. */
async function withOfferSettled(entry: EntryDoc, activity: ActivityDoc, now: Date): Promise<EntryDoc> {
  const deadline = entry.offeredUntil;
  const missed = entry.status === 'offered' && deadline != null && deadline <= now;
  if (!missed || !(await expireOffer(entry, activity.offerHoldHours, now))) return entry;
  return (await EntryModel.findById(entry._id).lean<EntryDoc>())!;
}

async function ownEntry(actor: Actor, id: string) {
  const entry = await EntryModel.findById(id).lean<EntryDoc>();
  if (!entry) throw NotFoundError('报名记录不存在');
  activityPolicy.authorize(actor, 'actAsEntrant', entry);
  const activity = await ActivityModel.findById(entry.activityId).lean<ActivityDoc>();
  return { entry, activity: activity! };
}

/** Cancels the member's entry; a place it held goes to the first waiting entry, exactly once. */
export async function cancelEntry(actor: Actor, id: string, now: Date): Promise<ActivityEntry> {
  const { entry, activity } = await ownEntry(actor, id);
  const problem = entryCancelProblem(activity, entry, now);
  if (problem) throw ConflictError(problem, 'cannot_cancel');
  const heldPlace = occupiesPlace(entry.status as EntryStatus);
  const cancelled = await updateIfAndRead(
    EntryModel,
    { key: { _id: entry._id }, when: { status: entry.status } },
    {
      $set: { status: 'cancelled', ...owingRefund(entry, now), ...(heldPlace ? placePassOwed(now) : {}) },
      $unset: { liveKey: 1 },
    },
  );
  if (!cancelled) throw ConflictError('报名状态刚刚发生变化，请刷新后重试', 'entry_state');
  if (heldPlace) await passPlaceOn(entry, activity.offerHoldHours, now);
  await dissolveTeamOf(entry._id);
  await markEntryFigures([entry._id], now);
  if (entry.paidOrderId) await refundPaidEntry(entry._id, '会员取消报名');
  return presentEntry(cancelled as EntryDoc, activity, now);
}

/** Takes up an offered place before its deadline. */
export async function confirmEntry(actor: Actor, id: string, now: Date): Promise<ActivityEntry> {
  const { entry, activity } = await ownEntry(actor, id);
  if (entry.status === 'confirmed') return presentEntry(entry, activity, now);
  // A paid offer is taken by paying it (entry-product.ts confirms on payment), never for free here.
  if (entry.status === 'offered' && entryPayableFen(activity) > 0) {
    throw ConflictError('请完成缴费以确认名额', 'payment_required');
  }
  const confirmed = await updateIfAndRead(
    EntryModel,
    { key: { _id: entry._id }, when: { status: 'offered', offeredUntil: { $gt: now } } },
    { $set: { status: 'confirmed', offeredUntil: null } },
  );
  if (confirmed) {
    // Told here, not by the route: a replayed confirmation changes nothing and says nothing.
    await entriesChanged([entry._id], now);
    return presentEntry(confirmed as EntryDoc, activity, now);
  }
  const current = await EntryModel.findById(entry._id, { status: 1, offeredUntil: 1 }).lean();
  if (current?.status === 'offered') {
    // Missed: pass the place on now rather than at the next sweep.
    await expireOffer(entry, activity.offerHoldHours, now);
    throw ConflictError('已过确认截止时间，名额已递补给下一位', 'offer_expired');
  }
  throw ConflictError('当前没有待确认的名额', 'no_offer');
}
