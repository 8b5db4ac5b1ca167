/**
 * The skill contests' metrics the cadres' figures count (registered in connect-modules.ts), by
 * the contest activity's org.
 */
import type { Types } from 'mongoose';
import { ActivityModel, type ActivityDoc } from '../activities/activity.model';
import type { FigureMetric } from '../figures/metrics';
import { ContestModel } from './contest.model';
import { contestEntrants } from './entrants';
import { publishedGroups } from './publication';

type ContestActivity = Pick<ActivityDoc, '_id' | 'groups' | 'orgId' | 'orgPath' | 'firstSessionStartsAt'>;

const FIELDS = { groups: 1, orgId: 1, orgPath: 1, firstSessionStartsAt: 1 };
/** `orgPath: orgId` beside `orgId`: the { orgPath, _id } index answers one org's query. */
const ofOrg = (orgId?: Types.ObjectId) => (orgId ? { orgPath: orgId, orgId } : {});

/**
 * 参赛人次: a skill contest's entrants as the contest itself lists them (`contestEntrants`: each
 * confirmed, checked-in or completed entry; a team once, on its captain's entry), on the day of
 * the contest's first session, keyed by the entrant's group name. An entry's own date would
 * move with each status change; the contest's day is when they compete. Marked by every entry
 * change of a skill contest (activities/figure-marks.ts, the metric registered there too).
 */
export const contestEntrantsMetric: FigureMetric = {
  name: 'contests.entrants',
  async *records({ from, to, orgId }) {
    const activities = await ActivityModel.find(
      { ...ofOrg(orgId), kind: 'skill_contest', firstSessionStartsAt: { $gte: from, $lt: to } },
      FIELDS,
    ).lean<ContestActivity[]>();
    for (const activity of activities) {
      for (const entrant of await contestEntrants(activity)) {
        yield {
          orgId: activity.orgId,
          orgPath: activity.orgPath,
          at: activity.firstSessionStartsAt,
          amount: 1,
          key: entrant.groupName,
        };
      }
    }
  },
};

/**
 * 获奖人次: the awarded rows of published results (a team's row once), on the day they were
 * published, keyed by the award's name (一等奖, 二等奖…, as the organiser named the tiers). Only
 * the publication the contest holds counts, so publishing again would replace, not add.
 */
export const contestAwards: FigureMetric = {
  name: 'contests.awards',
  async *records({ from, to, orgId }) {
    const published = { 'publication.publishedAt': { $gte: from, $lt: to } };
    let filter: Record<string, unknown> = published;
    if (orgId) {
      const own = await ActivityModel.find({ ...ofOrg(orgId), kind: 'skill_contest' }, { _id: 1 }).lean();
      filter = { activityId: { $in: own.map((activity) => activity._id) }, ...published };
    }
    const contests = await ContestModel.find(filter, { activityId: 1, publication: 1 }).lean();
    const activities = new Map(
      (
        await ActivityModel.find(
          { _id: { $in: contests.map((contest) => contest.activityId) } },
          { orgId: 1, orgPath: 1 },
        ).lean()
      ).map((activity) => [String(activity._id), activity]),
    );
    for (const contest of contests) {
      const activity = activities.get(String(contest.activityId));
      const at = contest.publication?.publishedAt;
      if (!activity || !at) continue;
      for (const group of publishedGroups(contest)) {
        for (const row of group.rows) {
          if (row.award) yield { orgId: activity.orgId, orgPath: activity.orgPath, at, amount: 1, key: row.award };
        }
      }
    }
  },
};
