/**
 * Signs voucher QR tokens (`UV1.…`) with the same Ed25519 key as the union card, so phones
 * and counters need one published key; the signed prefix keeps the two kinds apart.
 */
import {
  encodeVoucherToken,
  VOUCHER_TOKEN_BATCH_SIZE,
  VOUCHER_TOKEN_TTL_SECONDS,
  verifyVoucherToken,
  voucherTokenSigningInput,
  type VoucherTokenCheck,
} from '@union/shared';
import { loadTokenKey, nativeSignatureCheck, type IssuedCardToken } from './card-signer';

export type IssuedVoucherToken = IssuedCardToken;

export interface VoucherSigner {
  /** Consecutive one-minute tokens starting now, like the card's batch. */
  issueBatch(voucherId: string, nowMs?: number, count?: number): IssuedVoucherToken[];
  check(token: string, nowMs?: number): VoucherTokenCheck;
}

export function createVoucherSigner(privateKeyPkcs8Base64: string, keyId: string): VoucherSigner {
  const key = loadTokenKey(privateKeyPkcs8Base64, keyId);

  function issueFrom(voucherId: string, validFrom: number): IssuedVoucherToken {
    const claims = { voucherId, validFrom, expiresAt: validFrom + VOUCHER_TOKEN_TTL_SECONDS, keyId };
    return {
      token: encodeVoucherToken(claims, key.sign(voucherTokenSigningInput(claims))),
      validFrom: new Date(validFrom * 1000),
      expiresAt: new Date(claims.expiresAt * 1000),
    };
  }
  return {
    check: (token, nowMs = Date.now()) => verifyVoucherToken(token, [key.publicKey], nowMs, nativeSignatureCheck),
    issueBatch(voucherId, nowMs = Date.now(), count = VOUCHER_TOKEN_BATCH_SIZE) {
      const start = Math.floor(nowMs / 1000);
      return Array.from({ length: count }, (_, index) =>
        issueFrom(voucherId, start + index * VOUCHER_TOKEN_TTL_SECONDS),
      );
    },
  };
}
