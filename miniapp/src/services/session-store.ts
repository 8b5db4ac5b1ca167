/**
 * The signed-in session, kept in Taro storage so it survives restarts. Only the
 * http client and the login flows write it; pages read `me` through services/auth.
 */
import Taro from '@tarojs/taro';
import type { Me, Session } from '@union/shared';

const SESSION_KEY = 'union.session';
/** The member's card and QR batch for offline use: personal, so it goes with the session. */
export const CARD_CACHE_KEY = 'union.card.offline';

export function loadSession(): Session | null {
  const stored: unknown = Taro.getStorageSync(SESSION_KEY);
  if (!stored || typeof stored !== 'object') return null;
  return stored as Session;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(SESSION_KEY, session);
}

export function saveMe(me: Me): void {
  const session = loadSession();
  if (session) saveSession({ ...session, me });
}

export function clearSession(): void {
  Taro.removeStorageSync(SESSION_KEY);
  Taro.removeStorageSync(CARD_CACHE_KEY);
}
