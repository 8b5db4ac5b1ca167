/** 我的券: a member's own vouchers by view, one voucher, and its rotating QR. */
import { Types } from 'mongoose';
import type { CardQrBatch, VoucherView } from '@union/shared';
import type { VoucherSigner } from '../../crypto/voucher-signer';
import { ConflictError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { chinaDateTime } from './china-time';
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

export async function myVouchers(
  actor: Actor,
  query: { view: VoucherView; limit: number; cursor?: string },
  now: Date,
): Promise<{ items: VoucherDoc[]; nextCursor: string | null }> {
  if (!actor.memberId) return { items: [], nextCursor: null };
  const filter: Record<string, unknown> = {
    memberId: new Types.ObjectId(actor.memberId),
    ...viewFilter(query.view, now),
  };
  // Ids grow with time, so paging backwards by id is "newest first" and stable while new vouchers arrive.
  if (query.cursor && Types.ObjectId.isValid(query.cursor)) filter._id = { $lt: new Types.ObjectId(query.cursor) };
  const found = await VoucherModel.find(filter)
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean<VoucherDoc[]>();
  const items = found.slice(0, query.limit);
  return { items, nextCursor: found.length > query.limit ? String(items[items.length - 1]!._id) : null };
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
