/** The clerks bound to a merchant: who they are, and unbinding one (who then cannot redeem at once). */
import { Types } from 'mongoose';
import { maskName } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AccountModel, type AccountDoc } from '../auth/account.model';
import { recordEvent } from '../event-trail/record';
import { MerchantStaffRevocationModel } from './merchant-staff-revocation.model';
import { unionStaffActor } from './merchants.service';
import { merchantForManaging } from './policy';
import { GRANT_WRITE_ATTEMPTS, grantsBusy, setGrantsIfUnchanged, withoutMerchantStaff } from './staff-grants';

export async function listMerchantStaff(actor: Actor, merchantId: string) {
  const merchant = await merchantForManaging(actor, merchantId);
  const accounts = await AccountModel.find({ merchantId: merchant._id }, { displayName: 1, merchantBoundAt: 1 })
    .sort({ merchantBoundAt: 1 })
    .lean();
  return accounts.map((account) => ({
    accountId: String(account._id),
    displayName: account.displayName,
    boundAt: (account.merchantBoundAt ?? new Date(0)).toISOString(),
  }));
}

export async function revokeMerchantStaff(actor: Actor, merchantId: string, accountId: string, now: Date) {
  const merchant = await merchantForManaging(actor, merchantId);
  const account = Types.ObjectId.isValid(accountId)
    ? await AccountModel.findOne({ _id: accountId, merchantId: merchant._id }).lean<AccountDoc>()
    : null;
  if (!account) throw NotFoundError('该店员不存在或已解除绑定');
  // Recorded before the unbinding, so a bind that sees the account unbound also sees this record.
  // It refuses this account every earlier invitation of this merchant, not only the one it used.
  // The invitations themselves stay valid: colleagues given the same code may still bind with it.
  await MerchantStaffRevocationModel.create({
    merchantId: merchant._id,
    accountId: account._id,
    revokedAt: now,
    revokedByAccountId: new Types.ObjectId(actor.accountId),
  });
  // Every request re-reads the account (authenticate), so the clerk loses access with this write.
  let current = account;
  for (let attempt = 1; ; attempt += 1) {
    const revoked = await setGrantsIfUnchanged(
      current,
      { merchantId: merchant._id },
      withoutMerchantStaff(current.grants),
      { $unset: { merchantId: 1, merchantBoundAt: 1 } },
    );
    if (revoked) break;
    const latest = await AccountModel.findOne({ _id: account._id, merchantId: merchant._id }).lean<AccountDoc>();
    if (!latest) throw NotFoundError('该店员不存在或已解除绑定');
    if (attempt === GRANT_WRITE_ATTEMPTS) throw grantsBusy();
    current = latest;
  }
  await recordEvent({
    kind: 'merchant.staff_revoked',
    actor: unionStaffActor(actor),
    merchantId: merchant._id,
    at: now,
    summary: `解除店员 ${maskName(account.displayName)} 与商户 ${merchant.name} 的绑定`,
    detail: { accountId: String(account._id) },
  });
}
