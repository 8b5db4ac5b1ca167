/**
 * Who counts as a hardship family (困难职工家庭) for the offers and activities meant for them.
 * The rule lives with aid because aid is where the union records that it helped a family.
 */
import type { Types } from 'mongoose';
import { AidApplicationModel } from './aid-application.model';

const HARDSHIP_WINDOW_MS = 365 * 86_400_000;

/**
 * A family the union has recently helped: an aid application approved or disbursed within the
 * last year. An approved application changes only when it is disbursed, so its last update is
 * when it reached either state.
 */
export async function isHardshipFamily(member: { _id: Types.ObjectId }, now: Date): Promise<boolean> {
  const recent = await AidApplicationModel.exists({
    memberId: member._id,
    status: { $in: ['approved', 'disbursed'] },
    updatedAt: { $gte: new Date(now.getTime() - HARDSHIP_WINDOW_MS) },
  });
  return recent !== null;
}
