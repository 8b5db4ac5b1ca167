import { ed25519 } from '@noble/curves/ed25519.js';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import {
  asciiBytes,
  CARD_TOKEN_CLOCK_SKEW_SECONDS,
  CARD_TOKEN_PREFIX,
  type CardPublicKey,
  type CardTokenClaims,
  cardTokenSigningInput,
  encodeCardToken,
  parseCardToken,
  verifyCardToken,
} from './card-token';

const MEMBER_ID = '65a1b2c3d4e5f60718293a4b';
const EXPIRES_AT = 1_750_000_000; // seconds
const VALID_FROM = EXPIRES_AT - 60;
const BEFORE_EXPIRY_MS = (EXPIRES_AT - 30) * 1000;

function makeKey(keyId: string) {
  const secretKey = ed25519.utils.randomSecretKey();
  const published: CardPublicKey = { keyId, publicKey: base64urlnopad.encode(ed25519.getPublicKey(secretKey)) };
  return { keyId, secretKey, published };
}

function issue(claims: CardTokenClaims, secretKey: Uint8Array): string {
  const signature = ed25519.sign(asciiBytes(cardTokenSigningInput(claims)), secretKey);
  return encodeCardToken(claims, signature);
}

const current = makeKey('k2025a');
const previous = makeKey('k2024b');
const KEYS = [previous.published, current.published];
const CLAIMS: CardTokenClaims = {
  memberId: MEMBER_ID,
  validFrom: VALID_FROM,
  expiresAt: EXPIRES_AT,
  keyId: current.keyId,
};
const TOKEN = issue(CLAIMS, current.secretKey);

