import type { Voucher } from '@union/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchVoucher } from '../../services/benefits';
import { ApiError, errorMessage } from '../../services/http';

/** A clerk's scan must show on the member's phone at once: ask this often while the voucher is on screen. */
export const VOUCHER_POLL_MS = 3000;

/** States that can still change by someone else's hand: a redemption, or the refund's result. */
const changing = (voucher: Voucher | null) =>
  voucher !== null && (voucher.displayStatus === 'unused' || voucher.displayStatus === 'refunding');

/** The voucher named by the route, kept current while shown. A failed poll keeps what is shown (the QR works offline). */
export function useWatchedVoucher(id: string, visible: boolean) {
  const [voucher, setVoucher] = useState<Voucher | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** False when the network is down (the phone's copy may stand in, see useVoucherQr). */
  const load = useCallback(async (): Promise<boolean> => {
    if (!id) {
      setError('缺少券编号，请从“我的券”重新进入');
      return true;
    }
    try {
      setVoucher(await fetchVoucher(id));
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.isNetworkError) return false;
      setError(errorMessage(e));
    }
    return true;
  }, [id]);

  const watching = visible && changing(voucher);
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => void load(), VOUCHER_POLL_MS);
    return () => clearInterval(timer);
  }, [watching, load]);

  return { voucher, setVoucher, error, load };
}
