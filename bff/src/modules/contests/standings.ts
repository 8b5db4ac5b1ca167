/**
 * Everything a contest's scores add up to, computed from the stored sheets with the shared
 * rules (contest-rules.ts): who takes part in each round, which judges are expected for each
 * entrant, each round score, and the ranking with awards per group.
 */
import {
  aggregateRound,
  advancingEntrants,
  itemMeans,
  lowerIsBetter,
  rankGroup,
  type ContestRound,
  type ContestSetupInput,
  type EntrantStanding,
  type RankedEntrant,
} from '@union/shared';
import type { ActivityDoc } from '../activities/activity.model';
import type { ContestDoc, RoundState } from './contest.model';
import { contestEntrants, type ContestEntrant } from './entrants';
import { ContestJudgeModel, type ContestJudgeDoc } from './judge.model';
import { ScoreSheetModel, type ScoreSheetDoc } from './sheet.model';

export interface ContestData {
  activity: ActivityDoc;
  contest: ContestDoc;
  setup: ContestSetupInput;
  entrants: ContestEntrant[];
  judges: ContestJudgeDoc[];
  sheets: ScoreSheetDoc[];
}

export async function loadContestData(activity: ActivityDoc, contest: ContestDoc): Promise<ContestData> {
  const [entrants, judges, sheets] = await Promise.all([
    contestEntrants(activity),
    ContestJudgeModel.find({ activityId: activity._id }).lean<ContestJudgeDoc[]>(),
    ScoreSheetModel.find({ activityId: activity._id }).lean<ScoreSheetDoc[]>(),
  ]);
  return { activity, contest, setup: contest.setup as ContestSetupInput, entrants, judges, sheets };
}

export const roundStateOf = (contest: ContestDoc, roundId: string): RoundState | undefined =>
  contest.rounds.find((round) => round.id === roundId);

/** Who takes part in a round: everyone in the first, then those the previous round advanced (once it closed). */
export function roundParticipants(
  data: Pick<ContestData, 'contest' | 'setup' | 'entrants'>,
  roundId: string,
): ContestEntrant[] {
  const index = data.setup.rounds.findIndex((round) => round.id === roundId);
  if (index < 0) return [];
  if (index === 0) return data.entrants;
  const previous = roundStateOf(data.contest, data.setup.rounds[index - 1]!.id);
  if (previous?.status !== 'closed') return [];
  const advanced = new Set(previous.advancedIds);
  return data.entrants.filter((entrant) => advanced.has(entrant.id));
}

export const judgesRound = (judge: Pick<ContestJudgeDoc, 'roundIds'>, roundId: string) =>
  judge.roundIds.length === 0 || judge.roundIds.includes(roundId);

/** A judge assigned now to score this entrant in this round. */
export const judgeAssigned = (judge: ContestJudgeDoc, roundId: string, entrant: Pick<ContestEntrant, 'groupId'>) =>
  judge.status === 'active' && judge.groupIds.includes(entrant.groupId) && judgesRound(judge, roundId);

const sheetKey = (roundId: string, entrantId: string, judgeId: string) => `${roundId}:${entrantId}:${judgeId}`;

export function sheetIndex(sheets: readonly ScoreSheetDoc[]): Map<string, ScoreSheetDoc> {
  return new Map(
    sheets.map((sheet) => [sheetKey(sheet.roundId, String(sheet.entrantId), String(sheet.judgeId)), sheet]),
  );
}

export interface JudgeSheet {
  judge: ContestJudgeDoc;
  sheet: ScoreSheetDoc | undefined;
}

/**
 * The judges whose sheets count for an entrant in a round: those assigned now, and any judge
 * (even one since removed or reassigned) who submitted a sheet for it, since that sheet stays.
 */
export function expectedSheets(
  data: ContestData,
  roundId: string,
  entrant: ContestEntrant,
  index = sheetIndex(data.sheets),
): JudgeSheet[] {
  return data.judges
    .map((judge) => ({ judge, sheet: index.get(sheetKey(roundId, entrant.id, String(judge._id))) }))
    .filter(({ judge, sheet }) => judgeAssigned(judge, roundId, entrant) || sheet?.status === 'submitted');
}

