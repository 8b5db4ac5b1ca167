/** Activities and entries as the contract shows them; a model is never sent as it is. */
import {
  ACTIVITY_KIND_LABELS,
  ALLOCATION_MODE_LABELS,
  maskName,
  entryStatusText,
  signUpWindowState,
  type ActivityAllocationState,
  type ActivityDetail,
  type ActivityEntry,
  type ActivityQuestion,
  type AllocationMode,
  type EntryStatus,
  type Occupation,
} from '@union/shared';
import type { ActivityDoc } from './activity.model';
import type { EntryDoc } from './entry.model';
import { waitlistPosition } from './places';
import { GroupPlacesModel } from './group-places.model';
import { EntryModel } from './entry.model';
import { mayCancelEntry } from './rules';
import { entryTeam } from './team.presenter';

type Summary = Omit<
  ActivityDetail,
  | 'description'
  | 'orgId'
  | 'venue'
  | 'sessions'
  | 'groups'
  | 'audience'
  | 'questions'
  | 'cancelDeadline'
  | 'offerHoldHours'
  | 'fee'
  | 'requiredSessions'
  | 'lotteryWeights'
  | 'myEntry'
  | 'signUpProblem'
>;

export interface GroupCounts {
  placesLeft: Map<string, number>;
  waiting: Map<string, number>;
}

const key = (activityId: unknown, groupId: string) => `${String(activityId)}:${groupId}`;

/** Free places of every group of these activities, and (for a detail page) each waitlist's length. */
export async function groupCountsOf(activities: ActivityDoc[], withWaiting = false): Promise<GroupCounts> {
  const places = await GroupPlacesModel.find({
    activityId: { $in: activities.map((activity) => activity._id) },
  }).lean();
  const waiting = new Map<string, number>();
  if (withWaiting) {
    for (const activity of activities) {
      for (const group of activity.groups) {
        const filter = { activityId: activity._id, groupId: group.id, status: 'waitlisted' };
        waiting.set(key(activity._id, group.id), await EntryModel.countDocuments(filter));
      }
    }
  }
  return {
    placesLeft: new Map(places.map((group) => [key(group.activityId, group.groupId), group.free])),
    waiting,
  };
}

const countKey = (activity: ActivityDoc, groupId: string) => key(activity._id, groupId);

export function presentActivitySummary(
  activity: ActivityDoc,
  counts: GroupCounts,
  orgNames: Map<string, string>,
  now: Date,
): Summary {
  return {
    id: String(activity._id),
    title: activity.title,
    kind: activity.kind,
    kindLabel: ACTIVITY_KIND_LABELS[activity.kind],
    status: activity.status,
    orgName: orgNames.get(String(activity.orgId)) ?? '',
    venueName: activity.venue.name,
    firstSessionStartsAt: activity.firstSessionStartsAt.toISOString(),
    signUpOpensAt: activity.signUpOpensAt.toISOString(),
    signUpClosesAt: activity.signUpClosesAt.toISOString(),
    signUpState: signUpWindowState(activity, now),
    placesLeft: activity.groups.reduce(
      (sum, group) => sum + (counts.placesLeft.get(countKey(activity, group.id)) ?? 0),
      0,
    ),
    allocationState: allocationStateOf(activity, counts),
    memberPaysFen: memberPaysFen(activity),
    posterUrl: posterUrlOf(activity),
  };
}

/**
 * A free 先到先得 place is what a member can take now, so it comes first; otherwise a lottery
 * or review group still takes sign-ups (its free count only says how many will be chosen).
 */
function allocationStateOf(activity: ActivityDoc, counts: GroupCounts): ActivityAllocationState {
  const modes = new Set(activity.groups.map((group) => group.allocation));
  const firstComeFree = activity.groups.some(
    (group) => group.allocation === 'first_come' && (counts.placesLeft.get(countKey(activity, group.id)) ?? 0) > 0,
  );
  if (firstComeFree) return 'places';
  if (modes.has('lottery')) return 'lottery';
  if (modes.has('review')) return 'review';
  return 'waitlist';
}

/** The poster's address, with its version so a replaced poster is a new URL to every cache. */
export const posterUrlOf = (activity: Pick<ActivityDoc, '_id' | 'poster'>): string | null =>
  activity.poster?.version ? `/api/activities/${String(activity._id)}/poster?v=${activity.poster.version}` : null;

const memberPaysFen = (activity: ActivityDoc) => (activity.fee?.priceFen ?? 0) - (activity.fee?.subsidyFen ?? 0);

