import { verifyCardToken, type CardCheckResult, type VerifyCardRequest, type VerifyCardResponse } from '@union/shared';
import { verifyCard } from '../../services/card';
import { ApiError } from '../../services/http';
import { cachedPublicKeys } from '../../services/card-public-keys';

export type CardCheck =
  | { mode: 'online'; response: VerifyCardResponse }
  /** Signature and expiry checked on the phone; the member's status is unknown. */
  | { mode: 'offline'; result: Extract<CardCheckResult, 'valid' | 'expired' | 'not_yet_valid' | 'forged'> }
  /** Offline and no keys were ever downloaded on this phone. */
  | { mode: 'offline-unavailable' }
  /** Offline with a typed 核验码: only the BFF knows whose it is. */
  | { mode: 'offline-code' };

/**
 * Asks the BFF; when the network is down, falls back to verifying a QR's signature
 * locally (a typed 核验码 cannot be checked offline).
 */
export async function checkCard(lookup: VerifyCardRequest): Promise<CardCheck> {
  try {
    return { mode: 'online', response: await verifyCard(lookup) };
  } catch (e) {
    if (!(e instanceof ApiError) || !e.isNetworkError) throw e;
    if (!lookup.token) return { mode: 'offline-code' };
    const keys = cachedPublicKeys();
    if (keys.length === 0) return { mode: 'offline-unavailable' };
    return { mode: 'offline', result: verifyCardToken(lookup.token, keys).result };
  }
}
