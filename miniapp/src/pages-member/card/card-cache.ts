/**
 * The last card and QR batch, kept on the phone so the card still opens where the
 * member has no signal (a basement station, a lift). Tied to the signed-in account
 * and removed at sign-out with the rest of the session.
 */
import Taro from '@tarojs/taro';
import type { MemberCard } from '@union/shared';
import { CARD_CACHE_KEY, loadSession } from '../../services/session-store';

interface CachedCard {
  accountId: string;
  card: MemberCard;
  offsetMs: number;
}

export function saveCardForOffline(card: MemberCard, offsetMs: number): void {
  const accountId = loadSession()?.me.id;
  if (accountId) Taro.setStorageSync(CARD_CACHE_KEY, { accountId, card, offsetMs } satisfies CachedCard);
}

export function loadCardForOffline(): { card: MemberCard; offsetMs: number } | null {
  const cached = Taro.getStorageSync(CARD_CACHE_KEY) as CachedCard | '' | undefined;
  if (!cached || cached.accountId !== loadSession()?.me.id) return null;
  return { card: cached.card, offsetMs: cached.offsetMs };
}
