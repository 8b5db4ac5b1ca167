/**
 * Card verification keys, kept on the phone so a station with no signal can still
 * tell a genuine card from a forged one (the verify page, the activity check-in page).
 * Refreshed whenever such a page opens online.
 */
import Taro from '@tarojs/taro';
import type { CardPublicKey } from '@union/shared';
import { fetchCardPublicKeys } from './card';

const PUBLIC_KEYS_KEY = 'union.card.publicKeys';

export function cachedPublicKeys(): CardPublicKey[] {
  const stored: unknown = Taro.getStorageSync(PUBLIC_KEYS_KEY);
  return Array.isArray(stored) ? (stored as CardPublicKey[]) : [];
}

/** Best effort: offline, the keys cached last time are kept. */
export async function refreshPublicKeys(): Promise<void> {
  try {
    Taro.setStorageSync(PUBLIC_KEYS_KEY, await fetchCardPublicKeys());
  } catch {
    // Keep whatever was cached before.
  }
}
