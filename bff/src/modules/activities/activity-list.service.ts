/**
 * 活动 (member side): the activities a member can still take part in — published, open to their
 * organisation, not yet over — optionally only this China week, optionally nearest first.
 * A finished activity drops out of the list but its page stays reachable by id (sign-up.service.ts).
 */
import type { z } from 'zod';
import { chinaWeekRange, distanceMeters, type ActivityListQuerySchema, type LatLng } from '@union/shared';
import { pageById } from '../../db/id-pages';
import { ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { organizationNames } from '../organizations/service';
import { ActivityModel, type ActivityDoc } from './activity.model';
import { groupCountsOf, presentActivitySummary } from './presenter';
import { memberOf } from './sign-up.service';

type ActivityListQuery = z.output<typeof ActivityListQuerySchema>;

/**
 * An audience's activities number a few hundred at most, so nearest-first sorts the whole
 * visible set here rather than keep a spatial index; this caps a runaway audience.
 */
const MAX_NEAR_CANDIDATES = 2000;

async function visibleFilter(actor: Actor, query: ActivityListQuery, now: Date): Promise<Record<string, unknown>> {
  const member = await memberOf(actor);
  // Closing (closing.ts) sets closedAt but leaves the status published; an activity whose last
  // session has ended is over even before the job runs.
  const filter: Record<string, unknown> = { status: 'published', closedAt: null, 'sessions.endsAt': { $gt: now } };
  if (member) filter['audience.orgId'] = { $in: member.orgPath };
  if (query.kind) filter.kind = query.kind;
  if (query.thisWeek) {
    const { start, end } = chinaWeekRange(now);
    // One session must start inside the week: $elemMatch keeps both bounds on the same session.
    filter.sessions = { $elemMatch: { startsAt: { $gte: start, $lt: end } } };
  }
  return filter;
}

async function present(items: ActivityDoc[], now: Date, distances?: Map<string, number>) {
  const [counts, names] = await Promise.all([
    groupCountsOf(items),
    organizationNames(items.map((activity) => activity.orgId)),
  ]);
  return items.map((activity) => {
    const summary = presentActivitySummary(activity, counts, names, now);
    const metres = distances?.get(String(activity._id));
    return metres === undefined ? summary : { ...summary, distanceMetres: Math.round(metres) };
  });
}

/** Published activities, not over, whose audience includes the member's organisation (all of them for a non-member). */
export async function listOpenActivities(actor: Actor, query: ActivityListQuery, now: Date) {
  const filter = await visibleFilter(actor, query, now);
  if (query.near) return nearestFirst(filter, query.near, query, now);
  const page = await pageById<ActivityDoc>(ActivityModel, filter, query);
  return { items: await present(page.items, now), nextCursor: page.nextCursor };
}

/** Nearest venue first, online activities last; the cursor is the offset into that order. */
async function nearestFirst(filter: Record<string, unknown>, here: LatLng, query: ActivityListQuery, now: Date) {
  if (query.cursor !== undefined && !/^\d{1,6}$/.test(query.cursor)) {
    throw ValidationError([{ path: 'cursor', message: '分页位置不正确，请刷新列表' }]);
  }
  const offset = Number(query.cursor ?? 0);
  const candidates = await ActivityModel.find(filter, { description: 0, questions: 0 })
    .sort({ _id: -1 })
    .limit(MAX_NEAR_CANDIDATES)
    .lean<ActivityDoc[]>();
  const distances = new Map<string, number>();
  for (const activity of candidates) {
    const point = activity.venue.kind === 'place' ? activity.venue.location : null;
    if (point?.lat != null && point.lng != null) {
      distances.set(String(activity._id), distanceMeters(here, { lat: point.lat, lng: point.lng }));
    }
  }
  const far = (activity: ActivityDoc) => distances.get(String(activity._id)) ?? Infinity;
  // Array.prototype.sort is stable, so equal distances keep the newest-first order.
  const sorted = [...candidates].sort((a, b) => {
    const [da, db] = [far(a), far(b)];
    return da === db ? 0 : da < db ? -1 : 1;
  });
  const page = sorted.slice(offset, offset + query.limit);
  const next = offset + query.limit;
  return { items: await present(page, now, distances), nextCursor: next < sorted.length ? String(next) : null };
}
