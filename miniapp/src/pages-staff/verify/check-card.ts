import { verifyCardToken, type CardCheckResult, type VerifyCardResponse } from '@union/shared';
import { verifyCard } from '../../services/card';
import { ApiError } from '../../services/http';
import { cachedPublicKeys } from './public-key-cache';

export type CardCheck =
  | { mode: 'online'; response: VerifyCardResponse }
  /** Signature and expiry checked on the phone; the member's status is unknown. */
  | { mode: 'offline'; result: Extract<CardCheckResult, 'valid' | 'expired' | 'not_yet_valid' | 'forged'> }
  /** Offline and no keys were ever downloaded on this phone. */
  | { mode: 'offline-unavailable' };

/** Asks the BFF; when the network is down, falls back to verifying the signature locally. */
export async function checkCard(token: string): Promise<CardCheck> {
  try {
    return { mode: 'online', response: await verifyCard(token) };
  } catch (e) {
    if (!(e instanceof ApiError) || !e.isNetworkError) throw e;
    const keys = cachedPublicKeys();
    if (keys.length === 0) return { mode: 'offline-unavailable' };
    return { mode: 'offline', result: verifyCardToken(token, keys).result };
  }
}
