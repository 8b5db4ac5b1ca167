import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../crypto/field-encryption';
import { readCertificateCode, signCertificateCode } from './certificate-code';

const newCipher = () => createFieldCipher(randomBytes(32).toString('base64'), randomBytes(32).toString('base64'));
const cipher = newCipher();
const payload = {
  activityId: new Types.ObjectId().toHexString(),
  entryId: new Types.ObjectId().toHexString(),
  publication: 3,
};

/** The code with one byte of its decoded form changed. */
function withByteFlipped(code: string, index: number): string {
  const bytes = Buffer.from(code, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64url');
}

describe('certificate codes', () => {
  it('reads back what was signed, in a compact URL-safe form', () => {
    const code = signCertificateCode(cipher, payload);
    expect(code).toMatch(/^[A-Za-z0-9_-]{40,80}$/);
    expect(readCertificateCode(cipher, code)).toEqual(payload);
    expect(encodeURIComponent(code)).toBe(code);
  });

  it('gives different codes to different entries and publications', () => {
    const code = signCertificateCode(cipher, payload);
    expect(signCertificateCode(cipher, { ...payload, publication: 4 })).not.toBe(code);
    expect(signCertificateCode(cipher, { ...payload, entryId: new Types.ObjectId().toHexString() })).not.toBe(code);
  });

  it('refuses a code signed with another key', () => {
    expect(readCertificateCode(cipher, signCertificateCode(newCipher(), payload))).toBeNull();
  });

  it('refuses a forged signature', () => {
    const code = signCertificateCode(cipher, payload);
    expect(readCertificateCode(cipher, withByteFlipped(code, 44))).toBeNull();
    expect(readCertificateCode(cipher, withByteFlipped(code, 30))).toBeNull();
  });

  it('refuses a code whose entry or publication was changed', () => {
    const code = signCertificateCode(cipher, payload);
    const entryChanged = withByteFlipped(code, 20);
    const publicationChanged = withByteFlipped(code, 28);
    expect(readCertificateCode(cipher, entryChanged)).toBeNull();
    expect(readCertificateCode(cipher, publicationChanged)).toBeNull();
    // The changed bytes really were the entry and the publication: the originals still read.
    expect(Buffer.from(entryChanged, 'base64url').toString('hex', 13, 25)).not.toBe(payload.entryId);
    expect(Buffer.from(publicationChanged, 'base64url').readUInt32BE(25)).not.toBe(payload.publication);
  });

  it('refuses a truncated or extended code', () => {
    const code = signCertificateCode(cipher, payload);
    expect(readCertificateCode(cipher, code.slice(0, -1))).toBeNull();
    expect(readCertificateCode(cipher, code.slice(0, -4))).toBeNull();
    expect(readCertificateCode(cipher, code.slice(0, 32))).toBeNull();
    expect(readCertificateCode(cipher, `${code}A`)).toBeNull();
  });

  it('refuses the same bytes spelled in standard base64 (+ and / for - and _)', () => {
    // A code spells the same in both alphabets when it holds neither - nor _ (about one in
    // seven): take the first publication whose code holds one, so the spellings differ.
    const code = Array.from({ length: 200 }, (_, n) =>
      signCertificateCode(cipher, { ...payload, publication: n + 1 }),
    ).find((each) => /[-_]/.test(each))!;
    const standard = Buffer.from(code, 'base64url').toString('base64');
    expect(standard).not.toBe(code);
    expect(readCertificateCode(cipher, standard)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['spaces', ' '.repeat(60)],
    ['garbage of the right length', '!'.repeat(60)],
    ['random bytes', randomBytes(45).toString('base64url')],
    ['a URL', 'https://example.com/certificates/verify?code=abc'],
    ['very long', 'A'.repeat(10_000)],
  ])('refuses %s without throwing', (_name, garbage) => {
    expect(readCertificateCode(cipher, garbage)).toBeNull();
  });

  it('refuses values that are not strings without throwing', () => {
    expect(readCertificateCode(cipher, undefined as unknown as string)).toBeNull();
    expect(readCertificateCode(cipher, 42 as unknown as string)).toBeNull();
  });

  it('refuses to sign ids that are not database ids', () => {
    expect(() => signCertificateCode(cipher, { ...payload, entryId: 'abc' })).toThrow();
    expect(() => signCertificateCode(cipher, { ...payload, publication: -1 })).toThrow();
  });
});
