/**
 * The signed-in session, kept in Taro storage so it survives restarts. Only the
 * http client and the login flows write it; pages read `me` through services/auth.
 */
import Taro from '@tarojs/taro';
import type { Me, Session } from '@union/shared';

const SESSION_KEY = 'union.session';
/** The member's card and QR batch for offline use: personal, so it goes with the session. */
export const CARD_CACHE_KEY = 'union.card.offline';
/** Unused vouchers and their QR batches for offline use: personal too. */
export const VOUCHER_CACHE_KEY = 'union.vouchers.offline';
/** Every offline copy (services/offline-copy): all are removed at sign-out. */
export const OFFLINE_COPY_KEYS = [CARD_CACHE_KEY, VOUCHER_CACHE_KEY] as const;
export type OfflineCopyKey = (typeof OFFLINE_COPY_KEYS)[number];

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
  for (const key of OFFLINE_COPY_KEYS) Taro.removeStorageSync(key);
}
