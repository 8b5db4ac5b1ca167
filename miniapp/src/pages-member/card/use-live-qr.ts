import type { CardQrBatch, MemberCard } from '@union/shared';
import { useCallback, useState } from 'react';
import { useQrBatch } from '../../hooks/use-qr-batch';
import { fetchMyCard, renewCardQr } from '../../services/card';
import { ApiError, errorMessage } from '../../services/http';
import { clockOffsetMs } from '../../utils/qr-timing';
import { loadCardForOffline, saveCardForOffline } from './card-cache';

/**
 * Loads the card and keeps its QR current while the page is visible (see useQrBatch).
 * The phone keeps a copy of the card and its batch, so the card still opens offline.
 */
export function useLiveQr(visible: boolean) {
  const [card, setCard] = useState<MemberCard | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const batch = useQrBatch({
    visible,
    active: card?.status === 'active',
    renew: renewCardQr,
    // Refused (e.g. membership just suspended): reload the card to show why.
    onRefused: () => void load(),
    onRenewed: (fresh: CardQrBatch, offsetMs: number) => {
      if (card) saveCardForOffline({ ...card, qr: fresh }, offsetMs);
    },
  });
  const { adopt } = batch;

  const load = useCallback(async () => {
    try {
      const loaded = await fetchMyCard();
      const offset = clockOffsetMs(loaded.serverTime, Date.now());
      setCard(loaded);
      adopt(loaded.qr, offset, false);
      saveCardForOffline(loaded, offset);
      setLoadError(null);
    } catch (e) {
      const cached = e instanceof ApiError && e.isNetworkError ? loadCardForOffline() : null;
      if (cached) {
        setCard(cached.card);
        adopt(cached.card.qr, cached.offsetMs, true);
        setLoadError(null);
      } else {
        setLoadError(errorMessage(e));
      }
    }
  }, [adopt]);

  return {
    card,
    qr: batch.qr,
    offline: batch.offline,
    loadError,
    secondsLeft: batch.secondsLeft,
    offlineMinutesLeft: batch.offlineMinutesLeft,
    reload: load,
    refillNow: batch.refillNow,
  };
}
