/** A clerk's start page: their merchant and how much was redeemed there today (China time). */
import { Types } from 'mongoose';
import { chinaDateOf } from '@union/shared';
import { ForbiddenError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { VoucherModel } from '../vouchers/voucher.model';
import { MerchantModel, type MerchantDoc } from './merchant.model';
import { presentMerchantSummary } from './presenter';

/** [start, end) of the China calendar day holding `now`. */
export function chinaDayRange(now: Date): { start: Date; end: Date } {
  const start = new Date(`${chinaDateOf(now)}T00:00:00+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** The merchant the clerk redeems for; an account without one (or whose merchant is gone) is refused. */
export async function clerkMerchant(actor: Actor): Promise<MerchantDoc> {
  const merchant = actor.merchantId ? await MerchantModel.findById(actor.merchantId).lean<MerchantDoc>() : null;
  if (!merchant) throw ForbiddenError('您的账号还没有绑定商户，请用邀请码绑定');
  return merchant;
}

export async function merchantWorkbench(merchant: MerchantDoc, now: Date) {
  const { start, end } = chinaDayRange(now);
  const [totals] = await VoucherModel.aggregate<{ count: number; faceValueFen: number }>([
    {
      $match: {
        merchantId: new Types.ObjectId(String(merchant._id)),
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
