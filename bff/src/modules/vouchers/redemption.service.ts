/**
 * Redemption (核销) at the counter: a clerk scans the voucher's QR or types its code,
 * previews it, and redeems it. A voucher is redeemed exactly once, only by staff of its
 * own merchant and only while valid: one conditional update decides, however many
 * counters race; replaying the same requestId by the same clerk answers the same redemption.
 */
import { Types } from 'mongoose';
import {
  chinaDateOf,
  chinaDateTime,
  chinaDayRange,
  isWellFormedVoucherCode,
  normalizeVoucherCode,
  type RedemptionCheck,
  type RedemptionPreview,
} from '@union/shared';
import type { VoucherSigner } from '../../crypto/voucher-signer';
import { updateIfAndRead } from '../../db/conditional-update';
import { BadRequestError, ConflictError, HttpError, NotFoundError, ValidationError } from '../../http/errors';
import { AccountModel } from '../auth/account.model';
import { OfferModel } from '../offers/offer.model';
import { merchantStaffActor, recordEvent } from '../event-trail/record';
import { BENEFIT_METRICS, markBenefitFigures } from './figures';
import { voucherPolicy, type ClerkActor } from './policy';
import { presentPreviewVoucher, presentRedemptions } from './presenter';
import { VoucherModel, type VoucherDoc } from './voucher.model';

export interface RedemptionLookup {
  token?: string;
  code?: string;
}

type Located = { voucher: VoucherDoc } | { refused: 'forged' | 'qr_expired' | 'not_found' };

/**
 * How long after its window a QR scanned for a preview may still be confirmed: the clerk checks
 * the preview and taps 确认核销 seconds later, by which time a one-minute token may have lapsed.
 */
const CONFIRM_GRACE_MS = 2 * 60_000;

async function locate(lookup: RedemptionLookup, signer: VoucherSigner, now: Date, graceMs = 0): Promise<Located> {
  let voucher: VoucherDoc | null;
  if (lookup.token) {
    let check = signer.check(lookup.token, now.getTime());
    if (check.result === 'forged') return { refused: 'forged' };
    // A genuine token whose minute ended no longer than the grace ago still confirms.
    if (check.result === 'expired' && check.claims.expiresAt * 1000 >= now.getTime() - graceMs) {
      check = { ...check, result: 'valid' };
    }
    // A later token of a batch shown early is as unusable as an old screenshot: ask for a fresh one.
    if (check.result !== 'valid') return { refused: 'qr_expired' };
    voucher = await VoucherModel.findById(check.claims.voucherId).lean<VoucherDoc>();
  } else {
    const code = normalizeVoucherCode(lookup.code ?? '');
    if (!isWellFormedVoucherCode(code)) {
      throw ValidationError([{ path: 'code', message: '券码有误，请核对 12 位数字' }]);
    }
    voucher = await VoucherModel.findOne({ code }).lean<VoucherDoc>();
  }
  return voucher ? { voucher } : { refused: 'not_found' };
}

function checkVoucher(voucher: VoucherDoc, actor: ClerkActor, now: Date): RedemptionCheck {
  if (!voucherPolicy.can(actor, 'redeem', voucher)) return 'wrong_merchant';
  if (voucher.status === 'used') return 'used';
  if (voucher.status === 'refunded') return 'refunded';
  if (voucher.status === 'refunding') return 'refunding';
  if (voucher.validUntil.getTime() <= now.getTime()) return 'expired';
  if (voucher.validFrom.getTime() > now.getTime()) return 'not_yet_valid';
  return 'redeemable';
}

function messageOf(result: RedemptionCheck, voucher: VoucherDoc | null): string {
  switch (result) {
    case 'redeemable':
      return '券可以使用，请确认后核销';
    case 'used':
      return `该券已于 ${voucher?.redeemedAt ? chinaDateTime(voucher.redeemedAt) : ''} 核销，不能重复使用`;
    case 'expired':
      return `该券已于 ${voucher ? chinaDateTime(voucher.validUntil) : ''} 过期`;
    case 'not_yet_valid':
      return `该券 ${voucher ? chinaDateTime(voucher.validFrom) : ''} 起可用`;
    case 'refunded':
      return '该券已退款，不能使用';
    case 'refunding':
      return '该券正在退款，不能使用';
    case 'wrong_merchant':
      return '这不是本店的券，请会员到对应商家使用';
    case 'qr_expired':
      return '二维码已失效，请会员刷新券码后重新出示';
    case 'forged':
      return '无法识别的二维码，不是有效的券';
    case 'not_found':
      return '券码不存在，请核对';
  }
}

export async function previewRedemption(
  actor: ClerkActor,
  lookup: RedemptionLookup,
  signer: VoucherSigner,
  now: Date,
): Promise<RedemptionPreview> {
  const located = await locate(lookup, signer, now);
  if ('refused' in located) {
    return { result: located.refused, message: messageOf(located.refused, null), voucher: null };
  }
  const result = checkVoucher(located.voucher, actor, now);
  // Another merchant's clerk learns nothing about the voucher or its holder.
  if (result === 'wrong_merchant') return { result, message: messageOf(result, null), voucher: null };
  return { result, message: messageOf(result, located.voucher), voucher: await presentPreviewVoucher(located.voucher) };
}

