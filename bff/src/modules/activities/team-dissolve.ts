/**
 * A team stands on its captain's entry: when that entry ends (the captain cancels, the organiser
 * removes it, the activity is cancelled) the team is dissolved and its members are freed to
 * sign up again or join another team. Conditional, so a repeat or a race changes nothing twice.
 */
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { TeamMemberModel, TeamModel } from './team.model';

export async function dissolveTeamOf(captainEntryId: Types.ObjectId): Promise<boolean> {
  const team = await TeamModel.findOne({ captainEntryId }, { _id: 1 }).lean();
  if (!team) return false;
  const dissolved = await updateIf(
    TeamModel,
    { key: { _id: team._id }, when: { status: { $in: ['open', 'locked'] } } },
    { $set: { status: 'cancelled' } },
  );
  // Even when someone else won, clearing the keys again is harmless and heals a half-done run.
  await TeamMemberModel.updateMany({ teamId: team._id, liveKey: { $exists: true } }, { $unset: { liveKey: 1 } });
  return dissolved;
}

/** Dissolves every team of an activity (the activity was cancelled). */
export async function dissolveTeamsOfActivity(activityId: Types.ObjectId): Promise<void> {
  await TeamModel.updateMany({ activityId, status: { $in: ['open', 'locked'] } }, { $set: { status: 'cancelled' } });
  await TeamMemberModel.updateMany({ activityId, liveKey: { $exists: true } }, { $unset: { liveKey: 1 } });
}
