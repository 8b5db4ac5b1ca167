/**
 * When to renew the card QR. Token expiry is in server time and phone clocks drift,
 * so every computation goes through the offset measured when the card was loaded.
 */
import { CARD_TOKEN_REFRESH_MARGIN_SECONDS } from '@union/shared';

/** How far the server's clock is ahead of this phone's (negative when behind). */
export function clockOffsetMs(serverTimeIso: string, receivedAtMs: number): number {
  return Date.parse(serverTimeIso) - receivedAtMs;
}

function serverNow(offsetMs: number, phoneNowMs: number): number {
  return phoneNowMs + offsetMs;
}

/** Delay until the QR should be renewed: CARD_TOKEN_REFRESH_MARGIN_SECONDS before it expires. */
export function msUntilRenewal(expiresAtIso: string, offsetMs: number, phoneNowMs: number): number {
  const renewAt = Date.parse(expiresAtIso) - CARD_TOKEN_REFRESH_MARGIN_SECONDS * 1000;
  return Math.max(0, renewAt - serverNow(offsetMs, phoneNowMs));
}

export function secondsUntilExpiry(expiresAtIso: string, offsetMs: number, phoneNowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAtIso) - serverNow(offsetMs, phoneNowMs)) / 1000));
}
