import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { asciiBytes, type CardPublicKey, cardTokenSigningInput, encodeCardToken, verifyCardToken } from './card-token';
import {
  encodeVoucherToken,
  isVoucherTokenText,
  parseVoucherToken,
  VOUCHER_TOKEN_PREFIX,
  type VoucherTokenClaims,
  voucherTokenSigningInput,
  verifyVoucherToken,
} from './voucher-token';

const VOUCHER_ID = '65a1b2c3d4e5f60718293a4b';
const EXPIRES_AT = 1_750_000_000;
const VALID_FROM = EXPIRES_AT - 60;
const DURING = (EXPIRES_AT - 30) * 1000;

const secretKey = ed25519.utils.randomSecretKey();
const KEYS: CardPublicKey[] = [{ keyId: 'k1', publicKey: base64urlnopad.encode(ed25519.getPublicKey(secretKey)) }];
const CLAIMS: VoucherTokenClaims = { voucherId: VOUCHER_ID, validFrom: VALID_FROM, expiresAt: EXPIRES_AT, keyId: 'k1' };
const TOKEN = encodeVoucherToken(CLAIMS, ed25519.sign(asciiBytes(voucherTokenSigningInput(CLAIMS)), secretKey));

describe('voucher token', () => {
  it('is UV1.<voucherId>.<validFrom>.<expiresAt>.<keyId>.<signature>', () => {
    expect(VOUCHER_TOKEN_PREFIX).toBe('UV1');
    expect(TOKEN.split('.').slice(0, 5)).toEqual(['UV1', VOUCHER_ID, String(VALID_FROM), String(EXPIRES_AT), 'k1']);
    expect(parseVoucherToken(TOKEN)?.claims).toEqual(CLAIMS);
    expect(isVoucherTokenText(` ${TOKEN}`)).toBe(true);
    expect(isVoucherTokenText('1234 5678 9012')).toBe(false);
  });

  it('is valid in its window and expired or not yet valid outside it, with the card’s clock skew', () => {
    expect(verifyVoucherToken(TOKEN, KEYS, DURING)).toEqual({ result: 'valid', claims: CLAIMS });
    expect(verifyVoucherToken(TOKEN, KEYS, (EXPIRES_AT + 6) * 1000).result).toBe('expired');
    expect(verifyVoucherToken(TOKEN, KEYS, (EXPIRES_AT + 5) * 1000).result).toBe('valid');
    expect(verifyVoucherToken(TOKEN, KEYS, (VALID_FROM - 6) * 1000).result).toBe('not_yet_valid');
  });

  it('is forged when any character is changed or the key is unknown', () => {
    for (let i = 0; i < TOKEN.length; i++) {
      const altered = TOKEN.slice(0, i) + (TOKEN[i] === 'A' ? 'B' : 'A') + TOKEN.slice(i + 1);
      expect(verifyVoucherToken(altered, KEYS, DURING).result, `position ${i}`).toBe('forged');
    }
    expect(verifyVoucherToken(TOKEN, [], DURING).result).toBe('forged');
  });

  it('never accepts a card token as a voucher token, nor the other way round', () => {
    const cardClaims = { memberId: VOUCHER_ID, validFrom: VALID_FROM, expiresAt: EXPIRES_AT, keyId: 'k1' };
    const card = encodeCardToken(cardClaims, ed25519.sign(asciiBytes(cardTokenSigningInput(cardClaims)), secretKey));
    expect(verifyCardToken(card, KEYS, DURING).result).toBe('valid');
    expect(verifyVoucherToken(card, KEYS, DURING).result).toBe('forged');
    expect(verifyCardToken(TOKEN, KEYS, DURING).result).toBe('forged');
    // Relabelling a card token as UV1 breaks its signature, because the prefix is signed.
    expect(verifyVoucherToken(`UV1${card.slice(3)}`, KEYS, DURING).result).toBe('forged');
  });
});
