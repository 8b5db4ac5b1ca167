/**
 * A clerk's start page: their merchant and how much was redeemed there today (China time).
 * Binding with an invitation code opens it too. It reads vouchers, so it lives here, above
 * merchants.
 */
import { chinaDateOf, chinaDayRange } from '@union/shared';
import type { FieldCipher } from '../../crypto/field-encryption';
import { ForbiddenError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { bindMerchant } from '../merchants/invitations.service';
import { MerchantModel, type MerchantDoc } from '../merchants/merchant.model';
import { presentMerchantSummary } from '../merchants/presenter';
import { VoucherModel } from './voucher.model';

/** The merchant the clerk redeems for; an account without one (or whose merchant is gone) is refused. */
async function clerkMerchant(actor: Actor): Promise<MerchantDoc> {
  const merchant = actor.merchantId ? await MerchantModel.findById(actor.merchantId).lean<MerchantDoc>() : null;
  if (!merchant) throw ForbiddenError('您的账号还没有绑定商户，请用邀请码绑定');
  return merchant;
}

async function workbenchOf(merchant: MerchantDoc, now: Date) {
  const { start, end } = chinaDayRange(chinaDateOf(now));
  const [totals] = await VoucherModel.aggregate<{ count: number; faceValueFen: number }>([
    {
      $match: {
        merchantId: merchant._id,
        status: 'used',
        redeemedAt: { $gte: start, $lt: end },
      },
    },
    { $group: { _id: null, count: { $sum: 1 }, faceValueFen: { $sum: '$faceValueFen' } } },
  ]);
  return {
    merchant: presentMerchantSummary(merchant),
    today: { redemptions: totals?.count ?? 0, faceValueFen: totals?.faceValueFen ?? 0 },
  };
}

export async function clerkWorkbench(actor: Actor, now: Date) {
  return workbenchOf(await clerkMerchant(actor), now);
}

/** Binds the clerk with an invitation code and opens their workbench. */
export async function bindAndOpenWorkbench(actor: Actor, cipher: FieldCipher, invitationCode: string, now: Date) {
  return workbenchOf(await bindMerchant(actor, cipher, invitationCode, now), now);
}
