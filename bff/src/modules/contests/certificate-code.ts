/**
 * The code behind a certificate's verification QR: base64url of
 * `version · activityId (12 bytes) · entryId (12 bytes) · publication (uint32) · signature (16 bytes)`,
 * 60 characters. The signature is the field cipher's keyed blind index over the same facts, so only
 * the BFF can make a code, and a re-published result (a new publication number) voids the old ones.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FieldCipher } from '../../crypto/field-encryption';

export interface CertificateCodePayload {
  activityId: string;
  entryId: string;
  /** Which publication of the results the certificate belongs to; a correction bumps it. */
  publication: number;
}

const VERSION = 1;
const ID_BYTES = 12;
const PUBLICATION_BYTES = 4;
const SIGNATURE_BYTES = 16;
const BODY_BYTES = 1 + ID_BYTES * 2 + PUBLICATION_BYTES;
const CODE_BYTES = BODY_BYTES + SIGNATURE_BYTES;
const OBJECT_ID = /^[0-9a-f]{24}$/;

function signatureOf(cipher: FieldCipher, payload: CertificateCodePayload): Buffer {
  const facts = `${VERSION}.${payload.activityId}.${payload.entryId}.${payload.publication}`;
  return Buffer.from(cipher.blindIndex('certificate', facts), 'base64url').subarray(0, SIGNATURE_BYTES);
}

export function signCertificateCode(cipher: FieldCipher, payload: CertificateCodePayload): string {
  const activityId = payload.activityId.toLowerCase();
  const entryId = payload.entryId.toLowerCase();
  // Callers pass database ids; anything else is a wiring mistake, not user input.
  if (!OBJECT_ID.test(activityId) || !OBJECT_ID.test(entryId)) throw new Error('certificate ids must be ObjectIds');
  if (!Number.isInteger(payload.publication) || payload.publication < 0 || payload.publication > 0xffffffff) {
    throw new Error('certificate publication must be a uint32');
  }
  const bytes = Buffer.alloc(CODE_BYTES);
  bytes.writeUInt8(VERSION, 0);
  bytes.write(activityId, 1, 'hex');
  bytes.write(entryId, 1 + ID_BYTES, 'hex');
  bytes.writeUInt32BE(payload.publication, 1 + ID_BYTES * 2);
  signatureOf(cipher, { activityId, entryId, publication: payload.publication }).copy(bytes, BODY_BYTES);
  return bytes.toString('base64url');
}

/** The facts a scanned code vouches for, or null when it is not a genuine, whole code. Never throws. */
export function readCertificateCode(cipher: FieldCipher, code: string): CertificateCodePayload | null {
  if (typeof code !== 'string' || code.length !== Math.ceil((CODE_BYTES * 4) / 3)) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return null;
  const bytes = Buffer.from(code, 'base64url');
  // base64url's last character carries spare bits: only the canonical spelling is the code.
  if (bytes.length !== CODE_BYTES || bytes.toString('base64url') !== code) return null;
  if (bytes.readUInt8(0) !== VERSION) return null;
  const payload = {
    activityId: bytes.toString('hex', 1, 1 + ID_BYTES),
    entryId: bytes.toString('hex', 1 + ID_BYTES, 1 + ID_BYTES * 2),
    publication: bytes.readUInt32BE(1 + ID_BYTES * 2),
  };
  const given = bytes.subarray(BODY_BYTES);
  const expected = signatureOf(cipher, payload);
  return timingSafeEqual(given, expected) ? payload : null;
}