export function presentActivityDetail(
  activity: ActivityDoc,
  counts: GroupCounts,
  orgNames: Map<string, string>,
  now: Date,
  mine: { entry: ActivityEntry | null; signUpProblem: string | null } = { entry: null, signUpProblem: null },
): ActivityDetail {
  const venue =
    activity.venue.kind === 'online'
      ? { kind: 'online' as const, name: activity.venue.name }
      : {
          kind: 'place' as const,
          name: activity.venue.name,
          address: activity.venue.address,
          location: { lat: activity.venue.location!.lat!, lng: activity.venue.location!.lng! },
        };
  return {
    ...presentActivitySummary(activity, counts, orgNames, now),
    description: activity.description,
    orgId: String(activity.orgId),
    venue,
    sessions: activity.sessions.map((session) => ({
      date: session.date!,
      start: session.start!,
      end: session.end!,
      startsAt: session.startsAt!.toISOString(),
      endsAt: session.endsAt!.toISOString(),
    })),
    groups: activity.groups.map((group) => ({
      id: group.id,
      name: group.name,
      capacity: group.capacity,
      allocation: group.allocation,
      allocationLabel: ALLOCATION_MODE_LABELS[group.allocation],
      placesLeft: counts.placesLeft.get(countKey(activity, group.id)) ?? 0,
      waitlistLength: counts.waiting.get(countKey(activity, group.id)) ?? 0,
      team: group.team ? { min: group.team.min!, max: group.team.max! } : null,
    })),
    audience: {
      orgId: String(activity.audience.orgId),
      orgName: orgNames.get(String(activity.audience.orgId)) ?? '',
      occupations: activity.audience.occupations as Occupation[],
      gender: (activity.audience.gender ?? null) as 'male' | 'female' | null,
      minAge: activity.audience.minAge ?? null,
      maxAge: activity.audience.maxAge ?? null,
      hardshipFamiliesOnly: Boolean(activity.audience.hardshipFamiliesOnly),
    },
    questions: activity.questions as ActivityQuestion[],
    cancelDeadline: activity.cancelDeadline.toISOString(),
    offerHoldHours: activity.offerHoldHours,
    fee: {
      priceFen: activity.fee?.priceFen ?? 0,
      subsidyFen: activity.fee?.subsidyFen ?? 0,
      memberPaysFen: memberPaysFen(activity),
    },
    requiredSessions: activity.requiredSessions ?? null,
    lotteryWeights: {
      newEmploymentForm: activity.lotteryWeights?.newEmploymentForm ?? 1,
      firstTime: activity.lotteryWeights?.firstTime ?? 1,
      repeatedNoShow: activity.lotteryWeights?.repeatedNoShow ?? 1,
      repeatedNoShowAfter: activity.lotteryWeights?.repeatedNoShowAfter ?? 2,
    },
    myEntry: mine.entry,
    signUpProblem: mine.signUpProblem,
  };
}

export async function presentEntry(entry: EntryDoc, activity: ActivityDoc, now: Date): Promise<ActivityEntry> {
  const group = activity.groups.find((candidate) => candidate.id === entry.groupId);
  const status = entry.status as EntryStatus;
  const position = status === 'waitlisted' ? await waitlistPosition(entry) : null;
  return {
    id: String(entry._id),
    activityId: String(activity._id),
    activityTitle: activity.title,
    groupId: entry.groupId,
    groupName: group?.name ?? '',
    status,
    statusText: entryStatusText({
      status,
      allocation: (group?.allocation ?? 'first_come') as AllocationMode,
      waitlistPosition: position,
      deadline: entry.offeredUntil,
    }),
    waitlistPosition: position,
    offeredUntil: entry.offeredUntil?.toISOString() ?? null,
    answers: (entry.answers ?? {}) as ActivityEntry['answers'],
    createdAt: entry.createdAt.toISOString(),
    canCancel: mayCancelEntry(activity, entry, now),
    team: group?.team ? await entryTeam(entry) : null,
  };
}

/** The organiser's row: the member's name masked, as on every staff list. */
export async function presentStaffEntry(
  entry: EntryDoc,
  activity: ActivityDoc,
  member: { name: string; memberNo: string } | undefined,
  now: Date,
) {
  const { canCancel: _canCancel, ...shown } = await presentEntry(entry, activity, now);
  return {
    ...shown,
    memberName: member ? maskName(member.name) : '',
    memberNo: member?.memberNo ?? '',
    rejectReason: entry.rejectReason ?? null,
    onBehalf: entry.onBehalfBy != null,
    // The invitation code is for the team's members only.
    team: shown.team ? { ...shown.team, code: null } : shown.team,
  };
}
