/** The team an entry stands for (team groups only: the entry is its captain's), as shown beside the entry. */
import type { ActivityEntry } from '@union/shared';
import type { EntryDoc } from './entry.model';
import { TeamModel } from './team.model';

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
