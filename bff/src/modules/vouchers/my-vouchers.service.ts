/** 我的券: a member's own vouchers by view, one voucher, and its rotating QR. */
import { Types } from 'mongoose';
import { chinaDateTime, type CardQrBatch, type Voucher, type VoucherView } from '@union/shared';
import type { VoucherSigner } from '../../crypto/voucher-signer';
import { pageById } from '../../db/id-pages';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { presentVoucher, presentVouchers } from './presenter';
import { VoucherModel, type VoucherDoc } from './voucher.model';

const notFound = () => NotFoundError('券不存在');

function viewFilter(view: VoucherView, now: Date): Record<string, unknown> {
  switch (view) {
    case 'unused':
      return { status: 'unused', validUntil: { $gt: now } };
    case 'expired':
      return { status: 'unused', validUntil: { $lte: now } };
    case 'used':
      return { status: 'used' };
    case 'refunded':
      return { status: { $in: ['refunding', 'refunded'] } };
  }
}

/** The member's vouchers in one view, newest first, paged by id. */
export async function myVouchers(
  actor: Actor,
  query: { view: VoucherView; limit: number; cursor?: string },
  now: Date,
): Promise<{ items: Voucher[]; nextCursor: string | null }> {
  if (!actor.memberId) return { items: [], nextCursor: null };
  const filter = { memberId: new Types.ObjectId(actor.memberId), ...viewFilter(query.view, now) };
  const page = await pageById<VoucherDoc>(VoucherModel, filter, query);
  return { items: await presentVouchers(page.items, now), nextCursor: page.nextCursor };
}

/** The member's own voucher as they see it. */
export async function myVoucher(actor: Actor, voucherId: string, now: Date): Promise<Voucher> {
  return presentVoucher(await ownVoucher(actor, voucherId), now);
}

/** The member's own voucher; anybody else's answers 404 as if it did not exist. */
export async function ownVoucher(actor: Actor, voucherId: string): Promise<VoucherDoc> {
  if (!actor.memberId) throw notFound();
  const voucher = await VoucherModel.findOne({
    _id: new Types.ObjectId(voucherId),
    memberId: new Types.ObjectId(actor.memberId),
  }).lean<VoucherDoc>();
  if (!voucher) throw notFound();
  return voucher;
}

/** Why a voucher cannot be shown for redemption now, or null when it can. */
function qrRefusal(voucher: VoucherDoc, now: Date): { message: string; code: string } | null {
  if (voucher.status === 'used') return { code: 'already_redeemed', message: '这张券已使用' };
  if (voucher.status === 'refunding') return { code: 'refunding', message: '这张券正在退款，不能使用' };
  if (voucher.status === 'refunded') return { code: 'refunded', message: '这张券已退款' };
  if (voucher.validUntil.getTime() <= now.getTime()) return { code: 'expired', message: '这张券已过期' };
  if (voucher.validFrom.getTime() > now.getTime()) {
    return { code: 'not_yet_valid', message: `这张券 ${chinaDateTime(voucher.validFrom)} 起可用` };
  }
  return null;
}

export async function voucherQr(
  actor: Actor,
  voucherId: string,
  signer: VoucherSigner,
  now: Date,
): Promise<CardQrBatch> {
  const voucher = await ownVoucher(actor, voucherId);
  const refusal = qrRefusal(voucher, now);
  if (refusal) throw ConflictError(refusal.message, refusal.code);
  // Windows starting after the voucher's end would be refused at the counter anyway.
  const tokens = signer
    .issueBatch(String(voucher._id), now.getTime())
    .filter((issued, index) => index === 0 || issued.validFrom < voucher.validUntil);
  return {
    tokens: tokens.map((issued) => ({
      token: issued.token,
      validFrom: issued.validFrom.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
    })),
  };
}
