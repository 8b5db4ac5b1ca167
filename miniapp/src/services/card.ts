import { cardEndpoints } from '@union/shared';
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

export function verifyCard(token: string) {
  return request(cardEndpoints.verify, { body: { token } });
}
