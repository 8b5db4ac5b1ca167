/**
 * The union card QR token: `UC1.<memberId>.<validFrom>.<expiresAt>.<keyId>.<signature>`
 * (times in Unix seconds). The BFF signs everything before the signature with Ed25519;
 * anyone holding the published public key (a station keeper's phone with no signal
 * included) can verify it. Each token is good for one window of at most a minute, so a
 * screenshot stops working within a minute; the BFF hands out a short batch of
 * consecutive windows so that a member's card keeps working where their own phone has
 * no signal. ASCII only on purpose: the mini-program runtime has no TextEncoder.
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

export type CardTokenCheck =
  { result: 'valid' | 'expired' | 'not_yet_valid'; claims: CardTokenClaims } | { result: 'forged' };

export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

export function cardTokenSigningInput(claims: CardTokenClaims): string {
  return `${CARD_TOKEN_PREFIX}.${claims.memberId}.${claims.validFrom}.${claims.expiresAt}.${claims.keyId}`;
}

export function encodeCardToken(claims: CardTokenClaims, signature: Uint8Array): string {
  return `${cardTokenSigningInput(claims)}.${base64urlnopad.encode(signature)}`;
}

export function parseCardToken(token: string): { claims: CardTokenClaims; signature: Uint8Array } | null {
  const parts = token.trim().split('.');
  if (parts.length !== 6 || parts[0] !== CARD_TOKEN_PREFIX) return null;
  const [, memberId, validFromText, expiresAtText, keyId, signatureText] = parts as [
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
    !/^[0-9a-f]{24}$/.test(memberId) ||
    !canonicalTime.test(validFromText) ||
    !canonicalTime.test(expiresAtText) ||
    !/^[\w-]{1,32}$/.test(keyId)
  ) {
    return null;
  }
  try {
    const signature = base64urlnopad.decode(signatureText);
    if (signature.length !== 64) return null;
    const claims = { memberId, validFrom: Number(validFromText), expiresAt: Number(expiresAtText), keyId };
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
 * Verifies a card token offline. A token signed by an unknown key, altered in any
 * character, or unreadable is "forged"; a genuine one past its window is "expired",
 * before it "not_yet_valid".
 */
export function verifyCardToken(
  token: string,
  publicKeys: readonly CardPublicKey[],
  nowMs: number = Date.now(),
  checkSignature: SignatureCheck = pureJsSignatureCheck,
): CardTokenCheck {
  const parsed = parseCardToken(token);
  if (!parsed) return { result: 'forged' };
  const key = publicKeys.find((k) => k.keyId === parsed.claims.keyId);
  if (!key) return { result: 'forged' };
  let genuine = false;
  try {
    genuine = checkSignature(
      parsed.signature,
      asciiBytes(cardTokenSigningInput(parsed.claims)),
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
  // A token from later in a batch, shown early: someone holds a copy of the member's batch.
  if (nowSeconds < parsed.claims.validFrom - CARD_TOKEN_CLOCK_SKEW_SECONDS) {
    return { result: 'not_yet_valid', claims: parsed.claims };
  }
  return { result: 'valid', claims: parsed.claims };
}
