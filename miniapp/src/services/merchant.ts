/** 商户核销: a clerk binds to a merchant with an invitation code, then previews and redeems vouchers. */
import { normalizeVoucherCode, voucherEndpoints, type EndpointResponse } from '@union/shared';
import { request } from './http';

const endpoints = voucherEndpoints;

export type MerchantWorkbench = EndpointResponse<typeof endpoints.workbench>;
export type TodayRedemptions = EndpointResponse<typeof endpoints.todayRedemptions>;

/** What the clerk has: the text of a scanned voucher QR, or the 12-digit code the member reads out. */
export type VoucherLookup = { token: string } | { code: string };

/** Sent once per tap (or per preview): a retry after a dropped connection does its work once. */
export function newRequestId(prefix: string): string {
  // No crypto.randomUUID in every weapp base library; uniqueness per clerk is enough.
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** Spaces and dashes a clerk types between the groups of four are not part of the code. */
function lookupBody(lookup: VoucherLookup) {
  return 'code' in lookup ? { code: normalizeVoucherCode(lookup.code) } : { token: lookup.token.trim() };
}

export function bindMerchant(invitationCode: string) {
  return request(endpoints.bindMerchant, { body: { invitationCode } });
}

export function fetchWorkbench() {
  return request(endpoints.workbench);
}

export function previewRedemption(lookup: VoucherLookup) {
  return request(endpoints.previewRedemption, { body: lookupBody(lookup) });
}

export function redeemVoucher(lookup: VoucherLookup, requestId: string) {
  return request(endpoints.redeem, { body: { ...lookupBody(lookup), requestId } });
}

export function fetchTodayRedemptions() {
  return request(endpoints.todayRedemptions);
}
