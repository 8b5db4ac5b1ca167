/** 普惠: offers near the member, claiming and buying vouchers, 我的券 and the voucher QR. */
import {
  offerEndpoints,
  paymentEndpoints,
  voucherEndpoints,
  type EndpointResponse,
  type LatLng,
  type MerchantCategory,
  type VoucherView,
} from '@union/shared';
import { request } from './http';

export type OfferPage = EndpointResponse<typeof offerEndpoints.listOffers>;
export type VoucherPage = EndpointResponse<typeof voucherEndpoints.myVouchers>;

export const OFFER_PAGE_SIZE = 20;
export const VOUCHER_PAGE_SIZE = 20;

/** Nearest first, with distance; the BFF caps the answer at `limit` offers. */
export async function findNearbyOffers(from: LatLng, radiusMeters: number, category: MerchantCategory | null) {
  const query = { lat: from.lat, lng: from.lng, radius: radiusMeters, category: category ?? undefined, limit: 50 };
  return (await request(offerEndpoints.nearbyOffers, { query })).items;
}

/** Without a position: newest first, a page at a time, no distances. */
export function listOffers(category: MerchantCategory | null, cursor?: string) {
  return request(offerEndpoints.listOffers, {
    query: { category: category ?? undefined, cursor, limit: OFFER_PAGE_SIZE },
  });
}

/** With the member's position the answer carries the distance to the merchant. */
export function fetchOffer(id: string, from?: LatLng | null) {
  return request(offerEndpoints.offerDetail, { params: { id }, query: from ? { lat: from.lat, lng: from.lng } : {} });
}

export function claimOffer(offerId: string, requestId: string) {
  return request(voucherEndpoints.claim, { params: { id: offerId }, body: { requestId } });
}

export function createOrder(offerId: string, requestId: string) {
  return request(voucherEndpoints.createOrder, { params: { id: offerId }, body: { requestId } });
}

export function fetchOrder(id: string) {
  return request(paymentEndpoints.order, { params: { id } });
}

export function confirmOrder(id: string) {
  return request(paymentEndpoints.confirmOrder, { params: { id } });
}

export function cancelOrder(id: string) {
  return request(paymentEndpoints.cancelOrder, { params: { id } });
}

/** Demo environment only: the BFF's WeChat Pay emulator pays and sends the real notification. */
export function simulatePayment(orderId: string) {
  return request(paymentEndpoints.simulatePayment, { params: { id: orderId } });
}

export function fetchMyVouchers(view: VoucherView, cursor?: string) {
  return request(voucherEndpoints.myVouchers, { query: { view, cursor, limit: VOUCHER_PAGE_SIZE } });
}

export function fetchVoucher(id: string) {
  return request(voucherEndpoints.voucher, { params: { id } });
}

export function renewVoucherQr(id: string) {
  return request(voucherEndpoints.voucherQr, { params: { id } });
}

export function requestRefund(voucherId: string, reason: string, requestId: string) {
  return request(voucherEndpoints.requestRefund, { params: { id: voucherId }, body: { reason, requestId } });
}
