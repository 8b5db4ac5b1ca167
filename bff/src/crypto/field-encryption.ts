/**
 * Personal data at rest: AES-256-GCM with a random IV per value, plus a keyed
 * blind index (HMAC-SHA256) so that equality lookups and uniqueness work without
 * the database ever holding the plain value.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Stable keyed digest; `purpose` keeps ID numbers and phone numbers in separate spaces. */
  blindIndex(purpose: string, plain: string): string;
}

export function createFieldCipher(encryptionKeyBase64: string, blindIndexKeyBase64: string): FieldCipher {
  const key = Buffer.from(encryptionKeyBase64, 'base64');
  const indexKey = Buffer.from(blindIndexKeyBase64, 'base64');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
        ':',
      );
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('unreadable sealed field');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    blindIndex(purpose, plain) {
      return createHmac('sha256', indexKey).update(`${purpose}\u0000${plain}`).digest('base64url');
    },
  };
}
