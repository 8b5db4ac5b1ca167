/**
 * Teams in a team group: the captain signs up (their entry holds the team's one place) and
 * gets an invitation code; members join by code. Each joiner passes the same audience checks
 * as an individual sign-up; the team's size cap holds under parallel joins by a conditional
 * `$inc` on `memberCount`. A team still below its minimum when sign-up closes is cancelled by
 * the sweep and its place passed on.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  answersSchemaFor,
  maskName,
  occupiesPlace,
  signUpWindowState,
  type ActivityQuestion,
  type CreateTeamRequestSchema,
  type EntryStatus,
  type JoinTeamRequestSchema,
  type TeamSchema,
} from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { MemberModel } from '../membership/member.model';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { entriesChanged } from './entry-changes';
import { owingRefund, refundPaidEntry } from './entry-payment';
import { EntryModel, type EntryDoc } from './entry.model';
import { markEntryFigures } from './figure-marks';
import { passPlaceOn, placePassOwed } from './places';
import { requireMemberId } from './policy';
import { presentEntry } from './presenter';
import { memberOf, signUp, signUpProblemFor, type SignUpApp } from './sign-up.service';
import { TeamMemberModel, TeamModel, type TeamDoc } from './team.model';

type Team = z.infer<typeof TeamSchema>;
/** No 0/O, 1/I/L: read aloud or copied by hand without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const liveKeyOf = (activityId: Types.ObjectId | string, memberId: string) => `${String(activityId)}:${memberId}`;
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

async function presentTeam(team: TeamDoc, viewerMemberId: string, now: Date): Promise<Team> {
  const rows = await TeamMemberModel.find({ teamId: team._id, left: false }).sort({ _id: 1 }).lean();
  const people = new Map(
    (await MemberModel.find({ _id: { $in: rows.map((row) => row.memberId) } }, { name: 1 }).lean()).map((member) => [
      String(member._id),
      member.name as string,
    ]),
  );
  const activity = (await ActivityModel.findById(team.activityId).lean<ActivityDoc>())!;
  const entry = await EntryModel.findById(team.captainEntryId).lean<EntryDoc>();
  const locked = team.status !== 'open' || signUpWindowState(activity, now) === 'closed';
  return {
    id: String(team._id),
    activityId: String(team.activityId),
    groupId: team.groupId,
    name: team.name,
    code: team.code,
    role: String(team.captainMemberId) === viewerMemberId ? 'captain' : 'member',
    members: rows.map((row) => ({
      memberId: String(row.memberId),
      name: maskName(people.get(String(row.memberId)) ?? ''),
      captain: Boolean(row.captain),
    })),
    size: team.memberCount,
    min: team.min,
    max: team.max,
    status: team.status as Team['status'],
    locked,
    entry: entry ? await presentEntry(entry, activity, now) : null,
  };
}

function parsedAnswers(activity: ActivityDoc, raw: unknown) {
  const answers = answersSchemaFor(activity.questions as ActivityQuestion[]).safeParse(raw);
  if (!answers.success) {
    throw ValidationError(
      answers.error.issues.map((issue) => ({ path: ['answers', ...issue.path].join('.'), message: issue.message })),
    );
  }
  return answers.data;
}

export async function createTeam(
  app: SignUpApp,
  actor: Actor,
  activityId: string,
  body: z.output<typeof CreateTeamRequestSchema>,
  now: Date,
): Promise<Team> {
  const memberId = requireMemberId(actor);
  const activity = await ActivityModel.findById(activityId).lean<ActivityDoc>();
  if (!activity) throw NotFoundError('活动不存在');
  const group = activity.groups.find((candidate) => candidate.id === body.groupId);
  if (!group) throw ValidationError([{ path: 'groupId', message: '没有这个组别' }]);
  if (!group.team) throw ConflictError('该组别为个人报名，无需组队', 'not_team_group');
  if (await TeamMemberModel.exists({ liveKey: liveKeyOf(activity._id, memberId), captain: false })) {
    throw ConflictError('您已加入本活动的队伍', 'already_signed_up');
  }
  // The captain's entry: eligibility, the one-live-entry rule, replay and the place itself.
  const entry = await signUp(app, actor, activityId, body, now, true);
  const existing = await TeamModel.findOne({ captainEntryId: entry.id }).lean<TeamDoc>();
  if (existing) return presentTeam(existing, memberId, now);
  const { min, max } = group.team as { min: number; max: number };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const team = await TeamModel.create({
        activityId: activity._id,
        groupId: group.id,
        name: body.name,
        code: newCode(),
        captainMemberId: new Types.ObjectId(memberId),
        captainEntryId: new Types.ObjectId(entry.id),
        memberCount: 1,
        min,
        max,
      });
      // The captain's entry now stands for a team: it becomes a contest's entrant.
      await markEntryFigures([team.captainEntryId], now);
      await TeamMemberModel.create({
        teamId: team._id,
        activityId: activity._id,
        memberId: new Types.ObjectId(memberId),
        captain: true,
        liveKey: liveKeyOf(activity._id, memberId),
        requestKey: `${memberId}:${body.requestId}`,
        answers: parsedAnswers(activity, body.answers),
      }).catch((caught: unknown) => {
        if (!isDuplicateKeyError(caught)) throw caught;
      });
      return presentTeam(team.toObject() as TeamDoc, memberId, now);
    } catch (caught) {
      if (!isDuplicateKeyError(caught)) throw caught;
      // A parallel replay created the team first, or the code collided: look, then retry.
      const raced = await TeamModel.findOne({ captainEntryId: entry.id }).lean<TeamDoc>();
      if (raced) return presentTeam(raced, memberId, now);
      if (attempt >= 5) throw caught;
    }
  }
}

export async function joinTeam(
  app: SignUpApp,
  actor: Actor,
  body: z.output<typeof JoinTeamRequestSchema>,
  now: Date,
): Promise<Team> {
  const memberId = requireMemberId(actor);
  const requestKey = `${memberId}:${body.requestId}`;
  const earlier = await TeamMemberModel.findOne({ requestKey }).lean();
  if (earlier) {
    const team = await TeamModel.findById(earlier.teamId).lean<TeamDoc>();
    if (team && !earlier.left) return presentTeam(team, memberId, now);
  }
  const team = await TeamModel.findOne({ code: body.code }).lean<TeamDoc>();
  if (!team) throw ValidationError([{ path: 'code', message: '邀请码无效' }]);
  if (team.status !== 'open') throw ConflictError('队伍已锁定或已取消，无法加入', 'team_closed');
  const activity = (await ActivityModel.findById(team.activityId).lean<ActivityDoc>())!;
  const problem = await signUpProblemFor(app, actor, activity, await memberOf(actor), now);
  if (problem) throw ConflictError(problem, 'sign_up_refused');
  const answers = parsedAnswers(activity, body.answers);
  const liveKey = liveKeyOf(activity._id, memberId);
  if (await EntryModel.exists({ liveKey })) throw ConflictError('您已报名本活动', 'already_signed_up');

  let row;
  try {
    row = await TeamMemberModel.create({
      teamId: team._id,
      activityId: activity._id,
      memberId: new Types.ObjectId(memberId),
      liveKey,
      requestKey,
      answers,
    });
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    const mine = await TeamMemberModel.findOne({ liveKey }).lean();
    if (mine && String(mine.teamId) === String(team._id) && mine.requestKey === requestKey) {
      return presentTeam(team, memberId, now);
    }
    throw ConflictError('您已加入本活动的队伍', 'already_signed_up');
  }
  const seated = await updateIf(
    TeamModel,
    { key: { _id: team._id }, when: { status: 'open', memberCount: { $lt: team.max } } },
    { $inc: { memberCount: 1 } },
  );
  if (!seated) {
    await TeamMemberModel.deleteOne({ _id: row._id });
    throw ConflictError(`队伍已满（最多${team.max}人）`, 'team_full');
  }
  return presentTeam((await TeamModel.findById(team._id).lean<TeamDoc>())!, memberId, now);
}

export async function myTeam(actor: Actor, activityId: string, now: Date): Promise<Team> {
  const memberId = requireMemberId(actor);
  const row = await TeamMemberModel.findOne({ liveKey: liveKeyOf(activityId, memberId) }).lean();
  const team = row ? await TeamModel.findById(row.teamId).lean<TeamDoc>() : null;
  if (!team) throw NotFoundError('您在本活动中没有队伍');
  return presentTeam(team, memberId, now);
}

async function removeFromTeam(team: TeamDoc, memberId: string): Promise<void> {
  const removed = await updateIf(
    TeamMemberModel,
    { key: { teamId: team._id, memberId: new Types.ObjectId(memberId), left: false, captain: false }, when: {} },
    { $set: { left: true }, $unset: { liveKey: 1 } },
  );
  if (!removed) throw ConflictError('该成员不在队伍中', 'not_in_team');
  await TeamModel.updateOne({ _id: team._id }, { $inc: { memberCount: -1 } });
}

async function openTeam(id: string, now: Date): Promise<TeamDoc> {
  const team = Types.ObjectId.isValid(id) ? await TeamModel.findById(id).lean<TeamDoc>() : null;
  if (!team) throw NotFoundError('队伍不存在');
  const activity = (await ActivityModel.findById(team.activityId).lean<ActivityDoc>())!;
  if (team.status !== 'open' || signUpWindowState(activity, now) === 'closed') {
    throw ConflictError('报名已截止，队伍已锁定', 'team_locked');
  }
  return team;
}

export async function leaveTeam(actor: Actor, id: string, now: Date) {
  const memberId = requireMemberId(actor);
  const team = await openTeam(id, now);
  if (String(team.captainMemberId) === memberId) {
    throw ConflictError('队长不能退出队伍，可取消报名以解散队伍', 'captain_cannot_leave');
  }
  if (!(await TeamMemberModel.exists({ teamId: team._id, memberId, left: false }))) throw NotFoundError('队伍不存在');
  await removeFromTeam(team, memberId);
  return { ok: true as const };
}

export async function removeTeamMember(actor: Actor, id: string, memberId: string, now: Date): Promise<Team> {
  const captainId = requireMemberId(actor);
  const team = await openTeam(id, now);
  if (String(team.captainMemberId) !== captainId) throw NotFoundError('队伍不存在');
  if (!Types.ObjectId.isValid(memberId)) throw NotFoundError('该成员不在队伍中');
  await removeFromTeam(team, memberId);
  return presentTeam((await TeamModel.findById(team._id).lean<TeamDoc>())!, captainId, now);
}

/**
 * Called from the sweep: locks the open teams of activities whose sign-up has closed; a team
 * below its minimum is cancelled, its captain's entry cancelled and its place passed on.
 */
