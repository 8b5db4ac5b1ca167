/**
 * The WeChat account that reaches a member who has no entry of their own: a teammate (the
 * captain's entry holds the place), or a worker signed up on their behalf who later bound.
 */
import type { Types } from 'mongoose';
import { MemberModel } from '../membership/member.model';

/** member id → bound account id, for the members that have one. */
export async function boundAccounts(memberIds: readonly Types.ObjectId[]): Promise<Map<string, Types.ObjectId>> {
  if (memberIds.length === 0) return new Map();
  const members = await MemberModel.find({ _id: { $in: memberIds } }, { boundAccountId: 1 }).lean();
  return new Map(
    members.flatMap((member) => (member.boundAccountId ? [[String(member._id), member.boundAccountId] as const] : [])),
  );
}
