/**
 * Writes an account's whole `grants` array (the embedded database has no $push/$pull) by compare-and-set:
 * the write matches only while the grants are still the ones just read, so a role given or taken
 * by a concurrent request is neither lost nor undone. On a miss the caller reads again and retries.
 */
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { ConflictError } from '../../http/errors';
import { AccountModel, type AccountDoc } from '../auth/account.model';

export const GRANT_WRITE_ATTEMPTS = 5;

interface Grant {
  role: string;
  orgId: Types.ObjectId;
}

export const withoutMerchantStaff = <G extends Grant>(grants: G[]) =>
  grants.filter((grant) => grant.role !== 'merchant_staff');

export const grantsBusy = () => ConflictError('账号权限正在被修改，请稍后重试', 'grants_busy');

/** One attempt; false when the account no longer matches `guard` or its grants changed since `account` was read. */
export function setGrantsIfUnchanged(
  account: AccountDoc,
  guard: Record<string, unknown>,
  grants: Grant[],
  change: { $set?: Record<string, unknown>; $unset?: Record<string, 1> },
): Promise<boolean> {
  return updateIf(
    AccountModel,
    { key: { _id: account._id }, when: { ...guard, grants: account.grants } },
    { ...change, $set: { ...change.$set, grants } },
  );
}
