/**
 * The voucher QR token: `UV1.<voucherId>.<validFrom>.<expiresAt>.<keyId>.<signature>`,
 * signed with the same Ed25519 key, window length and clock-skew allowance as the union
 * card (see card-token.ts). Only the prefix differs, and it is signed: a card token can
 * never be redeemed as a voucher, nor a voucher token shown as a card.
 */
import {
  CARD_TOKEN_BATCH_SIZE,
  CARD_TOKEN_TTL_SECONDS,
  encodeWindowedToken,
  parseWindowedToken,
  verifyWindowedToken,
  windowedTokenSigningInput,
  type CardPublicKey,
  type SignatureCheck,
  type WindowedTokenCheck,
  type WindowedTokenClaims,
} from './card-token';

export const VOUCHER_TOKEN_PREFIX = 'UV1';
export const VOUCHER_TOKEN_TTL_SECONDS = CARD_TOKEN_TTL_SECONDS;
export const VOUCHER_TOKEN_BATCH_SIZE = CARD_TOKEN_BATCH_SIZE;

export interface VoucherTokenClaims {
  voucherId: string;
  validFrom: number;
  expiresAt: number;
  keyId: string;
}
export type VoucherTokenCheck = WindowedTokenCheck<VoucherTokenClaims>;

const toWindowed = ({ voucherId, ...rest }: VoucherTokenClaims): WindowedTokenClaims => ({
  subjectId: voucherId,
  ...rest,
});
const toVoucher = ({ subjectId, validFrom, expiresAt, keyId }: WindowedTokenClaims): VoucherTokenClaims => ({
  voucherId: subjectId,
  validFrom,
  expiresAt,
  keyId,
});

export function voucherTokenSigningInput(claims: VoucherTokenClaims): string {
  return windowedTokenSigningInput(VOUCHER_TOKEN_PREFIX, toWindowed(claims));
}

export function encodeVoucherToken(claims: VoucherTokenClaims, signature: Uint8Array): string {
  return encodeWindowedToken(VOUCHER_TOKEN_PREFIX, toWindowed(claims), signature);
}

export function parseVoucherToken(token: string): { claims: VoucherTokenClaims; signature: Uint8Array } | null {
  const parsed = parseWindowedToken(VOUCHER_TOKEN_PREFIX, token);
  return parsed && { claims: toVoucher(parsed.claims), signature: parsed.signature };
}

/** True when the scanned text looks like a voucher token at all (as opposed to a card or a typed code). */
export const isVoucherTokenText = (text: string) => text.trim().startsWith(`${VOUCHER_TOKEN_PREFIX}.`);

/** Verifies a voucher token offline: forged, expired, not_yet_valid or valid, exactly as a card token. */
export function verifyVoucherToken(
  token: string,
  publicKeys: readonly CardPublicKey[],
  nowMs: number = Date.now(),
  checkSignature?: SignatureCheck,
): VoucherTokenCheck {
  const check = verifyWindowedToken(VOUCHER_TOKEN_PREFIX, token, publicKeys, nowMs, checkSignature);
  return check.result === 'forged' ? check : { result: check.result, claims: toVoucher(check.claims) };
}
