/**
 * Running a round: progress (sheets submitted of expected, per judge and per entrant), marking
 * an entrant absent (缺考), and closing the round, which freezes its scores and advancement and
 * opens the next. Closing refuses while any expected sheet is missing, and says which.
 * Writes to the contest document are compare-and-set on its `version`.
 */
import type { RoundProgress } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, HttpError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { ContestModel, type ContestDoc, type RoundState } from './contest.model';
import { managedSetUpContest } from './contest-access';
import {
  expectedSheets,
  loadContestData,
  roundAdvancement,
  roundParticipants,
  roundStateOf,
  sheetIndex,
  type ContestData,
} from './standings';

const WRITE_ATTEMPTS = 5;

function roundOf(data: Pick<ContestData, 'setup'>, roundId: string) {
  const round = data.setup.rounds.find((candidate) => candidate.id === roundId);
  if (!round) throw NotFoundError('轮次不存在');
  return round;
}

export function roundProgress(data: ContestData, roundId: string): RoundProgress {
  const round = roundOf(data, roundId);
  const state = roundStateOf(data.contest, roundId);
  const index = sheetIndex(data.sheets);
  const perJudge = new Map<string, { judgeId: string; displayName: string; expected: number; submitted: number }>();
  const entrants = roundParticipants(data, roundId).map((entrant) => {
    const absent = state?.absentIds.includes(entrant.id) ?? false;
    const expected = absent ? [] : expectedSheets(data, roundId, entrant, index);
    for (const { judge, sheet } of expected) {
      const key = String(judge._id);
      const row = perJudge.get(key) ?? { judgeId: key, displayName: judge.displayName, expected: 0, submitted: 0 };
      row.expected += 1;
      if (sheet?.status === 'submitted') row.submitted += 1;
      perJudge.set(key, row);
    }
    return {
      entrantId: entrant.id,
      bib: entrant.bib,
      name: entrant.name,
      groupId: entrant.groupId,
      groupName: entrant.groupName,
      absent,
      expected: expected.length,
      submitted: expected.filter(({ sheet }) => sheet?.status === 'submitted').length,
      missingJudges: expected
        .filter(({ sheet }) => sheet?.status !== 'submitted')
        .map(({ judge }) => judge.displayName),
    };
  });
  return {
    roundId,
    roundName: round.name,
    status: state?.status ?? 'pending',
    expected: entrants.reduce((sum, entrant) => sum + entrant.expected, 0),
    submitted: entrants.reduce((sum, entrant) => sum + entrant.submitted, 0),
    judges: [...perJudge.values()],
    entrants,
  };
}

export async function getRoundProgress(actor: Actor, activityId: string, roundId: string): Promise<RoundProgress> {
  const { activity, contest } = await managedSetUpContest(actor, activityId);
  return roundProgress(await loadContestData(activity, contest), roundId);
}

/** Rewrites the rounds by compare-and-set on the contest's version, retrying on a concurrent write. */
async function changeRounds(
  actor: Actor,
  activityId: string,
  change: (data: ContestData) => { rounds: RoundState[]; bumpScores: boolean } | 'unchanged',
): Promise<ContestData> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
    const { activity, contest } = await managedSetUpContest(actor, activityId);
    const data = await loadContestData(activity, contest);
    const result = change(data);
    if (result === 'unchanged') return data;
    const applied = await updateIf(
      ContestModel,
      { key: { _id: contest._id }, when: { version: contest.version, publication: null } },
      { $set: { rounds: result.rounds }, $inc: { version: 1, scoresRevision: result.bumpScores ? 1 : 0 } },
    );
    if (applied) {
      const updated = (await ContestModel.findById(contest._id).lean<ContestDoc>())!;
      return loadContestData(activity, updated);
    }
  }
  throw ConflictError('竞赛正被他人修改，请刷新后重试', 'contest_busy');
}

const published = () => ConflictError('成绩已公布，不能再修改', 'results_published');

export async function markAbsent(
  actor: Actor,
  activityId: string,
  entrantId: string,
  body: { roundId: string; absent: boolean },
): Promise<RoundProgress> {
  const data = await changeRounds(actor, activityId, (current) => {
    if (current.contest.publication) throw published();
    roundOf(current, body.roundId);
    const state = roundStateOf(current.contest, body.roundId);
    if (state?.status !== 'open') throw ConflictError('只能在本轮评分中标记缺考', 'round_not_open');
    if (!roundParticipants(current, body.roundId).some((entrant) => entrant.id === entrantId))
      throw NotFoundError('参赛者不存在');
    if (state.absentIds.includes(entrantId) === body.absent) return 'unchanged';
    const absentIds = body.absent ? [...state.absentIds, entrantId] : state.absentIds.filter((id) => id !== entrantId);
    return {
      rounds: current.contest.rounds.map((round) => (round.id === body.roundId ? { ...round, absentIds } : round)),
      bumpScores: true,
    };
  });
  return roundProgress(data, body.roundId);
}

export async function closeRound(
  actor: Actor,
  activityId: string,
  body: { roundId: string },
  now: Date,
): Promise<RoundProgress> {
  const data = await changeRounds(actor, activityId, (current) => {
    const round = roundOf(current, body.roundId);
    const state = roundStateOf(current.contest, round.id);
    if (state?.status === 'closed') return 'unchanged';
    if (current.contest.publication) throw published();
    if (state?.status !== 'open') throw ConflictError('本轮尚未开始，不能结束', 'round_not_open');
    const progress = roundProgress(current, round.id);
    const missing = progress.entrants.filter(
      (entrant) => !entrant.absent && (entrant.expected === 0 || entrant.missingJudges.length > 0),
    );
    if (missing.length > 0) {
      const lines = missing.map((entrant) =>
        entrant.expected === 0
          ? `${entrant.name}：没有评委负责`
          : `${entrant.name}：${entrant.missingJudges.join('、')} 未提交`,
      );
      throw new HttpError(
        409,
        'sheets_missing',
        `还有 ${missing.length} 位参赛者的评分未交齐，不能结束本轮：${lines.slice(0, 5).join('；')}${lines.length > 5 ? '…' : ''}`,
        missing.map((entrant, index) => ({ path: `entrants.${entrant.entrantId}`, message: lines[index]! })),
      );
    }
    const { advanced, scores } = roundAdvancement(current, round);
    const position = current.setup.rounds.findIndex((candidate) => candidate.id === round.id);
    const nextId = current.setup.rounds[position + 1]?.id;
    return {
      rounds: current.contest.rounds.map((candidate) => {
        if (candidate.id === round.id)
          return { ...candidate, status: 'closed', closedAt: now, advancedIds: advanced, closedScores: scores };
        if (candidate.id === nextId && candidate.status === 'pending') return { ...candidate, status: 'open' };
        return candidate;
      }),
      bumpScores: true,
    };
  });
  return roundProgress(data, body.roundId);
}
