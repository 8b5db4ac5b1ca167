/** Finding a contest for its organiser or its judge; anything out of reach is "not found". */
import type { Types } from 'mongoose';
import type { ContestSetupInput } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import { managedActivity } from '../activities/organise.service';
import { ContestModel, type ContestDoc } from './contest.model';
import { ContestJudgeModel, type ContestJudgeDoc } from './judge.model';
import { contestPolicy } from './policy';

export const contestMissing = () => NotFoundError('竞赛不存在');
export const notSetUp = () => NotFoundError('竞赛尚未设置轮次');

/** A skill contest the caller organises (staff of another district: 404). */
export async function managedContest(
  actor: Actor,
  activityId: string,
): Promise<{ activity: ActivityDoc; contest: ContestDoc | null }> {
  const activity = await managedActivity(actor, activityId);
  if (activity.kind !== 'skill_contest') throw contestMissing();
  const contest = await ContestModel.findOne({ activityId: activity._id }).lean<ContestDoc>();
  return { activity, contest };
}

export async function managedSetUpContest(
  actor: Actor,
  activityId: string,
): Promise<{ activity: ActivityDoc; contest: ContestDoc; setup: ContestSetupInput }> {
  const { activity, contest } = await managedContest(actor, activityId);
  if (!contest?.setup) throw notSetUp();
  return { activity, contest, setup: contest.setup as ContestSetupInput };
}

export async function contestOf(activityId: Types.ObjectId | string): Promise<ContestDoc | null> {
  return ContestModel.findOne({ activityId }).lean<ContestDoc>();
}

/** The caller's judge role in this contest, with the contest set up: a non-judge or removed judge gets 404. */
export async function judgedContest(actor: Actor, activityId: string) {
  const judge = await ContestJudgeModel.findOne({ activityId, accountId: actor.accountId }).lean<ContestJudgeDoc>();
  if (!judge) throw contestMissing();
  contestPolicy.authorize(actor, 'actAsJudge', judge);
  const [activity, contest] = await Promise.all([
    ActivityModel.findById(activityId).lean<ActivityDoc>(),
    ContestModel.findOne({ activityId }).lean<ContestDoc>(),
  ]);
  if (!activity || !contest?.setup) throw contestMissing();
  return { judge, activity, contest, setup: contest.setup as ContestSetupInput };
}
