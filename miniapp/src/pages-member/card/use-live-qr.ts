import { CARD_TOKEN_REFILL_BELOW, type CardQr, type MemberCard } from '@union/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchMyCard, renewCardQr } from '../../services/card';
import { ApiError, errorMessage } from '../../services/http';
import { loadCardForOffline, saveCardForOffline } from './card-cache';
import {
  clockOffsetMs,
  currentToken,
  offlineMinutesLeft,
  secondsUntilExpiry,
  serverNow,
  windowsLeft,
} from './qr-timing';

/** While the network is down, try again this often. */
const RETRY_AFTER_MS = 15_000;

/**
 * Loads the card and keeps its QR current while the page is visible. The BFF hands
 * out a batch of consecutive one-minute tokens: the screen switches to the next one
 * each minute by itself, refills the batch while online, and keeps working from the
 * batch (and from the phone's copy of the card) while offline.
 */
export function useLiveQr(visible: boolean) {
  const [card, setCard] = useState<MemberCard | null>(null);
  const [tokens, setTokens] = useState<CardQr[]>([]);
  const [offsetMs, setOffsetMs] = useState(0);
  const [offline, setOffline] = useState(false);
  const [failedRefills, setFailedRefills] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const adopt = useCallback((loaded: MemberCard, offset: number) => {
    setCard(loaded);
    setTokens(loaded.qr?.tokens ?? []);
    setOffsetMs(offset);
  }, []);

  const load = useCallback(async () => {
    try {
      const loaded = await fetchMyCard();
      const offset = clockOffsetMs(loaded.serverTime, Date.now());
      adopt(loaded, offset);
      saveCardForOffline(loaded, offset);
      setOffline(false);
      setLoadError(null);
    } catch (e) {
      const cached = e instanceof ApiError && e.isNetworkError ? loadCardForOffline() : null;
      if (cached) {
        adopt(cached.card, cached.offsetMs);
        setOffline(true);
        setLoadError(null);
      } else {
        setLoadError(errorMessage(e));
      }
    }
  }, [adopt]);

  const refill = useCallback(async () => {
    try {
      const batch = await renewCardQr();
      setTokens(batch.tokens);
      setOffline(false);
      setFailedRefills(0);
      if (card) saveCardForOffline({ ...card, qr: batch }, offsetMs);
    } catch (e) {
      // Refused (e.g. membership just suspended): reload the card to show why. Offline: keep the batch.
      if (e instanceof ApiError && !e.isNetworkError) void load();
      else {
        setOffline(true);
        setFailedRefills((count) => count + 1);
      }
    }
  }, [card, offsetMs, load]);

  const nowOnServer = serverNow(offsetMs, now);
  const remaining = windowsLeft(tokens, nowOnServer);
  const wantsRefill = card?.status === 'active' && remaining < CARD_TOKEN_REFILL_BELOW;

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

  const qr = currentToken(tokens, nowOnServer);
  return {
    card,
    qr,
    offline,
    loadError,
    secondsLeft: qr ? secondsUntilExpiry(qr, nowOnServer) : 0,
    offlineMinutesLeft: offlineMinutesLeft(tokens, nowOnServer),
    reload: load,
    refillNow: refill,
  };
}
