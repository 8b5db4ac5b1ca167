/** The clerks bound to a merchant: who they are, and unbinding one (who then cannot redeem at once). */
import { Types } from 'mongoose';
import { maskName } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AccountModel, type AccountDoc } from '../auth/account.model';
import { recordBenefitEvent } from '../vouchers/events';
import { unionStaffActor } from './merchants.service';
import { merchantForManaging } from './scope';

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
  // Every request re-reads the account (authenticate), so the clerk loses access with this write.
  const revoked = await AccountModel.findOneAndUpdate(
    { _id: account._id, merchantId: merchant._id },
    {
      $set: { grants: account.grants.filter((grant) => grant.role !== 'merchant_staff') },
      $unset: { merchantId: 1, merchantBoundAt: 1 },
    },
    { new: true, lean: true },
  );
  if (!revoked) throw NotFoundError('该店员不存在或已解除绑定');
  await recordBenefitEvent({
    kind: 'merchant.staff_revoked',
    actor: unionStaffActor(actor),
    merchantId: merchant._id,
    at: now,
    summary: `解除店员 ${maskName(account.displayName)} 与商户 ${merchant.name} 的绑定`,
    detail: { accountId: String(account._id) },
  });
}
