import { cardEndpoints, type VerifyCardRequest } from '@union/shared';
import { request } from './http';

export function fetchMyCard() {
  return request(cardEndpoints.myCard);
}

export function renewCardQr() {
  return request(cardEndpoints.refreshQr);
}

export async function fetchCardPublicKeys() {
  return (await request(cardEndpoints.publicKeys)).keys;
}

/** A scanned (or pasted) QR token, or the 8-digit 核验码 typed by staff. */
export function verifyCard(lookup: VerifyCardRequest) {
  return request(cardEndpoints.verify, { body: lookup });
}
