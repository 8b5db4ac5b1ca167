/** A clerk's start page: their merchant and how much was redeemed there today (China time). */
import { chinaDateOf } from '@union/shared';
import { ForbiddenError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { chinaDayRange } from '../vouchers/china-time';
import { VoucherModel } from '../vouchers/voucher.model';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { presentMerchantSummary } from './presenter';

/** The merchant the clerk redeems for; an account without one (or whose merchant is gone) is refused. */
export async function clerkMerchant(actor: Actor): Promise<MerchantDoc> {
  const merchant = actor.merchantId ? await MerchantModel.findById(actor.merchantId).lean<MerchantDoc>() : null;
  if (!merchant) throw ForbiddenError('您的账号还没有绑定商户，请用邀请码绑定');
  return merchant;
}

export async function merchantWorkbench(merchant: MerchantDoc, now: Date) {
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