export interface EntrantRound {
  roundId: string;
  score: number | null;
  absent: boolean;
  incomplete: boolean;
  trimmed: boolean;
  itemMeans: Record<string, number | null>;
  sheets: JudgeSheet[];
}

export function entrantRound(
  data: ContestData,
  round: ContestRound,
  entrant: ContestEntrant,
  index = sheetIndex(data.sheets),
): EntrantRound {
  const absent = roundStateOf(data.contest, round.id)?.absentIds.includes(entrant.id) ?? false;
  const sheets = expectedSheets(data, round.id, entrant, index);
  if (absent)
    return { roundId: round.id, score: null, absent, incomplete: false, trimmed: false, itemMeans: {}, sheets };
  const submitted = sheets.map(({ sheet }) => (sheet?.status === 'submitted' ? sheet : null));
  const aggregate = aggregateRound(
    submitted.map((sheet) => sheet?.total ?? null),
    round.aggregation,
  );
  const scores = submitted.filter((sheet): sheet is ScoreSheetDoc => sheet !== null).map(sheetScores);
  return {
    roundId: round.id,
    score: aggregate.score,
    absent,
    incomplete: aggregate.incomplete,
    trimmed: aggregate.trimmed,
    itemMeans: itemMeans(round.scoring, scores),
    sheets,
  };
}

export const sheetScores = (sheet: Pick<ScoreSheetDoc, 'items' | 'value'>) => ({
  items: (sheet.items ?? {}) as Record<string, number | null>,
  value: sheet.value ?? null,
});

/** Who of the round's participants advance, per group. */
export function roundAdvancement(
  data: ContestData,
  round: ContestRound,
  index = sheetIndex(data.sheets),
): { advanced: string[]; scores: Record<string, number | null> } {
  const participants = roundParticipants(data, round.id);
  const scores: Record<string, number | null> = {};
  for (const entrant of participants) scores[entrant.id] = entrantRound(data, round, entrant, index).score;
  const advanced: string[] = [];
  for (const group of data.activity.groups) {
    const scored = participants
      .filter((entrant) => entrant.groupId === group.id)
      .map((entrant) => ({ id: entrant.id, score: scores[entrant.id] ?? null }));
    advanced.push(...advancingEntrants(scored, round.advancement, lowerIsBetter(round.scoring)));
  }
  return { advanced, scores };
}

export interface GroupStanding {
  groupId: string;
  groupName: string;
  rows: (RankedEntrant & { entrant: ContestEntrant; rounds: (EntrantRound & { advanced: boolean | null })[] })[];
}

/** Each group's ranking with awards, from the rounds each entrant took part in. */
export function contestStandings(data: ContestData): GroupStanding[] {
  const index = sheetIndex(data.sheets);
  const participation = new Map<string, (EntrantRound & { advanced: boolean | null })[]>();
  for (const [roundIndex, round] of data.setup.rounds.entries()) {
    const state = roundStateOf(data.contest, round.id);
    const last = roundIndex === data.setup.rounds.length - 1;
    for (const entrant of roundParticipants(data, round.id)) {
      const result = entrantRound(data, round, entrant, index);
      const advanced = last || state?.status !== 'closed' ? null : state.advancedIds.includes(entrant.id);
      participation.set(entrant.id, [...(participation.get(entrant.id) ?? []), { ...result, advanced }]);
    }
  }
  return data.activity.groups.map((group) => {
    const entrants = data.entrants.filter((entrant) => entrant.groupId === group.id);
    const standings: EntrantStanding[] = entrants.map((entrant) => ({
      entrantId: entrant.id,
      rounds: participation.get(entrant.id) ?? [],
    }));
    const tiers = data.setup.awards.find((awards) => awards.groupId === group.id)?.tiers ?? [];
    const byId = new Map(entrants.map((entrant) => [entrant.id, entrant]));
    return {
      groupId: group.id,
      groupName: group.name,
      rows: rankGroup(data.setup, standings, tiers).map((row) => ({
        ...row,
        entrant: byId.get(row.entrantId)!,
        rounds: participation.get(row.entrantId) ?? [],
      })),
    };
  });
}
