/**
 * The published results, stored once in the contest document as they stood at publishing:
 * later reads (the activity page, 我的活动, certificates, verification) all read this snapshot,
 * so what was published never shifts. Full names are stored, never sent: presenters mask them.
 */
import type { ContestDoc } from './contest.model';
import type { GroupStanding } from './standings';

export interface PublishedRow {
  entrantId: string;
  rank: number | null;
  award: string | null;
  total: number | null;
  rounds: { roundId: string; score: number | null; absent: boolean }[];
  name: string;
  isTeam: boolean;
  memberId: string;
  teamMemberIds: string[];
}

export interface PublishedGroup {
  groupId: string;
  groupName: string;
  rows: PublishedRow[];
}

export function snapshotOf(standings: readonly GroupStanding[]): PublishedGroup[] {
  return standings.map((group) => ({
    groupId: group.groupId,
    groupName: group.groupName,
    rows: group.rows.map((row) => ({
      entrantId: row.entrantId,
      rank: row.rank,
      award: row.award,
      total: row.total,
      rounds: row.rounds.map((round) => ({ roundId: round.roundId, score: round.score, absent: round.absent })),
      name: row.entrant.name,
      isTeam: row.entrant.isTeam,
      memberId: row.entrant.memberId,
      teamMemberIds: row.entrant.teamMemberIds,
    })),
  }));
}

export const publishedGroups = (contest: Pick<ContestDoc, 'publication'>): PublishedGroup[] =>
  (contest.publication?.groups ?? []) as PublishedGroup[];

export function publishedRow(
  contest: Pick<ContestDoc, 'publication'>,
  entrantId: string,
): { group: PublishedGroup; row: PublishedRow } | null {
  for (const group of publishedGroups(contest)) {
    const row = group.rows.find((candidate) => candidate.entrantId === entrantId);
    if (row) return { group, row };
  }
  return null;
}

export const takesPartAs = (row: Pick<PublishedRow, 'memberId' | 'teamMemberIds'>, memberId: string | null) =>
  memberId !== null && (row.memberId === memberId || row.teamMemberIds.includes(memberId));
