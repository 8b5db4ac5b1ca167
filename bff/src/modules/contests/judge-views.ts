/** What a judge sees: their contests, a round's entrants assigned to them, a score sheet. */
import { maskName, type ContestRound, type JudgeContest, type ScoreSheet } from '@union/shared';
import { organizationNames } from '../organizations/service';
import type { ContestEntrant } from './entrants';
import type { ContestJudgeDoc } from './judge.model';
import type { ScoreSheetDoc } from './sheet.model';
import {
  expectedSheets,
  judgesRound,
  roundParticipants,
  roundStateOf,
  sheetScores,
  type ContestData,
} from './standings';

type JudgeRound = JudgeContest['rounds'][number];
type JudgeEntrant = ScoreSheet['entrant'];

/** The round's participants this judge scores (their groups), in the round's order. */
export function judgeEntrants(data: ContestData, judge: ContestJudgeDoc, roundId: string): ContestEntrant[] {
  if (!judgesRound(judge, roundId)) return [];
  return roundParticipants(data, roundId).filter((entrant) => judge.groupIds.includes(entrant.groupId));
}

const mySheet = (data: ContestData, judge: ContestJudgeDoc, roundId: string, entrantId: string) =>
  data.sheets.find(
    (sheet) =>
      sheet.roundId === roundId && String(sheet.entrantId) === entrantId && String(sheet.judgeId) === String(judge._id),
  );

const isAbsent = (data: ContestData, roundId: string, entrantId: string) =>
  roundStateOf(data.contest, roundId)?.absentIds.includes(entrantId) ?? false;

export function judgeRoundView(data: ContestData, judge: ContestJudgeDoc, round: ContestRound): JudgeRound {
  const entrants = judgeEntrants(data, judge, round.id).filter((entrant) => !isAbsent(data, round.id, entrant.id));
  return {
    id: round.id,
    name: round.name,
    status: roundStateOf(data.contest, round.id)?.status ?? 'pending',
    scoring: round.scoring,
    assigned: entrants.length,
    submitted: entrants.filter((entrant) => mySheet(data, judge, round.id, entrant.id)?.status === 'submitted').length,
  };
}

export async function judgeContestView(data: ContestData, judge: ContestJudgeDoc): Promise<JudgeContest> {
  const orgNames = await organizationNames([data.activity.orgId]);
  return {
    activityId: String(data.activity._id),
    title: data.activity.title,
    orgName: orgNames.get(String(data.activity.orgId)) ?? '',
    judgeName: judge.displayName,
    groups: data.activity.groups
      .filter((group) => judge.groupIds.includes(group.id))
      .map((group) => ({ id: group.id, name: group.name })),
    rounds: data.setup.rounds
      .filter((round) => judgesRound(judge, round.id))
      .map((round) => judgeRoundView(data, judge, round)),
    published: Boolean(data.contest.publication),
  };
}

export function judgeEntrantView(
  data: ContestData,
  judge: ContestJudgeDoc,
  roundId: string,
  entrant: ContestEntrant,
): JudgeEntrant {
  const sheet = mySheet(data, judge, roundId, entrant.id);
  return {
    entrantId: entrant.id,
    bib: entrant.bib,
    // A judge is not staff: a person's name is masked, the bib tells entrants apart.
    name: entrant.isTeam ? entrant.name : maskName(entrant.name),
    groupId: entrant.groupId,
    groupName: entrant.groupName,
    absent: isAbsent(data, roundId, entrant.id),
    sheetStatus: sheet ? (sheet.status as 'draft' | 'submitted') : 'none',
    total: sheet?.total ?? null,
  };
}

const scoresWithTotal = (
  scores: { items?: unknown; value?: number | null; total?: number | null } | null | undefined,
) => ({
  items: (scores?.items ?? {}) as Record<string, number | null>,
  value: scores?.value ?? null,
  total: scores?.total ?? null,
});

export function scoreSheetView(
  data: ContestData,
  judge: ContestJudgeDoc,
  round: ContestRound,
  entrant: ContestEntrant,
): ScoreSheet {
  const sheet: ScoreSheetDoc | undefined = mySheet(data, judge, round.id, entrant.id);
  const state = roundStateOf(data.contest, round.id);
  const entrantView = judgeEntrantView(data, judge, round.id, entrant);
  const expected = expectedSheets(data, round.id, entrant);
  // Blind until every judge assigned to this entrant has submitted: no one anchors on another's score.
  const allIn = expected.length > 0 && expected.every(({ sheet: other }) => other?.status === 'submitted');
  return {
    activityId: String(data.activity._id),
    round: judgeRoundView(data, judge, round),
    entrant: entrantView,
    status: entrantView.sheetStatus,
    scores: sheet ? sheetScores(sheet) : { items: {}, value: null },
    total: sheet?.total ?? null,
    revision: sheet?.revision ?? 0,
    submittedAt: sheet?.submittedAt?.toISOString() ?? null,
    corrections: (sheet?.corrections ?? []).map((correction) => ({
      at: correction.at!.toISOString(),
      by: correction.by ?? '',
      reason: correction.reason ?? '',
      before: scoresWithTotal(correction.before),
      after: scoresWithTotal(correction.after),
    })),
    canEdit: state?.status === 'open' && !entrantView.absent && sheet?.status !== 'submitted',
    canCorrect: sheet?.status === 'submitted' && !data.contest.publication,
    others: allIn
      ? expected
          .filter(({ judge: other }) => String(other._id) !== String(judge._id))
          .map(({ judge: other, sheet: otherSheet }) => ({
            judgeId: String(other._id),
            judgeName: other.displayName,
            total: otherSheet?.total ?? null,
            items: (otherSheet?.items ?? {}) as Record<string, number | null>,
            corrected: (otherSheet?.corrections.length ?? 0) > 0,
          }))
      : null,
  };
}
