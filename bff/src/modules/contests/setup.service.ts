/**
 * The organiser's contest setup. Saved freely until a judge submits a sheet; after that, a
 * change that would alter what a submitted sheet means (its round's scoring or aggregation,
 * a started round's place or advancement) is refused with the reason. Published: frozen.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  validateContestSetup,
  type ContestSetupInput,
  type ContestSetupView,
  type StaffContestSummary,
} from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import { organiserOrgIds } from '../activities/policy';
import { organizationNames } from '../organizations/service';
import { ContestModel, type ContestDoc, type RoundState } from './contest.model';
import { managedContest } from './contest-access';
import { contestEntrants } from './entrants';
import { ContestJudgeModel } from './judge.model';
import { ScoreSheetModel } from './sheet.model';

export async function contestSetupView(activity: ActivityDoc, contest: ContestDoc | null): Promise<ContestSetupView> {
  const [entrants, submitted, orgNames] = await Promise.all([
    contestEntrants(activity),
    ScoreSheetModel.exists({ activityId: activity._id, status: 'submitted' }),
    organizationNames([activity.orgId]),
  ]);
  const setup = (contest?.setup ?? null) as ContestSetupInput | null;
  return {
    activityId: String(activity._id),
    title: activity.title,
    orgName: orgNames.get(String(activity.orgId)) ?? '',
    groups: activity.groups.map((group) => ({
      id: group.id,
      name: group.name,
      team: Boolean(group.team),
      entrants: entrants.filter((entrant) => entrant.groupId === group.id).length,
    })),
    setup,
    rounds: (setup?.rounds ?? []).map((round) => {
      const state = contest?.rounds.find((candidate) => candidate.id === round.id);
      return {
        id: round.id,
        name: round.name,
        status: state?.status ?? 'pending',
        closedAt: state?.closedAt?.toISOString() ?? null,
      };
    }),
    scoresSubmitted: Boolean(submitted),
    scoresRevision: contest?.scoresRevision ?? 0,
    publication: contest?.publication
      ? { number: contest.publication.number!, publishedAt: contest.publication.publishedAt!.toISOString() }
      : null,
  };
}

/** The skill contests the caller organises, newest first, cancelled ones left out. */
export async function listStaffContests(actor: Actor): Promise<{ items: StaffContestSummary[] }> {
  const activities = await ActivityModel.find({
    kind: 'skill_contest',
    status: { $ne: 'cancelled' },
    orgPath: { $in: organiserOrgIds(actor) },
  })
    .sort({ _id: -1 })
    .limit(100)
    .lean<ActivityDoc[]>();
  const ids = activities.map((activity) => activity._id);
  const [contests, judges, orgNames] = await Promise.all([
    ContestModel.find({ activityId: { $in: ids } }).lean<ContestDoc[]>(),
    ContestJudgeModel.find({ activityId: { $in: ids }, status: 'active' }, { activityId: 1 }).lean(),
    organizationNames(activities.map((activity) => activity.orgId)),
  ]);
  return {
    items: activities.map((activity) => {
      const contest = contests.find((candidate) => String(candidate.activityId) === String(activity._id));
      const setup = (contest?.setup ?? null) as ContestSetupInput | null;
      return {
        activityId: String(activity._id),
        title: activity.title,
        orgName: orgNames.get(String(activity.orgId)) ?? '',
        firstSessionStartsAt: activity.sessions[0]!.startsAt!.toISOString(),
        setUp: Boolean(setup),
        rounds: (setup?.rounds ?? []).map((round) => ({
          id: round.id,
          name: round.name,
          status: contest?.rounds.find((state) => state.id === round.id)?.status ?? 'pending',
        })),
        judges: judges.filter((judge) => String(judge.activityId) === String(activity._id)).length,
        publishedAt: contest?.publication?.publishedAt?.toISOString() ?? null,
      };
    }),
  };
}

export async function getContestSetup(actor: Actor, activityId: string): Promise<ContestSetupView> {
  const { activity, contest } = await managedContest(actor, activityId);
  return contestSetupView(activity, contest);
}

const refused = (message: string) => ConflictError(message, 'setup_locked');

/** Why this edit may not be made now, or null. */
function editRefusal(
  before: ContestSetupInput | null,
  states: readonly RoundState[],
  after: ContestSetupInput,
  scoredRounds: Set<string>,
): string | null {
  if (!before) return null;
  for (const [index, state] of states.entries()) {
    if (state.status === 'pending') continue;
    const old = before.rounds.find((round) => round.id === state.id);
    const now = after.rounds[index];
    if (!now || now.id !== state.id) return `轮次“${old?.name ?? state.id}”已开始，不能删除或调换顺序`;
    if (state.status === 'closed' && old && !isDeepStrictEqual(old.advancement, now.advancement)) {
      return `轮次“${old.name}”已结束，晋级方式不能再改`;
    }
  }
  for (const roundId of scoredRounds) {
    const old = before.rounds.find((round) => round.id === roundId);
    const now = after.rounds.find((round) => round.id === roundId);
    if (!old) continue;
    if (!now) return `轮次“${old.name}”已有评委提交评分，不能删除`;
    if (!isDeepStrictEqual(old.scoring, now.scoring))
      return `轮次“${old.name}”已有评委提交评分，评分方式与评分项不能再改`;
    if (!isDeepStrictEqual(old.aggregation, now.aggregation))
      return `轮次“${old.name}”已有评委提交评分，汇总方式不能再改`;
  }
  return null;
}

/** Round states for the new setup: kept by id, new rounds pending, the first unfinished one open. */
function alignedRounds(states: readonly RoundState[], setup: ContestSetupInput): RoundState[] {
  const next = setup.rounds.map(
    (round) =>
      states.find((state) => state.id === round.id) ?? {
        id: round.id,
        status: 'pending' as const,
        closedAt: null,
        absentIds: [],
        advancedIds: [],
        closedScores: null,
      },
  );
  const firstOpen = next.findIndex((state) => state.status !== 'closed');
  return next.map((state, index) => ({
    ...state,
    status: index === firstOpen && state.status === 'pending' ? 'open' : state.status,
  }));
}

export async function saveContestSetup(
  actor: Actor,
  activityId: string,
  setup: ContestSetupInput,
): Promise<ContestSetupView> {
  const { activity } = await managedContest(actor, activityId);
  const issues = validateContestSetup(
    setup,
    activity.groups.map((group) => group.id),
  );
  if (issues.length > 0) throw ValidationError(issues);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const contest = await ContestModel.findOne({ activityId: activity._id }).lean<ContestDoc>();
    if (contest?.publication) throw refused('成绩已公布，不能再修改竞赛设置');
    const scoredRounds = new Set(
      (await ScoreSheetModel.distinct('roundId', { activityId: activity._id, status: 'submitted' })).map(String),
    );
    const refusal = editRefusal(
      (contest?.setup ?? null) as ContestSetupInput | null,
      contest?.rounds ?? [],
      setup,
      scoredRounds,
    );
    if (refusal) throw refused(refusal);
    const rounds = alignedRounds(contest?.rounds ?? [], setup);
    const applied = await updateIf(
      ContestModel,
      { key: { activityId: activity._id }, when: { version: contest?.version ?? 0, publication: null } },
      { $set: { setup, rounds }, $inc: { version: 1 } },
      { upsert: !contest },
    );
    if (applied)
      return contestSetupView(activity, await ContestModel.findOne({ activityId: activity._id }).lean<ContestDoc>());
  }
  throw ConflictError('竞赛设置正被他人修改，请刷新后重试', 'setup_busy');
}
