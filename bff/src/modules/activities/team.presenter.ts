/** The team an entry stands for (team groups only: the entry is its captain's), as shown beside the entry. */
import type { ActivityEntry } from '@union/shared';
import { Types } from 'mongoose';
import { EntryModel, type EntryDoc } from './entry.model';
import { TeamMemberModel, TeamModel, type TeamDoc } from './team.model';

export async function entryTeam(entry: Pick<EntryDoc, '_id'>): Promise<ActivityEntry['team']> {
  const team = await TeamModel.findOne({ captainEntryId: entry._id }).lean();
  if (!team) return null;
  return {
    id: String(team._id),
    name: team.name,
    // The entry's own member is the captain; staff presenters blank the code.
    code: team.code,
    size: team.memberCount,
    min: team.min,
    max: team.max,
    role: 'captain',
  };
}

/**
 * The live teams a member joined (not captained), with the captain's entry each stands on:
 * a joiner holds the activity through that entry, so it is shown as theirs (我的活动, detail).
 */
export async function joinedTeamEntries(
  memberId: string,
  activityId?: Types.ObjectId,
): Promise<{ team: TeamDoc; entry: EntryDoc }[]> {
  const rows = await TeamMemberModel.find({
    memberId: new Types.ObjectId(memberId),
    captain: false,
    left: false,
    liveKey: { $exists: true },
    ...(activityId ? { activityId } : {}),
  }).lean();
  if (rows.length === 0) return [];
  const teams = await TeamModel.find({ _id: { $in: rows.map((row) => row.teamId) } }).lean<TeamDoc[]>();
  const entries = new Map(
    (await EntryModel.find({ _id: { $in: teams.map((team) => team.captainEntryId) } }).lean<EntryDoc[]>()).map(
      (entry) => [String(entry._id), entry],
    ),
  );
  return teams.flatMap((team) => {
    const entry = entries.get(String(team.captainEntryId));
    return entry ? [{ team, entry }] : [];
  });
}

/** The captain's entry as a joiner sees it: their team, role 队员, and no cancel (they leave the team instead). */
export function asJoiner(shown: ActivityEntry): ActivityEntry {
  return { ...shown, canCancel: false, team: shown.team ? { ...shown.team, role: 'member' } : shown.team };
}
