/** 普惠管理: union staff manage merchants (details, pictures, clerks), offers, and the monthly settlement. */
import {
  MAX_PHOTO_BYTES,
  merchantEndpoints as merchants,
  offerEndpoints as offers,
  voucherEndpoints as vouchers,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  type MerchantInput,
  type OfferInput,
} from '@union/shared';
import { ApiError, downloadBinary, request, uploadBinary } from './http';
import { photoContentType, type PickedFile } from './stations';

export type MerchantPatch = EndpointBody<typeof merchants.updateMerchant>;
export type OfferPatch = EndpointBody<typeof offers.updateOffer>;
export type MerchantInvitation = EndpointResponse<typeof merchants.createInvitation>;
export type MerchantStaffMember = EndpointResponse<typeof merchants.merchantStaff>['items'][number];
export type SettlementRow = EndpointResponse<typeof vouchers.settlement>['rows'][number];

export const ADMIN_PAGE_SIZE = 20;

// ---- merchants -----------------------------------------------------------------

export function fetchAdminMerchants(query: EndpointQuery<typeof merchants.adminMerchants>) {
  return request(merchants.adminMerchants, { query: { limit: ADMIN_PAGE_SIZE, ...query } });
}

export function fetchAdminMerchant(id: string) {
  return request(merchants.adminMerchant, { params: { id } });
}

export function createMerchant(input: MerchantInput) {
  return request(merchants.createMerchant, { body: input });
}

export function updateMerchant(id: string, patch: MerchantPatch) {
  return request(merchants.updateMerchant, { params: { id }, body: patch });
}

function checkPhotoSize(photo: PickedFile): void {
  if (photo.size > MAX_PHOTO_BYTES) {
    throw new ApiError(413, 'payload_too_large', `图片不能超过 ${Math.round(MAX_PHOTO_BYTES / 1024 / 1024)} MB`);
  }
}

export function uploadMerchantLogo(id: string, logo: PickedFile) {
  checkPhotoSize(logo);
  return uploadBinary(merchants.uploadMerchantLogo, {
    params: { id },
    body: logo.body,
    contentType: photoContentType(logo.name),
  });
}

export function addMerchantPhoto(id: string, photo: PickedFile) {
  checkPhotoSize(photo);
  return uploadBinary(merchants.addMerchantPhoto, {
    params: { id },
    body: photo.body,
    contentType: photoContentType(photo.name),
  });
}

export function removeMerchantPhoto(id: string, photoId: string) {
  return request(merchants.removeMerchantPhoto, { params: { id, photoId } });
}

export function createInvitation(merchantId: string) {
  return request(merchants.createInvitation, { params: { id: merchantId } });
}

export async function fetchMerchantStaff(merchantId: string) {
  return (await request(merchants.merchantStaff, { params: { id: merchantId } })).items;
}

export function revokeMerchantStaff(merchantId: string, accountId: string) {
  return request(merchants.revokeMerchantStaff, { params: { id: merchantId, accountId } });
}

// ---- offers -----------------------------------------------------------------------

export function fetchAdminOffers(query: EndpointQuery<typeof offers.adminOffers>) {
  return request(offers.adminOffers, { query: { limit: ADMIN_PAGE_SIZE, ...query } });
}

export function fetchAdminOffer(id: string) {
  return request(offers.adminOffer, { params: { id } });
}

export function createOffer(input: OfferInput) {
  return request(offers.createOffer, { body: input });
}

export function updateOffer(id: string, patch: OfferPatch) {
  return request(offers.updateOffer, { params: { id }, body: patch });
}

// ---- settlement ------------------------------------------------------------------------

export function fetchSettlement(month: string, orgId?: string) {
  return request(vouchers.settlement, { query: { month, orgId } });
}

export function downloadSettlementSheet(month: string, orgId?: string) {
  return downloadBinary(vouchers.settlementSheet, { query: { month, orgId } });
}

/** 结算待导出: closed months with redemptions whose sheet was not exported after the month ended. */
export function fetchPendingSettlementExports() {
  return request(vouchers.pendingSettlementExports);
}