export async function lockClosedTeams(now: Date): Promise<{ locked: number; cancelled: number }> {
  const result = { locked: 0, cancelled: 0 };
  // Only activities whose sign-up has closed and that are still running (teams of a cancelled
  // one are dissolved with it): open teams of activities still signing up never fill the batch.
  const closedActivities = await ActivityModel.find(
    { status: { $in: ['published', 'paused'] }, closedAt: null, signUpClosesAt: { $lte: now } },
    { _id: 1 },
  ).lean<{ _id: Types.ObjectId }[]>();
  if (closedActivities.length === 0) return result;
  const open = await TeamModel.find({
    status: 'open',
    activityId: { $in: closedActivities.map((activity) => activity._id) },
  })
    .limit(100)
    .lean<TeamDoc[]>();
  for (const team of open) {
    const activity = await ActivityModel.findById(team.activityId).lean<ActivityDoc>();
    if (!activity || signUpWindowState(activity, now) !== 'closed') continue;
    const full = team.memberCount >= team.min;
    const changed = await updateIf(
      TeamModel,
      { key: { _id: team._id }, when: { status: 'open' } },
      { $set: { status: full ? 'locked' : 'cancelled' } },
    );
    if (!changed) continue;
    if (full) {
      result.locked += 1;
      continue;
    }
    result.cancelled += 1;
    await TeamMemberModel.updateMany({ teamId: team._id }, { $unset: { liveKey: 1 } });
    const entry = await EntryModel.findById(team.captainEntryId).lean<EntryDoc>();
    if (!entry) continue;
    const cancelled = await updateIf(
      EntryModel,
      { key: { _id: entry._id }, when: { status: entry.status } },
      {
        $set: {
          status: 'cancelled',
          rejectReason: '队伍人数不足，已取消',
          ...owingRefund(entry, now),
          ...(occupiesPlace(entry.status as EntryStatus) ? placePassOwed(now) : {}),
        },
        $unset: { liveKey: 1 },
      },
    );
    if (!cancelled) continue;
    await entriesChanged([entry._id], now, '队伍人数不足');
    if (occupiesPlace(entry.status as EntryStatus)) await passPlaceOn(entry, activity.offerHoldHours, now);
    // A captain who already paid gets the money back, as on any cancellation (entry-payment.ts).
    if (entry.paidOrderId) await refundPaidEntry(entry._id, '队伍人数不足，报名已取消');
  }
  return result;
}