/** A different character of the same kind, so the change is as inconspicuous as possible. */
function otherChar(c: string): string {
  const pools = ['0123456789', 'abcdef', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ghijklmnopqrstuvwxyz', '-_'];
  const pool = pools.find((p) => p.includes(c)) ?? 'a';
  return pool[(pool.indexOf(c) + 1) % pool.length]!;
}

function replaceAt(text: string, index: number, c: string): string {
  return text.slice(0, index) + c + text.slice(index + 1);
}

describe('card token format', () => {
  it('is UC1.<memberId>.<validFrom>.<expiresAt>.<keyId>.<signature>', () => {
    const parts = TOKEN.split('.');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 5)).toEqual([
      CARD_TOKEN_PREFIX,
      MEMBER_ID,
      String(VALID_FROM),
      String(EXPIRES_AT),
      current.keyId,
    ]);
    expect(CARD_TOKEN_PREFIX).toBe('UC1');
    // A 64-byte signature is 86 base64url characters without padding.
    expect(parts[5]).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('signs exactly the first five parts', () => {
    expect(cardTokenSigningInput(CLAIMS)).toBe(`UC1.${MEMBER_ID}.${VALID_FROM}.${EXPIRES_AT}.${current.keyId}`);
    expect(TOKEN.startsWith(`${cardTokenSigningInput(CLAIMS)}.`)).toBe(true);
  });

  it('parses back the claims it was built from', () => {
    expect(parseCardToken(TOKEN)?.claims).toEqual(CLAIMS);
  });

  it('converts ASCII text to bytes without TextEncoder', () => {
    expect(Array.from(asciiBytes('UC1.a'))).toEqual([0x55, 0x43, 0x31, 0x2e, 0x61]);
  });
});

describe('verifyCardToken', () => {
  it('refuses a later token of a batch shown before its minute, allowing for clock skew', () => {
    const early = (VALID_FROM - CARD_TOKEN_CLOCK_SKEW_SECONDS - 1) * 1000;
    expect(verifyCardToken(TOKEN, KEYS, early)).toEqual({ result: 'not_yet_valid', claims: CLAIMS });
    const withinSkew = (VALID_FROM - CARD_TOKEN_CLOCK_SKEW_SECONDS) * 1000;
    expect(verifyCardToken(TOKEN, KEYS, withinSkew).result).toBe('valid');
  });

  it('is forged when the window is moved', () => {
    const moved = TOKEN.replace(`.${VALID_FROM}.`, `.${VALID_FROM - 600}.`);
    expect(verifyCardToken(moved, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
  });

  it('accepts a genuine token before it expires and returns its claims', () => {
    expect(verifyCardToken(TOKEN, KEYS, BEFORE_EXPIRY_MS)).toEqual({ result: 'valid', claims: CLAIMS });
  });

  it('accepts a token signed with an older key that is still published', () => {
    const token = issue({ ...CLAIMS, keyId: previous.keyId }, previous.secretKey);
    expect(verifyCardToken(token, KEYS, BEFORE_EXPIRY_MS).result).toBe('valid');
  });

  it('tolerates surrounding whitespace from a scanner', () => {
    expect(verifyCardToken(` ${TOKEN}\n`, KEYS, BEFORE_EXPIRY_MS).result).toBe('valid');
  });

  describe('expiry', () => {
    it('is still valid at the expiry second and within the clock skew', () => {
      expect(verifyCardToken(TOKEN, KEYS, EXPIRES_AT * 1000).result).toBe('valid');
      const lastAcceptedMs = (EXPIRES_AT + CARD_TOKEN_CLOCK_SKEW_SECONDS) * 1000 + 999;
      expect(verifyCardToken(TOKEN, KEYS, lastAcceptedMs).result).toBe('valid');
    });

    it('is expired once the clock skew allowance has passed', () => {
      const firstRejectedMs = (EXPIRES_AT + CARD_TOKEN_CLOCK_SKEW_SECONDS + 1) * 1000;
      expect(verifyCardToken(TOKEN, KEYS, firstRejectedMs)).toEqual({ result: 'expired', claims: CLAIMS });
      expect(verifyCardToken(TOKEN, KEYS, (EXPIRES_AT + 3600) * 1000).result).toBe('expired');
    });

    it('allows only a few seconds of skew', () => {
      expect(CARD_TOKEN_CLOCK_SKEW_SECONDS).toBeGreaterThan(0);
      expect(CARD_TOKEN_CLOCK_SKEW_SECONDS).toBeLessThanOrEqual(10);
    });

    it('reports a forgery as forged, not expired, even long after its expiry', () => {
      const forged = replaceAt(TOKEN, TOKEN.length - 10, otherChar(TOKEN[TOKEN.length - 10]!));
      expect(verifyCardToken(forged, KEYS, (EXPIRES_AT + 3600) * 1000)).toEqual({ result: 'forged' });
    });
  });

  describe('forgery', () => {
    it('is forged when any single character of the token is changed', () => {
      const memberIdStart = TOKEN.indexOf(MEMBER_ID);
      const expiryStart = TOKEN.indexOf(String(EXPIRES_AT));
      const signatureStart = TOKEN.lastIndexOf('.') + 1;
      // Named positions that matter most, then every position of the token.
      const named = [
        memberIdStart,
        memberIdStart + MEMBER_ID.length - 1,
        expiryStart, // 1750000000 → 0750000000 would move the expiry years back
        expiryStart + 1, // 1750000000 → 1850000000 would extend it by years
        expiryStart + String(EXPIRES_AT).length - 1,
        signatureStart,
        TOKEN.length - 1,
      ];
      expect(TOKEN.slice(expiryStart, expiryStart + 10)).toBe(String(EXPIRES_AT));
      const positions = [...named, ...TOKEN.split('').keys()];
      for (const i of positions) {
        const altered = replaceAt(TOKEN, i, otherChar(TOKEN[i]!));
        expect(altered).not.toBe(TOKEN);
        expect(verifyCardToken(altered, KEYS, BEFORE_EXPIRY_MS), `position ${i}: ${altered}`).toEqual({
          result: 'forged',
        });
      }
    });

    it('is forged when a later expiry is claimed with the original signature', () => {
      const extended = TOKEN.replace(`.${EXPIRES_AT}.`, `.${EXPIRES_AT + 86_400}.`);
      expect(verifyCardToken(extended, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
    });

    it('is forged when the expiry is padded with a leading zero', () => {
      const padded = TOKEN.replace(`.${EXPIRES_AT}.`, `.0${EXPIRES_AT}.`);
      expect(padded).not.toBe(TOKEN);
      expect(verifyCardToken(padded, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
    });

    it('is forged when the signature of one member is put on another member', () => {
      const other = TOKEN.replace(MEMBER_ID, '65a1b2c3d4e5f60718293a4c');
      expect(verifyCardToken(other, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
    });

    it('is forged when signed by a key that is not published under its keyId', () => {
      const stranger = makeKey(current.keyId);
      const token = issue(CLAIMS, stranger.secretKey);
      expect(verifyCardToken(token, KEYS, BEFORE_EXPIRY_MS)).toEqual({ result: 'forged' });
      // The same token verifies against the stranger's key, so only the key made the difference.
      expect(verifyCardToken(token, [stranger.published], BEFORE_EXPIRY_MS).result).toBe('valid');
    });

    it('is forged when a real key signs under another key’s keyId', () => {
      const token = issue({ ...CLAIMS, keyId: previous.keyId }, current.secretKey);
      expect(verifyCardToken(token, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
    });

    it('is forged when the keyId is unknown', () => {
      const unknown = makeKey('k1999z');
      const token = issue({ ...CLAIMS, keyId: unknown.keyId }, unknown.secretKey);
      expect(verifyCardToken(token, KEYS, BEFORE_EXPIRY_MS)).toEqual({ result: 'forged' });
      expect(verifyCardToken(TOKEN, [], BEFORE_EXPIRY_MS)).toEqual({ result: 'forged' });
    });

    it('is forged when the published key is malformed rather than throwing', () => {
      const broken: CardPublicKey[] = [{ keyId: current.keyId, publicKey: 'not-a-key' }];
      expect(verifyCardToken(TOKEN, broken, BEFORE_EXPIRY_MS)).toEqual({ result: 'forged' });
    });

    it('is forged for garbage strings', () => {
      for (const garbage of [
        '',
        ' ',
        'hello',
        '....',
        'UC1',
        'https://example.com/?q=1',
        '会员卡',
        '\u0000'.repeat(200),
      ]) {
        expect(verifyCardToken(garbage, KEYS, BEFORE_EXPIRY_MS), JSON.stringify(garbage)).toEqual({ result: 'forged' });
      }
    });

    it('is forged with a wrong prefix', () => {
      for (const prefix of ['UC2', 'uc1', 'UC', 'XUC1']) {
        const token = prefix + TOKEN.slice(CARD_TOKEN_PREFIX.length);
        expect(verifyCardToken(token, KEYS, BEFORE_EXPIRY_MS).result, prefix).toBe('forged');
      }
    });

    it('is forged with the wrong number of parts', () => {
      const parts = TOKEN.split('.');
      const variants = [
        parts.slice(0, 5).join('.'), // signature missing
        [...parts, 'extra'].join('.'),
        [...parts.slice(0, 5), '', parts[5]].join('.'),
        [parts[0], parts[1], parts[3], parts[4], parts[5]].join('.'), // the old five-part layout
        `${TOKEN}.`,
        parts.join('..'),
      ];
      for (const variant of variants) {
        expect(verifyCardToken(variant, KEYS, BEFORE_EXPIRY_MS).result, variant).toBe('forged');
      }
    });

    it('is forged with a truncated or lengthened signature', () => {
      expect(verifyCardToken(TOKEN.slice(0, -1), KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
      expect(verifyCardToken(`${TOKEN}A`, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
      expect(verifyCardToken(`${TOKEN}AA`, KEYS, BEFORE_EXPIRY_MS).result).toBe('forged');
    });
  });
});

/**
 * The slice of node:crypto the BFF signs with. shared deliberately has no @types/node (it also runs
 * in the mini-program), so the module is imported by a non-literal name and typed here.
 */
interface NodeCrypto {
  generateKeyPairSync(type: 'ed25519'): {
    privateKey: unknown;
    publicKey: { export(options: { format: 'jwk' }): { kty?: string; crv?: string; x?: string } };
  };
  sign(algorithm: null, data: Uint8Array, key: unknown): Uint8Array;
}
const NODE_CRYPTO = 'node:crypto';

describe('tokens signed by the BFF with Node crypto', () => {
  it('verifies a token signed by node:crypto, with the public key taken from the JWK x', async () => {
    const { generateKeyPairSync, sign: nodeSign } = (await import(NODE_CRYPTO)) as NodeCrypto;
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    expect(jwk.kty).toBe('OKP');
    expect(jwk.crv).toBe('Ed25519');
    const keys: CardPublicKey[] = [{ keyId: 'node1', publicKey: jwk.x! }];

    const claims: CardTokenClaims = {
      memberId: MEMBER_ID,
      validFrom: VALID_FROM,
      expiresAt: EXPIRES_AT,
      keyId: 'node1',
    };
    const signature = nodeSign(null, asciiBytes(cardTokenSigningInput(claims)), privateKey);
    const token = encodeCardToken(claims, new Uint8Array(signature));

    expect(verifyCardToken(token, keys, BEFORE_EXPIRY_MS)).toEqual({ result: 'valid', claims });
    // And the same token is rejected under somebody else's key.
    expect(
      verifyCardToken(token, [{ keyId: 'node1', publicKey: current.published.publicKey }], BEFORE_EXPIRY_MS).result,
    ).toBe('forged');
  });
});
