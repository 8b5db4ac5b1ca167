/**
 * Short-lived links to an applicant's documents: `<documentId>.<expiresAtMs>.<sig>`,
 * sig = HMAC-SHA256 over the first two parts. Whoever holds a link may read the file
 * until it expires, so links are issued only after the policy check and live 5 minutes;
 * an image tag or a PDF viewer can then load it without the access token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DOCUMENT_LINK_TTL_MS = 5 * 60 * 1000;
const TOKEN_PATTERN = /^([0-9a-f]{24})\.(\d{13})\.([A-Za-z0-9_-]{43})$/;

/** Its own key, derived from the session secret, so a link signature is never a valid session signature. */
function linkKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('aid-document-link/v1').digest();
}

function signatureOf(secret: string, payload: string): Buffer {
  return createHmac('sha256', linkKey(secret)).update(payload).digest();
}

export function signDocumentToken(secret: string, documentId: string, expiresAt: Date): string {
  const payload = `${documentId}.${expiresAt.getTime()}`;
  return `${payload}.${signatureOf(secret, payload).toString('base64url')}`;
}

export type DocumentTokenCheck = { ok: true; documentId: string } | { ok: false; reason: 'invalid' | 'expired' };

export function readDocumentToken(secret: string, token: string, now: Date): DocumentTokenCheck {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, documentId, expiresMs, signature] = match as unknown as [string, string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(secret, `${documentId}.${expiresMs}`);
  // Only the canonical base64url spelling counts, so one signature has one token.
  if (given.toString('base64url') !== signature || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'invalid' };
  }
  if (Number(expiresMs) <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, documentId };
}
