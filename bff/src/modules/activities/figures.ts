/**
 * The activity metrics the cadres' figures count (registered in connect-modules.ts), each by
 * the activity's org and keyed by its kind (ActivityKind). They are the organisation statistics
 * of stats.service.ts kept as daily counters: the definitions are the contract's
 * (shared/src/contract/activity-stats.ts) and the code is stats.service's own helpers, so over
 * the same subtree and days a counter sum equals `orgActivityStats`. Where the writes mark
 * them is figure-marks.ts.
 *
 * 期间有场次的活动数 (`activities` in the statistics) is not a metric: an activity with sessions
 * on several days counts once per period, which no sum of daily counters can give.
 */
import type { Types } from 'mongoose';
import { DAY_MS } from '@union/shared';
import type { FigureMetric, FigureRecord } from '../figures/metrics';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { EntryModel } from './entry.model';
import { countsAsSignUp, periodSessionFigures, RUNNING_STATUSES, sessionsOf, type ActivityRow } from './stats.service';

type Range = { from: Date; to: Date; orgId?: Types.ObjectId };
type OrgActivity = ActivityRow & Pick<ActivityDoc, 'orgId' | 'orgPath'>;

const FIELDS = { kind: 1, sessions: 1, firstSessionStartsAt: 1, orgId: 1, orgPath: 1 };
/** `orgPath: orgId` beside `orgId`: the { orgPath, _id } index answers one org's query. */
const ofOrg = (orgId?: Types.ObjectId) => (orgId ? { orgPath: orgId, orgId } : {});

/** Published or paused activities with a session starting in [from, to) (the 'sessions.startsAt' index). */
const runningWithSessionsIn = (from: Date, to: Date, orgId?: Types.ObjectId) =>
  ActivityModel.find(
    {
      ...ofOrg(orgId),
      status: { $in: RUNNING_STATUSES },
      sessions: { $elemMatch: { startsAt: { $gte: from, $lt: to } } },
    },
    FIELDS,
  ).lean<OrgActivity[]>();

const record = (activity: OrgActivity, at: Date, amount: number): FigureRecord => ({
  orgId: activity.orgId,
  orgPath: activity.orgPath,
  at,
  amount,
  key: activity.kind,
});

/** 场次: sessions of published (or paused) activities, on the day each starts. */
export const activitySessions: FigureMetric = {
  name: 'activities.sessions',
  async *records({ from, to, orgId }: Range) {
    for (const activity of await runningWithSessionsIn(from, to, orgId)) {
      for (const session of sessionsOf(activity)) {
        if (session.startsAt >= from && session.startsAt < to) yield record(activity, session.startsAt, 1);
      }
    }
  },
};

/**
 * 报名人次: entries made in the period that held or waited for a place, not rejected and not
 * cancelled before the activity began (`countsAsSignUp`), of activities past their draft, on the
 * day each entry was made.
 */
export const activitySignUps: FigureMetric = {
  name: 'activities.signUps',
  async *records({ from, to, orgId }: Range) {
    const made = { createdAt: { $gte: from, $lt: to }, status: { $ne: 'rejected' } };
    const activities = new Map<string, OrgActivity | null>();
    let entryFilter: Record<string, unknown> = made;
    if (orgId) {
      // An entry is made after its activity is: activities created after the period have none in it.
      const own = await ActivityModel.find(
        { ...ofOrg(orgId), status: { $ne: 'draft' }, createdAt: { $lt: to } },
        FIELDS,
      ).lean<OrgActivity[]>();
      for (const activity of own) activities.set(String(activity._id), activity);
      entryFilter = { activityId: { $in: own.map((activity) => activity._id) }, ...made };
    }
    const entries = EntryModel.find(entryFilter, { activityId: 1, status: 1, createdAt: 1, updatedAt: 1 })
      .lean<{ activityId: Types.ObjectId; status: string; createdAt: Date; updatedAt: Date }[]>()
      .cursor();
    for await (const entry of entries) {
      const id = String(entry.activityId);
      if (!activities.has(id)) {
        // Only without an org (a rebuild): each activity is read once, when its first entry comes.
        const found = await ActivityModel.findOne(
          { _id: entry.activityId, status: { $ne: 'draft' } },
          FIELDS,
        ).lean<OrgActivity>();
        activities.set(id, found ?? null);
      }
      const activity = activities.get(id);
      if (activity && countsAsSignUp(entry, activity.firstSessionStartsAt)) yield record(activity, entry.createdAt, 1);
    }
  },
};

/** 参与人次: per session, the members who checked in (each teammate once), on the day the session starts. */
export const activityParticipants: FigureMetric = {
  name: 'activities.participants',
  async *records({ from, to, orgId }: Range) {
    const activities = await runningWithSessionsIn(from, to, orgId);
    for (const { activity, sessions } of await periodSessionFigures(activities, new Date())) {
      const times = sessionsOf(activity);
      for (const figures of sessions) {
        const { startsAt } = times[figures.sessionIndex]!;
        if (startsAt >= from && startsAt < to && figures.attendees > 0) {
          yield record(activity as OrgActivity, startsAt, figures.attendees);
        }
      }
    }
  },
};

/**
 * Sessions that have ended (by now) with their end in [from, to). A session starts and ends on
 * one China date (the input refuses an end before the start), so its end's day is the day the
 * statistics file it under by its start.
 */
async function* endedSessionFigures({ from, to, orgId }: Range) {
  const now = new Date();
  const activities = await runningWithSessionsIn(new Date(from.getTime() - DAY_MS), to, orgId);
  for (const { activity, sessions } of await periodSessionFigures(activities, now)) {
    const times = sessionsOf(activity);
    for (const figures of sessions) {
      const { endsAt } = times[figures.sessionIndex]!;
      if (figures.ended && endsAt >= from && endsAt < to) yield { activity: activity as OrgActivity, endsAt, figures };
    }
  }
}

/**
 * 签到率's denominator (应到): per ended session, the confirmed entries made before it began plus
 * any that checked in, counted on the day the session ended (the session is counted only once
 * it has: the activities job marks it then, figure-marks.ts). 签到率 = checkedIn / expected.
 */
export const activityExpected: FigureMetric = {
  name: 'activities.expected',
  async *records(range: Range) {
    for await (const { activity, endsAt, figures } of endedSessionFigures(range)) {
      if (figures.expected > 0) yield record(activity, endsAt, figures.expected);
    }
  },
};

/** 签到率's numerator: per ended session, the entries checked in at it (a team once), on the day it ended. */
export const activityCheckedIn: FigureMetric = {
  name: 'activities.checkedIn',
  async *records(range: Range) {
    for await (const { activity, endsAt, figures } of endedSessionFigures(range)) {
      if (figures.checkedIn > 0) yield record(activity, endsAt, figures.checkedIn);
    }
  },
};

export const ACTIVITY_METRICS = [
  activitySessions,
  activitySignUps,
  activityParticipants,
  activityExpected,
  activityCheckedIn,
];
