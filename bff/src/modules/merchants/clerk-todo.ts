/**
 * 商户邀请待处理: an active merchant in the cadre's scope that nobody can redeem for at the
 * counter and that no invitation could fix yet, so the cadre has to send one. The workbench's
 * count, the admin list's `needsClerk=true` queue and each listed merchant's `needsClerk` mark
 * all come from here, so the count always equals the queue.
 */
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { MerchantInvitationModel } from './merchant-invitation.model';
import { MerchantModel } from './merchant.model';
import { MerchantStaffRevocationModel } from './merchant-staff-revocation.model';
import { inActorScope } from './policy';

/**
 * Of `merchantIds`, those with a clerk or a live invitation. A clerk is an account bound by an
 * invitation (`merchantId`, see bindMerchant) and not disabled: a disabled one cannot sign in to
 * redeem. An invitation is live while unexpired with a use left (invitations are never revoked:
 * unbinding one clerk leaves the code valid for colleagues, see revokeMerchantStaff).
 */
export async function merchantsWithClerkOrInvitation(merchantIds: Types.ObjectId[], now: Date): Promise<Set<string>> {
  if (merchantIds.length === 0) return new Set();
  const [clerks, invitations] = await Promise.all([
    AccountModel.find({ merchantId: { $in: merchantIds }, disabled: { $ne: true } }, { merchantId: 1 })
      .lean()
      .exec(),
    // uses < maxUses compares two fields, which the embedded database cannot query: checked here.
    MerchantInvitationModel.find(
      { merchantId: { $in: merchantIds }, expiresAt: { $gt: now } },
      { merchantId: 1, uses: 1, maxUses: 1 },
    )
      .lean()
      .exec(),
  ]);
  const live = invitations.filter((invitation) => (invitation.uses ?? 0) < invitation.maxUses);
  return new Set([...clerks, ...live].map((held) => String(held.merchantId)));
}

/** The merchants waiting for the actor to invite a clerk (see the module comment). */
export async function needsClerkFilter(actor: Actor, now: Date): Promise<Record<string, unknown>> {
  const active = { ...inActorScope(actor), status: 'active' };
  const merchants = await MerchantModel.find(active, { _id: 1 }).lean().exec();
  const ids = merchants.map((merchant) => merchant._id);
  const covered = await merchantsWithClerkOrInvitation(ids, now);
  // Excluding the covered ones (rather than listing the rest) keeps a merchant signed meanwhile in the queue.
  return { ...active, _id: { $nin: ids.filter((id) => covered.has(String(id))) } };
}

/**
 * The to-do's count, and since when its longest-waiting merchant has waited: the latest of its
 * signing, its last clerk's unbinding and its last invitation's expiry, the moment it last
 * became nobody's to redeem for. The signing date alone would date a merchant served for years
 * and unbound yesterday as waiting for years.
 */
export async function merchantsAwaitingInvitation(
  actor: Actor,
  now: Date,
): Promise<{ count: number; oldestAt: Date | null }> {
  const merchants = await MerchantModel.find(await needsClerkFilter(actor, now), { createdAt: 1 })
    .lean<{ _id: Types.ObjectId; createdAt?: Date }[]>()
    .exec();
  if (merchants.length === 0) return { count: 0, oldestAt: null };
  const ids = merchants.map((merchant) => merchant._id);
  const [revocations, expired] = await Promise.all([
    MerchantStaffRevocationModel.find({ merchantId: { $in: ids } }, { merchantId: 1, revokedAt: 1 })
      .lean()
      .exec(),
    MerchantInvitationModel.find(
      { merchantId: { $in: ids }, expiresAt: { $lte: now } },
      { merchantId: 1, expiresAt: 1 },
    )
      .lean()
      .exec(),
  ]);
  const since = new Map(merchants.map((merchant) => [String(merchant._id), merchant.createdAt ?? new Date(0)]));
  const noteLater = (merchantId: Types.ObjectId, at: Date) => {
    const id = String(merchantId);
    if (at > since.get(id)!) since.set(id, at);
  };
  for (const revocation of revocations) noteLater(revocation.merchantId, revocation.revokedAt);
  for (const invitation of expired) noteLater(invitation.merchantId, invitation.expiresAt);
  const oldestAt = [...since.values()].reduce((oldest, at) => (at < oldest ? at : oldest));
  return { count: merchants.length, oldestAt };
}
