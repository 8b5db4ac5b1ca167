/**
 * Who takes part in an activity, and the WeChat account that reaches each of them: a member
 * with no entry of their own is a teammate (the captain's entry holds the place), or a worker
 * signed up on their behalf who later bound. Reminders, change notices and contest results all
 * reach entrants this way.
 */
import type { Types } from 'mongoose';
import { MemberModel } from '../membership/member.model';
import { EntryModel } from './entry.model';
import { TeamMemberModel, TeamModel } from './team.model';

/** member id → bound account id, for the members that have one. */
export async function boundAccounts(memberIds: readonly Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
  if (memberIds.length === 0) return new Map();
  const members = await MemberModel.find({ _id: { $in: memberIds } }, { boundAccountId: 1 }).lean();
  return new Map(
    members.flatMap((member) => (member.boundAccountId ? [[String(member._id), member.boundAccountId] as const] : [])),
  );
}

/** One person taking part through an entry: its own member, or a teammate on the captain's entry. */
export interface Entrant {
  entryId: Types.ObjectId;
  memberId: Types.ObjectId;
  accountId: Types.ObjectId | null;
}

/**
 * Everyone taking part through the activity's entries in `statuses`: each entry's member and,
 * for an entry holding a team's place, the team's current members. Accounts come from the
 * entry, or for a teammate or an entry made on a member's behalf from the member's binding;
 * null when the member has none.
 */
export async function entrantsOf(activityId: Types.ObjectId, statuses: readonly string[]): Promise<Entrant[]> {
  const entries = await EntryModel.find({ activityId, status: { $in: statuses } }, { memberId: 1, accountId: 1 }).lean<
    { _id: Types.ObjectId; memberId: Types.ObjectId; accountId: Types.ObjectId | null }[]
  >();
  const entryIds = new Set(entries.map((entry) => String(entry._id)));
  const teams = (
    await TeamModel.find({ activityId, status: { $in: ['open', 'locked'] } }, { captainEntryId: 1 }).lean()
  ).filter((team) => entryIds.has(String(team.captainEntryId)));
  const teammates =
    teams.length === 0
      ? []
      : await TeamMemberModel.find(
          { teamId: { $in: teams.map((team) => team._id) }, liveKey: { $exists: true } },
          { teamId: 1, memberId: 1 },
        ).lean();
  const entryOfTeam = new Map(teams.map((team) => [String(team._id), team.captainEntryId]));

  const entrants = new Map<string, Entrant>();
  for (const entry of entries) {
    entrants.set(`${String(entry._id)}:${String(entry.memberId)}`, {
      entryId: entry._id,
      memberId: entry.memberId,
      accountId: entry.accountId ?? null,
    });
  }
  for (const teammate of teammates) {
    const entryId = entryOfTeam.get(String(teammate.teamId))!;
    const key = `${String(entryId)}:${String(teammate.memberId)}`;
    if (!entrants.has(key)) entrants.set(key, { entryId, memberId: teammate.memberId, accountId: null });
  }
  const unbound = [...entrants.values()].filter((entrant) => !entrant.accountId);
  const accountOf = await boundAccounts(unbound.map((entrant) => entrant.memberId));
  for (const entrant of unbound) entrant.accountId = accountOf.get(String(entrant.memberId)) ?? null;
  return [...entrants.values()];
}
