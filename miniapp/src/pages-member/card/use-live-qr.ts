import type { CardQr } from '@union/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchMyCard, renewCardQr } from '../../services/card';
import { ApiError, errorMessage } from '../../services/http';
import { clockOffsetMs, msUntilRenewal, secondsUntilExpiry } from './qr-timing';

/** After a failed renewal, try again this soon (the old QR is still valid for a while). */
const RETRY_AFTER_MS = 5_000;

type LoadedCard = Awaited<ReturnType<typeof fetchMyCard>>;

/**
 * Loads the card and keeps its QR fresh while the page is visible: renews before
 * expiry (clock-skew corrected), retries on failure, and ticks a countdown.
 */
export function useLiveQr(visible: boolean) {
  const [card, setCard] = useState<LoadedCard | null>(null);
  const [qr, setQr] = useState<CardQr | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [renewError, setRenewError] = useState<string | null>(null);
  const [failedRenewals, setFailedRenewals] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    try {
      const loaded = await fetchMyCard();
      setOffsetMs(clockOffsetMs(loaded.serverTime, Date.now()));
      setCard(loaded);
      setQr(loaded.qr);
      setLoadError(null);
      setRenewError(null);
      setFailedRenewals(0);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, []);

  const renew = useCallback(async () => {
    try {
      setQr(await renewCardQr());
      setRenewError(null);
      setFailedRenewals(0);
    } catch (e) {
      setRenewError(errorMessage(e));
      // Offline: keep trying. Refused (e.g. membership just suspended): reload the card to show why.
      if (e instanceof ApiError && !e.isNetworkError) void load();
      else setFailedRenewals((count) => count + 1);
    }
  }, [load]);

  useEffect(() => {
    if (!visible || !qr) return;
    const delay = failedRenewals > 0 ? RETRY_AFTER_MS : msUntilRenewal(qr.expiresAt, offsetMs, Date.now());
    const timer = setTimeout(() => void renew(), delay);
    return () => clearTimeout(timer);
  }, [visible, qr, offsetMs, failedRenewals, renew]);

  useEffect(() => {
    if (!visible) return;
    setNow(Date.now());
    const ticker = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(ticker);
  }, [visible]);

  return {
    card,
    qr,
    loadError,
    renewError,
    secondsLeft: qr ? secondsUntilExpiry(qr.expiresAt, offsetMs, now) : 0,
    secondsToRenewal: qr ? Math.ceil(msUntilRenewal(qr.expiresAt, offsetMs, now) / 1000) : 0,
    reload: load,
    renewNow: renew,
  };
}
