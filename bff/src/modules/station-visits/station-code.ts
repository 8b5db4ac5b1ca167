/**
 * The code in the QR link on each station's poster: `ST1.<stationId>.<sig>`,
 * where sig is the first 16 bytes of HMAC-SHA256(secret, 'ST1.' + stationId) in
 * base64url. Only the BFF holds the secret, so a code cannot be made up for a
 * station, and a rider cannot check in without having scanned the poster.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { STATION_CODE_PATTERN, stationCodeFromScan } from '@union/shared';

const VERSION = 'ST1';
const SIGNATURE_BYTES = 16;

function signatureOf(secret: string, stationId: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${stationId}`).digest().subarray(0, SIGNATURE_BYTES);
}

export function signStationCode(secret: string, stationId: string): string {
  return `${VERSION}.${stationId}.${signatureOf(secret, stationId).toString('base64url')}`;
}

/**
 * The station id a scanned text stands for, or null when it is not a genuine code.
 * Posters carry a link (`<PUBLIC_BASE_URL>/s/<code>`), older ones the bare code.
 */
export function readStationCode(secret: string, scanned: string): string | null {
  const code = stationCodeFromScan(scanned);
  const match = code === null ? null : STATION_CODE_PATTERN.exec(code);
  if (!match) return null;
  const [, stationId, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  // base64url's last character carries spare bits: only the canonical spelling is the code.
  if (given.toString('base64url') !== signature) return null;
  const expected = signatureOf(secret, stationId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return stationId;
}
