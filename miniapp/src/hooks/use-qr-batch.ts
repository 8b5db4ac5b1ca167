import { CARD_TOKEN_REFILL_BELOW, type CardQr, type CardQrBatch } from '@union/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/http';
import {
  clockOffsetMs,
  currentToken,
  offlineMinutesLeft,
  secondsUntilExpiry,
  serverNow,
  windowsLeft,
} from '../utils/qr-timing';

/** While the network is down, try again this often. */
const RETRY_AFTER_MS = 15_000;

interface QrBatchOptions {
  /** Ticking and refilling happen only while the QR is on screen. */
  visible: boolean;
  /** False when no QR may be shown (a suspended card, a used voucher): nothing is fetched. */
  active: boolean;
  /** Fetches a fresh batch from the BFF. */
  renew: () => Promise<CardQrBatch>;
  /** The BFF refused a batch (not a network failure): the owner reloads to show why. */
  onRefused?: (error: ApiError) => void;
  /** A fresh batch arrived, with the clock offset measured from it (e.g. to keep an offline copy). */
  onRenewed?: (batch: CardQrBatch, offsetMs: number) => void;
}

/**
 * A QR that rotates through a batch of consecutive one-minute tokens (the union card, a
 * voucher). The screen switches to the next token each minute by itself, refills the
 * batch while online, and keeps working from the batch (about ten minutes) while offline.
 * Token windows are in server time: the offset is measured from each batch, whose first
 * window starts when the BFF issued it.
 */
export function useQrBatch({ visible, active, renew, onRefused, onRenewed }: QrBatchOptions) {
  const [tokens, setTokens] = useState<CardQr[]>([]);
  const [offsetMs, setOffsetMs] = useState(0);
  const [offline, setOffline] = useState(false);
  const [failedRefills, setFailedRefills] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  // The owner's callbacks change identity as it re-renders; the refill timer must not restart each time.
  const owner = useRef({ renew, onRefused, onRenewed });
  owner.current = { renew, onRefused, onRenewed };

  /** Takes a batch that arrived some other way (with the card, or from the phone's copy). */
  const adopt = useCallback((batch: CardQrBatch | null, offset: number, fromOfflineCopy: boolean) => {
    setTokens(batch?.tokens ?? []);
    setOffsetMs(offset);
    setOffline(fromOfflineCopy);
  }, []);

  const refill = useCallback(async () => {
    try {
      const batch = await owner.current.renew();
      const first = batch.tokens[0];
      const offset = first ? clockOffsetMs(first.validFrom, Date.now()) : 0;
      setTokens(batch.tokens);
      setOffsetMs(offset);
      setOffline(false);
      setFailedRefills(0);
      owner.current.onRenewed?.(batch, offset);
    } catch (e) {
      if (e instanceof ApiError && !e.isNetworkError) owner.current.onRefused?.(e);
      else {
        setOffline(true);
        setFailedRefills((count) => count + 1);
      }
    }
  }, []);

  const nowOnServer = serverNow(offsetMs, now);
  const wantsRefill = active && windowsLeft(tokens, nowOnServer) < CARD_TOKEN_REFILL_BELOW;

  useEffect(() => {
    if (!visible || !wantsRefill) return;
    const timer = setTimeout(() => void refill(), offline ? RETRY_AFTER_MS : 0);
    return () => clearTimeout(timer);
  }, [visible, wantsRefill, offline, failedRefills, refill]);

  useEffect(() => {
    if (!visible) return;
    setNow(Date.now());
    const ticker = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(ticker);
  }, [visible]);

  const qr = active ? currentToken(tokens, nowOnServer) : null;
  return {
    qr,
    offline,
    secondsLeft: qr ? secondsUntilExpiry(qr, nowOnServer) : 0,
    offlineMinutesLeft: offlineMinutesLeft(tokens, nowOnServer),
    adopt,
    refillNow: refill,
  };
}
