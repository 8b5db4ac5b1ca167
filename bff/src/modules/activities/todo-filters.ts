/**
 * The organiser's list, filtered: by status, and by the workbench's activity to-dos (entries
 * waiting for review, a lottery waiting for its draw, a session today). The list and the
 * workbench's counts both use `staffActivityFilter`, so a count always equals the list it opens.
 */
import { chinaDateOf, type StaffActivityListQuerySchema } from '@union/shared';
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import { ActivityModel } from './activity.model';
import { EntryModel } from './entry.model';
import { LotteryModel } from './lottery.model';
import { organiserOrgIds } from './policy';

type StaffListQuery = Pick<z.output<typeof StaffActivityListQuerySchema>, 'status' | 'todo'>;
export type ActivityTodo = NonNullable<StaffListQuery['todo']>;

/** Activities with entries still in review. */
async function activitiesWithPendingReview(): Promise<Types.ObjectId[]> {
  const groups = await EntryModel.aggregate<{ _id: Types.ObjectId }>([
    { $match: { status: 'pending_review' } },
    { $group: { _id: '$activityId' } },
  ]);
  return groups.map((group) => group._id);
}

/** Activities whose committed lottery has not been drawn. */
async function undrawnLotteries(): Promise<Types.ObjectId[]> {
  const lotteries = await LotteryModel.find({ drawnAt: null }, { activityId: 1 }).lean();
  return lotteries.map((lottery) => lottery.activityId);
}

export async function staffActivityFilter(actor: Actor, query: StaffListQuery, now: Date) {
  const filter: Record<string, unknown> = { orgPath: { $in: organiserOrgIds(actor) } };
  if (query.status) filter.status = query.status;
  switch (query.todo) {
    case 'review':
      filter._id = { $in: await activitiesWithPendingReview() };
      break;
    case 'lottery':
      // The draw is allowed once sign-up has closed (lottery.service.ts); a cancelled activity has none to draw.
      filter._id = { $in: await undrawnLotteries() };
      filter.signUpClosesAt = { $lte: now };
      filter.status ??= { $ne: 'cancelled' };
      break;
    case 'checkInToday':
      filter['sessions.date'] = chinaDateOf(now);
      filter.status ??= { $in: ['published', 'paused'] };
      break;
  }
  return filter;
}

/**
 * The workbench's count of one activity to-do, and since when the oldest has waited: the first
 * entry still in review, or the earliest sign-up close of an undrawn lottery. Today's sessions
 * have no age.
 */
export async function activityTodoCount(
  actor: Actor,
  todo: ActivityTodo,
  now: Date,
): Promise<{ count: number; oldestAt: Date | null }> {
  const filter = await staffActivityFilter(actor, { todo }, now);
  const count = await ActivityModel.countDocuments(filter);
  if (count === 0 || todo === 'checkInToday') return { count, oldestAt: null };
  if (todo === 'lottery') {
    const first = await ActivityModel.findOne(filter, { signUpClosesAt: 1 }).sort({ signUpClosesAt: 1 }).lean();
    return { count, oldestAt: first?.signUpClosesAt ?? null };
  }
  const activities = await ActivityModel.find(filter, { _id: 1 }).lean();
  const entry = await EntryModel.findOne(
    { activityId: { $in: activities.map((activity) => activity._id) }, status: 'pending_review' },
    { createdAt: 1 },
  )
    .sort({ _id: 1 })
    .lean<{ createdAt: Date }>();
  return { count, oldestAt: entry?.createdAt ?? null };
}
