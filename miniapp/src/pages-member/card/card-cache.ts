/**
 * The last card and QR batch, kept on the phone so the card still opens where the
 * member has no signal (a basement station, a lift). Tied to the signed-in account
 * and removed at sign-out with the rest of the session (see services/offline-copy).
 */
import type { MemberCard } from '@union/shared';
import { loadOfflineCopy, saveOfflineCopy } from '../../services/offline-copy';
import { CARD_CACHE_KEY } from '../../services/session-store';

interface CachedCard {
  card: MemberCard;
  offsetMs: number;
}

export function saveCardForOffline(card: MemberCard, offsetMs: number): void {
  saveOfflineCopy<CachedCard>(CARD_CACHE_KEY, { card, offsetMs });
}

export function loadCardForOffline(): CachedCard | null {
  const cached = loadOfflineCopy<CachedCard>(CARD_CACHE_KEY);
  return cached ? { card: cached.card, offsetMs: cached.offsetMs } : null;
}
