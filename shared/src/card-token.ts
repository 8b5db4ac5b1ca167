/**
 * Short-lived QR tokens signed with the federation's Ed25519 key:
 * `<prefix>.<subjectId>.<validFrom>.<expiresAt>.<keyId>.<signature>` (times in Unix seconds).
 * The union card uses the prefix `UC1` with a member id; vouchers use `UV1` with a voucher
 * id (see voucher-token.ts). The prefix is signed, so a token of one kind never passes as
 * the other. The BFF signs everything before the signature; anyone holding the published
 * public key (a station keeper's phone with no signal included) can verify it. Each token
 * is good for one window of at most a minute, so a screenshot stops working within a
 * minute; the BFF hands out a short batch of consecutive windows so that a card keeps
 * working where the member's own phone has no signal. ASCII only on purpose: the
 * mini-program runtime has no TextEncoder.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlnopad } from '@scure/base';

export const CARD_TOKEN_PREFIX = 'UC1';
/** A token lives at most this long, so a screenshot stops working within a minute. */
export const CARD_TOKEN_TTL_SECONDS = 60;
/** How many consecutive windows one batch covers: ten minutes of card without network. */
export const CARD_TOKEN_BATCH_SIZE = 10;
/** The card screen fetches a new batch while online once fewer windows than this remain. */
export const CARD_TOKEN_REFILL_BELOW = 8;
/** Phones' clocks drift; accept a token this many seconds outside its window. */
export const CARD_TOKEN_CLOCK_SKEW_SECONDS = 5;

/** The claims of any windowed token; `subjectId` is the member (card) or the voucher. */
export interface WindowedTokenClaims {
  subjectId: string;
  validFrom: number;
  expiresAt: number;
  keyId: string;
}

export interface CardTokenClaims {
  memberId: string;
  validFrom: number;
  expiresAt: number;
  keyId: string;
}

export interface CardPublicKey {
  keyId: string;
  /** Raw 32-byte Ed25519 public key, base64url without padding. */
  publicKey: string;
}

export type WindowedTokenCheck<Claims> =
  { result: 'valid' | 'expired' | 'not_yet_valid'; claims: Claims } | { result: 'forged' };
export type CardTokenCheck = WindowedTokenCheck<CardTokenClaims>;

export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

export function windowedTokenSigningInput(prefix: string, claims: WindowedTokenClaims): string {
  return `${prefix}.${claims.subjectId}.${claims.validFrom}.${claims.expiresAt}.${claims.keyId}`;
}

export function encodeWindowedToken(prefix: string, claims: WindowedTokenClaims, signature: Uint8Array): string {
  return `${windowedTokenSigningInput(prefix, claims)}.${base64urlnopad.encode(signature)}`;
}

export function parseWindowedToken(
  prefix: string,
  token: string,
): { claims: WindowedTokenClaims; signature: Uint8Array } | null {
  const parts = token.trim().split('.');
  if (parts.length !== 6 || parts[0] !== prefix) return null;
  const [, subjectId, validFromText, expiresAtText, keyId, signatureText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Times must be written canonically (no leading zero): the signature is checked over the
  // re-serialized claims, so `.0123.` would otherwise verify as `.123.` and one token would have many spellings.
  const canonicalTime = /^[1-9]\d{0,11}$/;
  if (
    !/^[0-9a-f]{24}$/.test(subjectId) ||
    !canonicalTime.test(validFromText) ||
    !canonicalTime.test(expiresAtText) ||
    !/^[\w-]{1,32}$/.test(keyId)
  ) {
    return null;
  }
  try {
    const signature = base64urlnopad.decode(signatureText);
    if (signature.length !== 64) return null;
    const claims = { subjectId, validFrom: Number(validFromText), expiresAt: Number(expiresAtText), keyId };
    return { claims, signature };
  } catch {
    return null;
  }
}

/** Checks an Ed25519 signature; the BFF passes Node's native one, phones use the pure-JS default. */
export type SignatureCheck = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

const pureJsSignatureCheck: SignatureCheck = (signature, message, publicKey) =>
  ed25519.verify(signature, message, publicKey);

/**
 * Verifies a windowed token of the given prefix offline. A token of another prefix,
 * signed by an unknown key, altered in any character, or unreadable is "forged"; a
 * genuine one past its window is "expired", before it "not_yet_valid".
 */
export function verifyWindowedToken(
  prefix: string,
  token: string,
  publicKeys: readonly CardPublicKey[],
  nowMs: number = Date.now(),
  checkSignature: SignatureCheck = pureJsSignatureCheck,
): WindowedTokenCheck<WindowedTokenClaims> {
  const parsed = parseWindowedToken(prefix, token);
  if (!parsed) return { result: 'forged' };
  const key = publicKeys.find((k) => k.keyId === parsed.claims.keyId);
  if (!key) return { result: 'forged' };
  let genuine = false;
  try {
    genuine = checkSignature(
      parsed.signature,
      asciiBytes(windowedTokenSigningInput(prefix, parsed.claims)),
      base64urlnopad.decode(key.publicKey),
    );
  } catch {
    genuine = false;
  }
  if (!genuine) return { result: 'forged' };
  const nowSeconds = Math.floor(nowMs / 1000);
  if (nowSeconds > parsed.claims.expiresAt + CARD_TOKEN_CLOCK_SKEW_SECONDS) {
    return { result: 'expired', claims: parsed.claims };
  }
  // A token from later in a batch, shown early: someone holds a copy of the batch.
  if (nowSeconds < parsed.claims.validFrom - CARD_TOKEN_CLOCK_SKEW_SECONDS) {
    return { result: 'not_yet_valid', claims: parsed.claims };
  }
  return { result: 'valid', claims: parsed.claims };
}

// ---- the union card (UC1) ------------------------------------------------------

const toWindowed = ({ memberId, ...rest }: CardTokenClaims): WindowedTokenClaims => ({ subjectId: memberId, ...rest });
const toCard = ({ subjectId, validFrom, expiresAt, keyId }: WindowedTokenClaims): CardTokenClaims => ({
  memberId: subjectId,
  validFrom,
  expiresAt,
  keyId,
});

export function cardTokenSigningInput(claims: CardTokenClaims): string {
  return windowedTokenSigningInput(CARD_TOKEN_PREFIX, toWindowed(claims));
}

export function encodeCardToken(claims: CardTokenClaims, signature: Uint8Array): string {
  return encodeWindowedToken(CARD_TOKEN_PREFIX, toWindowed(claims), signature);
}

export function parseCardToken(token: string): { claims: CardTokenClaims; signature: Uint8Array } | null {
  const parsed = parseWindowedToken(CARD_TOKEN_PREFIX, token);
  return parsed && { claims: toCard(parsed.claims), signature: parsed.signature };
}

/** Verifies a union card token offline (see verifyWindowedToken). */
export function verifyCardToken(
  token: string,
  publicKeys: readonly CardPublicKey[],
  nowMs: number = Date.now(),
  checkSignature: SignatureCheck = pureJsSignatureCheck,
): CardTokenCheck {
  const check = verifyWindowedToken(CARD_TOKEN_PREFIX, token, publicKeys, nowMs, checkSignature);
  return check.result === 'forged' ? check : { result: check.result, claims: toCard(check.claims) };
}