function refusalError(result: RedemptionCheck, voucher: VoucherDoc | null): HttpError {
  const message = messageOf(result, voucher);
  switch (result) {
    case 'forged':
      return BadRequestError(message, 'forged');
    case 'not_found':
      return NotFoundError(message);
    case 'wrong_merchant':
      return new HttpError(403, 'wrong_merchant', message);
    case 'used':
      return ConflictError(message, 'already_redeemed');
    default:
      return ConflictError(message, result);
  }
}

const isReplay = (voucher: VoucherDoc, actor: ClerkActor, requestId: string) =>
  voucher.status === 'used' &&
  voucher.redeemRequestId === requestId &&
  String(voucher.redeemedByAccountId) === actor.accountId &&
  String(voucher.merchantId) === actor.merchantId;

export async function redeemVoucher(
  actor: ClerkActor,
  request: RedemptionLookup & { requestId: string },
  signer: VoucherSigner,
  now: Date,
): Promise<VoucherDoc> {
  const located = await locate(request, signer, now, CONFIRM_GRACE_MS);
  if ('refused' in located) throw refusalError(located.refused, null);
  if (isReplay(located.voucher, actor, request.requestId)) return located.voucher;
  const check = checkVoucher(located.voucher, actor, now);
  if (check !== 'redeemable') throw refusalError(check, located.voucher);

  // unused → used once, however many counters race; the winner reads back its redemption.
  const redeemed = await updateIfAndRead(
    VoucherModel,
    {
      key: { _id: located.voucher._id },
      when: {
        merchantId: new Types.ObjectId(actor.merchantId),
        status: 'unused',
        validFrom: { $lte: now },
        validUntil: { $gt: now },
      },
    },
    {
      $set: {
        status: 'used',
        redeemedAt: now,
        redeemedByAccountId: new Types.ObjectId(actor.accountId),
        redeemRequestId: request.requestId,
      },
    },
  );
  if (!redeemed) {
    // Another counter (or this clerk's own retry) got there first, or a refund began.
    const current = await VoucherModel.findById(located.voucher._id).lean<VoucherDoc>();
    if (current && isReplay(current, actor, request.requestId)) return current;
    const result = current ? checkVoucher(current, actor, now) : 'not_found';
    throw result === 'redeemable'
      ? ConflictError('券状态刚刚变化，请重新扫码', 'conflict')
      : refusalError(result, current);
  }

  await OfferModel.updateOne({ _id: redeemed.offerId }, { $inc: { redeemedCount: 1 } });
  const offer = await OfferModel.findById(redeemed.offerId, { orgId: 1, orgPath: 1 }).lean();
  if (offer) await markBenefitFigures([BENEFIT_METRICS.redemptions, BENEFIT_METRICS.subsidy], offer, now);
  const clerk = await AccountModel.findById(actor.accountId, { displayName: 1 }).lean();
  await recordEvent({
    kind: 'voucher.redeemed',
    actor: merchantStaffActor(actor.accountId, clerk?.displayName ?? '店员'),
    at: now,
    voucherId: redeemed._id,
    offerId: redeemed.offerId,
    merchantId: redeemed.merchantId,
    orderId: redeemed.orderId,
    amountFen: redeemed.paidFen + redeemed.unionSubsidyFen,
    summary: `核销「${redeemed.title}」（券码尾号 ${redeemed.code.slice(-4)}）`,
  });
  return redeemed;
}

/** Redeems for the clerk's merchant and answers the redemption as the counter shows it. */
export async function redeemAtCounter(
  actor: ClerkActor,
  request: RedemptionLookup & { requestId: string },
  signer: VoucherSigner,
  now: Date,
) {
  const [redemption] = await presentRedemptions([await redeemVoucher(actor, request, signer, now)]);
  return redemption!;
}

/** The clerk's merchant's redemptions today, as the counter's list shows them. */
export async function todayRedemptionList(actor: ClerkActor, now: Date) {
  const today = await todayRedemptions(actor, now);
  return { date: today.date, items: await presentRedemptions(today.vouchers), totals: today.totals };
}

/** This merchant's redemptions of the China day of `now`, newest first, with totals. */
export async function todayRedemptions(actor: ClerkActor, now: Date) {
  const date = chinaDateOf(now);
  const { start, end } = chinaDayRange(date);
  const vouchers = await VoucherModel.find({
    merchantId: new Types.ObjectId(actor.merchantId),
    status: 'used',
    redeemedAt: { $gte: start, $lt: end },
  })
    .sort({ redeemedAt: -1, _id: -1 })
    .lean<VoucherDoc[]>();
  const totals = {
    count: vouchers.length,
    faceValueFen: vouchers.reduce((sum, voucher) => sum + voucher.faceValueFen, 0),
    paidFen: vouchers.reduce((sum, voucher) => sum + voucher.paidFen, 0),
  };
  return { date, vouchers, totals };
}
