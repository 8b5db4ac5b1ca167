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

  it('refuses a non-canonical spelling of the same bytes', () => {
    const code = signCertificateCode(cipher, payload);
    const padded = Buffer.from(code, 'base64url').toString('base64');
    expect(readCertificateCode(cipher, padded)).toBeNull();
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
