/** 普惠管理: union staff manage merchants (details, pictures, clerks), offers, and the monthly settlement. */
import {
  benefitEndpoints,
  MAX_PHOTO_BYTES,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
  type MerchantInput,
  type OfferInput,
} from '@union/shared';
import { ApiError, downloadBinary, request, uploadBinary } from './http';
import { photoContentType, type PickedFile } from './stations';

const endpoints = benefitEndpoints;

export type MerchantPatch = EndpointBody<typeof endpoints.updateMerchant>;
export type OfferPatch = EndpointBody<typeof endpoints.updateOffer>;
export type MerchantInvitation = EndpointResponse<typeof endpoints.createInvitation>;
export type MerchantStaffMember = EndpointResponse<typeof endpoints.merchantStaff>['items'][number];
export type SettlementRow = EndpointResponse<typeof endpoints.settlement>['rows'][number];

export const ADMIN_PAGE_SIZE = 20;

// ---- merchants -----------------------------------------------------------------

export function fetchAdminMerchants(query: EndpointQuery<typeof endpoints.adminMerchants>) {
  return request(endpoints.adminMerchants, { query: { limit: ADMIN_PAGE_SIZE, ...query } });
}

export function fetchAdminMerchant(id: string) {
  return request(endpoints.adminMerchant, { params: { id } });
}

export function createMerchant(input: MerchantInput) {
  return request(endpoints.createMerchant, { body: input });
}

export function updateMerchant(id: string, patch: MerchantPatch) {
  return request(endpoints.updateMerchant, { params: { id }, body: patch });
}

function checkPhotoSize(photo: PickedFile): void {
  if (photo.size > MAX_PHOTO_BYTES) {
    throw new ApiError(413, 'payload_too_large', `图片不能超过 ${Math.round(MAX_PHOTO_BYTES / 1024 / 1024)} MB`);
  }
}

export function uploadMerchantLogo(id: string, logo: PickedFile) {
  checkPhotoSize(logo);
  return uploadBinary(endpoints.uploadMerchantLogo, {
    params: { id },
    body: logo.body,
    contentType: photoContentType(logo.name),
  });
}

export function addMerchantPhoto(id: string, photo: PickedFile) {
  checkPhotoSize(photo);
  return uploadBinary(endpoints.addMerchantPhoto, {
    params: { id },
    body: photo.body,
    contentType: photoContentType(photo.name),
  });
}

export function removeMerchantPhoto(id: string, photoId: string) {
  return request(endpoints.removeMerchantPhoto, { params: { id, photoId } });
}

export function createInvitation(merchantId: string) {
  return request(endpoints.createInvitation, { params: { id: merchantId } });
}

export async function fetchMerchantStaff(merchantId: string) {
  return (await request(endpoints.merchantStaff, { params: { id: merchantId } })).items;
}

export function revokeMerchantStaff(merchantId: string, accountId: string) {
  return request(endpoints.revokeMerchantStaff, { params: { id: merchantId, accountId } });
}

// ---- offers -----------------------------------------------------------------------

export function fetchAdminOffers(query: EndpointQuery<typeof endpoints.adminOffers>) {
  return request(endpoints.adminOffers, { query: { limit: ADMIN_PAGE_SIZE, ...query } });
}

export function fetchAdminOffer(id: string) {
  return request(endpoints.adminOffer, { params: { id } });
}

export function createOffer(input: OfferInput) {
  return request(endpoints.createOffer, { body: input });
}

export function updateOffer(id: string, patch: OfferPatch) {
  return request(endpoints.updateOffer, { params: { id }, body: patch });
}

// ---- settlement ------------------------------------------------------------------------

export function fetchSettlement(month: string, orgId?: string) {
  return request(endpoints.settlement, { query: { month, orgId } });
}

export function downloadSettlementSheet(month: string, orgId?: string) {
  return downloadBinary(endpoints.settlementSheet, { query: { month, orgId } });
}
