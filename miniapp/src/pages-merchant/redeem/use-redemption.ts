/**
 * The counter's two steps: look the voucher up (preview), then confirm. The preview's
 * requestId is kept until the redemption is answered, so a confirm retried after a
 * dropped connection cannot redeem twice, and a new scan is always a new redemption.
 */
import type { Redemption, RedemptionPreview } from '@union/shared';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../services/http';
import { newRequestId, previewRedemption, redeemVoucher, type VoucherLookup } from '../../services/merchant';

export type RedeemStage =
  | { kind: 'idle' }
  | { kind: 'preview'; lookup: VoucherLookup; preview: RedemptionPreview; requestId: string }
  | { kind: 'redeemed'; redemption: Redemption }
  /** The server refused the redemption itself (already used meanwhile, another merchant's, gone). */
  | { kind: 'refused'; message: string };

/** Answers that settle the voucher's fate; anything else (network, overload) is worth retrying as is. */
const FINAL_REFUSALS = [400, 403, 404, 409];

export function useRedemption(onRedeemed: (redemption: Redemption) => void) {
  const [stage, setStage] = useState<RedeemStage>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookUp(lookup: VoucherLookup) {
    setError(null);
    setBusy(true);
    try {
      const preview = await previewRedemption(lookup);
      setStage({ kind: 'preview', lookup, preview, requestId: newRequestId('redeem') });
    } catch (e) {
      setStage({ kind: 'idle' });
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    if (stage.kind !== 'preview' || busy) return;
    setError(null);
    setBusy(true);
    try {
      const redemption = await redeemVoucher(stage.lookup, stage.requestId);
      setStage({ kind: 'redeemed', redemption });
      onRedeemed(redemption);
    } catch (e) {
      if (e instanceof ApiError && FINAL_REFUSALS.includes(e.status)) setStage({ kind: 'refused', message: e.message });
      // Still on the preview with the same requestId: tapping again retries the same redemption.
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function reset() {
    setStage({ kind: 'idle' });
    setError(null);
  }

  return { stage, error, setError, busy, lookUp, confirm, reset };
}
