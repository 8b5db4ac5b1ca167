/** The merchant states the cadres' figures show (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import { MerchantModel } from './merchant.model';

/** 普惠商家 under contract (not suspended) by category, now, over the org's subtree. */
export async function activeMerchantsByCategory(orgId: Types.ObjectId): Promise<Map<string, number>> {
  const rows = await MerchantModel.aggregate<{ _id: string; count: number }>([
    { $match: { orgPath: orgId, status: 'active' } },
    { $group: { _id: '$category', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((row) => [row._id, row.count]));
}
