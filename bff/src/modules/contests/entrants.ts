/**
 * A contest's entrants: each live entry of a skill_contest activity, or for a team group the
 * captain's entry standing for the team (shown by the team's name). Entrant id = entry id.
 */
import { Types } from 'mongoose';
import { EntryModel } from '../activities/entry.model';
import type { ActivityDoc } from '../activities/activity.model';
import { TeamMemberModel, TeamModel } from '../activities/team.model';
import { MemberModel } from '../membership/member.model';

/** Entries that hold a place for the contest (signed up, checked in, finished). */
export const ENTRANT_STATUSES = ['confirmed', 'checked_in', 'completed'];

export interface ContestEntrant {
  id: string;
  /** 参赛号: sign-up order within the contest, 001 onwards; judges know entrants by it. */
  bib: string;
  groupId: string;
  groupName: string;
  /** The member's full name or the team's name: only the organiser, the judges and the holder see it as is. */
  name: string;
  isTeam: boolean;
  /** The entry's member (a team's captain). */
  memberId: string;
  /** A team's members (captain included); empty for an individual. */
  teamMemberIds: string[];
}

export async function contestEntrants(activity: Pick<ActivityDoc, '_id' | 'groups'>): Promise<ContestEntrant[]> {
  const entries = await EntryModel.find(
    { activityId: activity._id, status: { $in: ENTRANT_STATUSES } },
    { groupId: 1, memberId: 1 },
  ).lean();
  const groups = new Map(activity.groups.map((group) => [group.id, group]));
  const teams = await TeamModel.find(
    { activityId: activity._id, status: { $in: ['open', 'locked'] } },
    { captainEntryId: 1, name: 1 },
  ).lean();
  const teamOfEntry = new Map(teams.map((team) => [String(team.captainEntryId), team]));
  const teammates = teams.length
    ? await TeamMemberModel.find(
        { teamId: { $in: teams.map((team) => team._id) }, liveKey: { $exists: true } },
        { teamId: 1, memberId: 1 },
      ).lean()
    : [];
  const members = new Map(
    (await MemberModel.find({ _id: { $in: entries.map((entry) => entry.memberId) } }, { name: 1 }).lean()).map(
      (member) => [String(member._id), member.name],
    ),
  );
  const entrants: ContestEntrant[] = [];
  for (const entry of entries) {
    const group = groups.get(entry.groupId);
    if (!group) continue;
    const team = teamOfEntry.get(String(entry._id));
    // A team group's place is the captain's entry; without its team it stands for nobody.
    if (group.team && !team) continue;
    entrants.push({
      id: String(entry._id),
      bib: '',
      groupId: group.id,
      groupName: group.name,
      name: team ? team.name : (members.get(String(entry.memberId)) ?? '参赛者'),
      isTeam: Boolean(team),
      memberId: String(entry.memberId),
      teamMemberIds: team
        ? teammates.filter((mate) => String(mate.teamId) === String(team._id)).map((mate) => String(mate.memberId))
        : [],
    });
  }
  // Entry ids grow with sign-up time, so numbering by id is numbering by sign-up order.
  entrants.sort((a, b) => a.id.localeCompare(b.id));
  entrants.forEach((entrant, index) => (entrant.bib = String(index + 1).padStart(3, '0')));
  return entrants.sort((a, b) => a.groupId.localeCompare(b.groupId) || a.id.localeCompare(b.id));
}

/** Whether the member takes part through this entrant (its own entry, or a member of its team). */
export const isEntrantMember = (entrant: ContestEntrant, memberId: string | null): boolean =>
  memberId !== null && (entrant.memberId === memberId || entrant.teamMemberIds.includes(memberId));

export const toObjectId = (id: string) => new Types.ObjectId(id);
