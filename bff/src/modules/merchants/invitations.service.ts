/**
 * Clerks bind their WeChat account to a merchant with an invitation code from union staff.
 * The code is shown once and stored only as a keyed hash (HMAC with the blind-index key),
 * so a database reader cannot use it. Each binding takes one use with a conditional $inc,
 * so parallel bindings never exceed `maxUses`.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { maskName } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, ForbiddenError, HttpError, ValidationError } from '../../http/errors';
import type { FieldCipher } from '../../crypto/field-encryption';
import type { Actor } from '../auth/actor';
import { AccountModel, type AccountDoc } from '../auth/account.model';
import { recordEvent, type EventActor } from '../event-trail/record';
import { MerchantInvitationModel } from './merchant-invitation.model';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { MerchantStaffRevocationModel } from './merchant-staff-revocation.model';
import { merchantForManaging } from './policy';
import { GRANT_WRITE_ATTEMPTS, grantsBusy, setGrantsIfUnchanged, withoutMerchantStaff } from './staff-grants';

/** No 0/O, 1/I/L: the code is read out and typed on a phone. */
const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const INVITATION_CODE_LENGTH = 8;
const INVITATION_TTL_MS = 7 * 86_400_000;
const INVITATION_MAX_USES = 5;
const HASH_PURPOSE = 'merchant-invitation';

export const merchantStaffActor = (account: Pick<AccountDoc, '_id' | 'displayName'>): EventActor => ({
  kind: 'merchant_staff',
  accountId: account._id,
  label: `商户店员 ${maskName(account.displayName)}`,
});

function newInvitationCode(): string {
  return Array.from(
    { length: INVITATION_CODE_LENGTH },
    () => INVITATION_ALPHABET[randomInt(INVITATION_ALPHABET.length)],
  ).join('');
}

export async function createInvitation(actor: Actor, cipher: FieldCipher, merchantId: string, now: Date) {
  const merchant = await merchantForManaging(actor, merchantId);
  if (merchant.status !== 'active') throw ConflictError('商家已暂停合作，不能邀请店员', 'merchant_suspended');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  // A collision among 31^8 codes is near impossible; the unique index turns one into a retry.
  for (;;) {
    const code = newInvitationCode();
    try {
      await MerchantInvitationModel.create({
        merchantId: merchant._id,
        codeHash: cipher.blindIndex(HASH_PURPOSE, code),
        expiresAt,
        maxUses: INVITATION_MAX_USES,
        uses: 0,
        createdByAccountId: new Types.ObjectId(actor.accountId),
        createdAt: now,
      });
      return { code, expiresAt: expiresAt.toISOString(), maxUses: INVITATION_MAX_USES };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

const invalidCode = (message: string) => ValidationError([{ path: 'invitationCode', message }], message);
const unknownCode = () => invalidCode('邀请码无效或已过期，请向工会索取新的邀请码');
const boundElsewhere = () => ConflictError('您的微信已绑定其他商户，请先请工会解除原绑定', 'bound_to_other_merchant');

/** Binds the caller's WeChat account to the invitation's merchant; a second bind to the same merchant is a no-op. */
export async function bindMerchant(actor: Actor, cipher: FieldCipher, code: string, now: Date): Promise<MerchantDoc> {
  if (actor.kind !== 'wechat') throw ForbiddenError('请用店员本人的微信登录后绑定商户');
  const invitation = await MerchantInvitationModel.findOne({ codeHash: cipher.blindIndex(HASH_PURPOSE, code) }).lean();
  if (!invitation || invitation.expiresAt.getTime() <= now.getTime()) {
    throw unknownCode();
  }
  const account = await AccountModel.findById(actor.accountId).lean<AccountDoc>();
  if (!account) throw ForbiddenError();
  const merchant = await MerchantModel.findById(invitation.merchantId).lean<MerchantDoc>();
  if (!merchant) throw unknownCode();
  if (account.merchantId) {
    if (String(account.merchantId) === String(merchant._id)) return merchant;
    throw boundElsewhere();
  }
  if (merchant.status !== 'active') throw ConflictError('商家已暂停合作，暂不能绑定', 'merchant_suspended');
  // Read after the account: revoke records before it unbinds, so an account seen unbound has its record here.
  const revokedSince = await MerchantStaffRevocationModel.exists({
    accountId: account._id,
    merchantId: merchant._id,
    revokedAt: { $gte: invitation.createdAt },
  });
  if (revokedSince) {
    throw new HttpError(
      403,
      'merchant_staff_revoked',
      '您已被工会解除与该商户的绑定，此邀请码对您已失效，请向工会索取新的邀请码',
    );
  }

  // One use, only while one is left: parallel binds never take more than maxUses.
  const taken = await updateIf(
    MerchantInvitationModel,
    { key: { _id: invitation._id }, when: { uses: { $lt: invitation.maxUses }, expiresAt: { $gt: now } } },
    { $inc: { uses: 1 } },
  );
  if (!taken) throw invalidCode('该邀请码的使用人数已满，请向工会索取新的邀请码');

  // Another request of this account may bind it meanwhile: then this one's use goes back.
  const giveBackUse = () => MerchantInvitationModel.updateOne({ _id: invitation._id }, { $inc: { uses: -1 } });
  let current = account;
  for (let attempt = 1; ; attempt += 1) {
    const grants = [...withoutMerchantStaff(current.grants), { role: 'merchant_staff', orgId: merchant.orgId }];
    const bound = await setGrantsIfUnchanged(current, { merchantId: null }, grants, {
      $set: { merchantId: merchant._id, merchantBoundAt: now },
    });
    if (bound) break;
    const latest = await AccountModel.findById(account._id).lean<AccountDoc>();
    if (!latest) throw ForbiddenError();
    if (latest.merchantId) {
      await giveBackUse();
      if (String(latest.merchantId) === String(merchant._id)) return merchant;
      throw boundElsewhere();
    }
    if (attempt === GRANT_WRITE_ATTEMPTS) {
      await giveBackUse();
      throw grantsBusy();
    }
    current = latest;
  }
  await recordEvent({
    kind: 'merchant.staff_bound',
    actor: merchantStaffActor(account),
    merchantId: merchant._id,
    at: now,
    summary: `店员 ${maskName(account.displayName)} 绑定商户 ${merchant.name}`,
    detail: { accountId: String(account._id), invitationId: String(invitation._id) },
  });
  return merchant;
}
