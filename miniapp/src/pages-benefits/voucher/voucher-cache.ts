/**
 * Unused vouchers and their QR batches, kept on the phone so a voucher can still be shown
 * where the member has no signal (a basement shop), as the union card is (see
 * services/offline-copy). Only the tokens not yet expired are kept, for the most recent
 * vouchers only; a copy goes once its voucher is seen used, expired or refunded.
 */
import type { CardQr, CardQrBatch, Voucher } from '@union/shared';
import { loadOfflineCopy, removeOfflineCopy, saveOfflineCopy } from '../../services/offline-copy';
import { VOUCHER_CACHE_KEY } from '../../services/session-store';
import { serverNow } from '../../utils/qr-timing';

/** How many vouchers keep a copy: the ones whose QR was shown most recently. */
export const MAX_OFFLINE_VOUCHERS = 20;

export interface CachedVoucher {
  voucher: Voucher;
  tokens: CardQr[];
  offsetMs: number;
}

interface CachedVouchers {
  /** Most recently saved first. */
  vouchers: CachedVoucher[];
}

const liveTokens = (tokens: readonly CardQr[], offsetMs: number) => {
  const now = serverNow(offsetMs, Date.now());
  return tokens.filter((qr) => Date.parse(qr.expiresAt) > now);
};

const loadAll = () => loadOfflineCopy<CachedVouchers>(VOUCHER_CACHE_KEY)?.vouchers ?? [];

function saveAll(vouchers: CachedVoucher[]): void {
  if (vouchers.length) saveOfflineCopy<CachedVouchers>(VOUCHER_CACHE_KEY, { vouchers });
  else removeOfflineCopy(VOUCHER_CACHE_KEY);
}

export function saveVoucherForOffline(voucher: Voucher, batch: CardQrBatch, offsetMs: number): void {
  if (voucher.displayStatus !== 'unused') return dropVoucherCopy(voucher.id);
  const copy = { voucher, tokens: liveTokens(batch.tokens, offsetMs), offsetMs };
  const others = loadAll().filter((cached) => cached.voucher.id !== voucher.id);
  saveAll([copy, ...others].slice(0, MAX_OFFLINE_VOUCHERS));
}

/** The copy of this voucher, with the tokens still to come (possibly none). */
export function loadVoucherForOffline(id: string): CachedVoucher | null {
  const cached = loadAll().find((copy) => copy.voucher.id === id);
  return cached ? { ...cached, tokens: liveTokens(cached.tokens, cached.offsetMs) } : null;
}

export function dropVoucherCopy(id: string): void {
  const all = loadAll();
  const rest = all.filter((cached) => cached.voucher.id !== id);
  if (rest.length !== all.length) saveAll(rest);
}
