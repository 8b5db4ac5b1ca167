import type { CardQrBatch } from '@union/shared';
import { useCallback, useEffect, useRef } from 'react';
import { useQrBatch } from '../../hooks/use-qr-batch';
import { renewVoucherQr } from '../../services/benefits';
import { dropVoucherCopy, loadVoucherForOffline, saveVoucherForOffline } from './voucher-cache';
import { useWatchedVoucher } from './use-watched-voucher';

/**
 * The voucher and its rotating QR (see useQrBatch), kept current while shown. The phone keeps a
 * copy of an unused voucher and its batch, so it still opens offline, as the union card does.
 */
export function useVoucherQr(id: string, visible: boolean) {
  const watched = useWatchedVoucher(id, visible);
  const { voucher, load: loadVoucher, setVoucher } = watched;
  const showable = voucher?.displayStatus === 'unused';
  const shown = useRef(voucher);
  shown.current = voucher;

  const batch = useQrBatch({
    visible,
    active: showable,
    renew: () => renewVoucherQr(id),
    // Refused: it was redeemed, refunded or has expired meanwhile; reloading shows which.
    onRefused: () => void loadVoucher(),
    onRenewed: (fresh: CardQrBatch, offsetMs: number) => {
      if (shown.current) saveVoucherForOffline(shown.current, fresh, offsetMs);
    },
  });
  const { adopt } = batch;

  // Used, expired, refunding or refunded: its QR must not come back from the phone's copy.
  useEffect(() => {
    if (voucher && voucher.displayStatus !== 'unused') dropVoucherCopy(voucher.id);
  }, [voucher]);

  /** Loads the voucher; with no network and nothing on screen yet, shows the phone's copy. */
  const load = useCallback(async () => {
    if ((await loadVoucher()) || shown.current) return;
    const cached = loadVoucherForOffline(id);
    if (!cached) return;
    setVoucher(cached.voucher);
    adopt({ tokens: cached.tokens }, cached.offsetMs, true);
  }, [id, loadVoucher, setVoucher, adopt]);

  return { ...watched, load, batch, showable };
}
