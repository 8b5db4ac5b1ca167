/**
 * Who may do what in a contest. Organisers: office staff above the host (the activities
 * policy). Judges: an active judge document for this activity, and within it only their groups
 * and rounds. Anything out of reach reads as missing, so ids cannot be probed.
 */
import { NotFoundError, type HttpError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { ContestEntrant } from './entrants';
import type { ContestJudgeDoc } from './judge.model';
import { judgesRound } from './standings';

const rules = {
  /** Act as this judge: the bound account itself, while not removed. */
  actAsJudge: (actor: Actor, judge: Pick<ContestJudgeDoc, 'accountId' | 'status'>) =>
    String(judge.accountId) === actor.accountId && judge.status === 'active',
  /** Score or read an entrant: the judge's groups. */
  judgeEntrant: (_actor: Actor, target: { judge: ContestJudgeDoc; entrant: Pick<ContestEntrant, 'groupId'> }) =>
    target.judge.groupIds.includes(target.entrant.groupId),
  /** Score in a round: the judge's rounds (none named = all). */
  judgeRound: (_actor: Actor, target: { judge: ContestJudgeDoc; roundId: string }) =>
    judgesRound(target.judge, target.roundId),
};

const refusals: Record<keyof typeof rules, () => HttpError> = {
  actAsJudge: () => NotFoundError('竞赛不存在'),
  judgeEntrant: () => NotFoundError('参赛者不存在'),
  judgeRound: () => NotFoundError('轮次不存在'),
};

export const contestPolicy = definePolicy(rules, (action) => refusals[action]());
