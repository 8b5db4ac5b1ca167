/**
 * Which token of the batch to show, and for how long. Token windows are in server
 * time and phone clocks drift, so every computation goes through the offset measured
 * when the batch was fetched.
 */
import type { CardQr } from '@union/shared';

/** How far the server's clock is ahead of this phone's (negative when behind). */
export function clockOffsetMs(serverTimeIso: string, receivedAtMs: number): number {
  return Date.parse(serverTimeIso) - receivedAtMs;
}

export function serverNow(offsetMs: number, phoneNowMs: number): number {
  return phoneNowMs + offsetMs;
}

/** The token whose one-minute window contains `nowMs` (server time), or null when the batch is used up. */
export function currentToken(tokens: readonly CardQr[], nowMs: number): CardQr | null {
  return tokens.find((qr) => Date.parse(qr.validFrom) <= nowMs && nowMs < Date.parse(qr.expiresAt)) ?? null;
}

/** Windows not yet over, the current one included. */
export function windowsLeft(tokens: readonly CardQr[], nowMs: number): number {
  return tokens.filter((qr) => Date.parse(qr.expiresAt) > nowMs).length;
}

export function secondsUntilExpiry(qr: CardQr, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(qr.expiresAt) - nowMs) / 1000));
}

/** Until when the batch lasts without network, in whole minutes. */
export function offlineMinutesLeft(tokens: readonly CardQr[], nowMs: number): number {
  const last = tokens[tokens.length - 1];
  return last ? Math.max(0, Math.floor((Date.parse(last.expiresAt) - nowMs) / 60_000)) : 0;
}
