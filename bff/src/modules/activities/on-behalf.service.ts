/**
 * 代报名: union office staff sign a member up on their behalf (a worker without a phone). The
 * member is found on the roster by ID number (blind index) and must carry the same name; the
 * audience checks are those of an individual sign-up except the WeChat real-name binding. The
 * entry records the staff account in `onBehalfBy` and has no member account. Same place
 * allocation, one-live-entry rule and replay by request id as `signUp`. A paid activity is
 * refused: the member pays online themselves, which staff cannot do for them.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  answersSchemaFor,
  initialEntryStatus,
  type ActivityQuestion,
  type AllocationMode,
  type OnBehalfSignUpRequestSchema,
} from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import type { ActivityDoc } from './activity.model';
import { entriesChanged } from './entry-changes';
import { entryPayableFen } from './entry-product';
import { EntryModel, type EntryDoc } from './entry.model';
import { managedActivity } from './organise.service';
import { arrivalOrder, closePlaceHold, giveBackHeldPlace, holdPlace } from './places';
import { activityPolicy } from './policy';
import { presentStaffEntry } from './presenter';
import { signUpProblemFor } from './sign-up.service';
import { TeamMemberModel } from './team.model';

const MISMATCH = '姓名与身份证号不匹配';

async function present(entry: EntryDoc, activity: ActivityDoc, member: MemberDoc, now: Date) {
  return presentStaffEntry(entry, activity, { name: member.name, memberNo: member.memberNo }, now);
}

export async function signUpOnBehalf(
  app: { cipher: FieldCipher },
  actor: Actor,
  id: string,
  body: z.output<typeof OnBehalfSignUpRequestSchema>,
  now: Date,
) {
  const activity = await managedActivity(actor, id);
  const member = await MemberModel.findOne({
    idNumberIndex: app.cipher.blindIndex('idNumber', body.idNumber),
  }).lean<MemberDoc>();
  // One answer for an unknown ID number and for a wrong name: never reveal who holds a number.
  if (!member || member.name !== body.name) {
    throw ValidationError([
      { path: 'name', message: MISMATCH },
      { path: 'idNumber', message: MISMATCH },
    ]);
  }
  // A member outside the caller's subtree gets that same answer, not the audience refusal that
  // would confirm the pair and name their organisation.
  activityPolicy.authorize(actor, 'actForMember', member);
  const memberId = String(member._id);
  const requestKey = `onbehalf:${actor.accountId}:${body.requestId}`;
  const earlier = await EntryModel.findOne({ requestKey }).lean<EntryDoc>();
  if (earlier) {
    // Cut off just after writing the entry, the first attempt left its place's hold open.
    await closePlaceHold({ activityId: earlier.activityId, groupId: earlier.groupId }, requestKey, earlier._id);
    return present(earlier, activity, member, now);
  }
  // A worker signed up by staff may have no WeChat to pay with, and staff cannot pay for them.
  if (entryPayableFen(activity) > 0) throw ConflictError('付费活动需会员本人报名并缴费', 'paid_activity');

  const group = activity.groups.find((candidate) => candidate.id === body.groupId);
  if (!group) throw ValidationError([{ path: 'groupId', message: '没有这个组别' }]);
  if (group.team) throw ConflictError('该组别为团队报名，不能代报名', 'team_group');
  const problem = await signUpProblemFor(app, actor, activity, member, now, true);
  if (problem) throw ConflictError(problem, 'sign_up_refused');
  const answers = answersSchemaFor(activity.questions as ActivityQuestion[]).safeParse(body.answers);
  if (!answers.success) {
    throw ValidationError(
      answers.error.issues.map((issue) => ({ path: ['answers', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const liveKey = `${String(activity._id)}:${memberId}`;
  if ((await EntryModel.exists({ liveKey })) || (await TeamMemberModel.exists({ liveKey }))) {
    throw ConflictError('该会员已报名本活动', 'already_signed_up');
  }

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
      memberId: member._id,
      accountId: null,
      onBehalfBy: new Types.ObjectId(actor.accountId),
      status: initialEntryStatus({ allocation: group.allocation as AllocationMode, paid: false }, placeTaken),
      liveKey,
      requestKey,
      queueOrder: arrivalOrder(_id),
      answers: answers.data,
    });
    if (hold) await closePlaceHold(places, requestKey, _id);
    // A worker who has bound WeChat hears of it like any sign-up (notify.ts finds the account).
    await entriesChanged([_id], now);
    return present(entry.toObject() as EntryDoc, activity, member, now);
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    const winner = await EntryModel.findOne({ requestKey }).lean<EntryDoc>();
    if (winner) await closePlaceHold(places, requestKey, winner._id);
    // Another entry won: the place this request held goes to whoever is next.
    if (hold && !winner?._id.equals(_id)) await giveBackHeldPlace(places, hold, activity.offerHoldHours, now);
    if (winner) return present(winner, activity, member, now);
    throw ConflictError('该会员已报名本活动', 'already_signed_up');
  }
}
