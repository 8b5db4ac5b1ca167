/** 金秋助学: programmes, the member's applications and documents, and staff review. */
import {
  aidEndpoints,
  aidReviewEndpoints,
  type AidDraft,
  type DocumentKind,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from '@union/shared';
import { downloadBinary, request, uploadBinary, type BinaryBody } from './http';

const endpoints = aidEndpoints;
const reviewEndpoints = aidReviewEndpoints;

export type AidQueuePage = EndpointResponse<typeof reviewEndpoints.queue>;
export type AidQueueQuery = EndpointQuery<typeof reviewEndpoints.queue>;
export type AidDecision = EndpointBody<typeof reviewEndpoints.decide>;
export type RevealField = EndpointBody<typeof reviewEndpoints.reveal>['field'];

export async function fetchOpenProgrammes() {
  return (await request(endpoints.openProgrammes)).items;
}

export function checkEligibility(programmeId: string) {
  return request(endpoints.eligibility, { params: { id: programmeId } });
}

export function startApplication(programmeId: string) {
  return request(endpoints.start, { body: { programmeId } });
}

export async function fetchMyApplications() {
  return (await request(endpoints.mine)).items;
}

export function fetchApplication(id: string) {
  return request(endpoints.get, { params: { id } });
}

export function saveDraft(id: string, draft: AidDraft) {
  return request(endpoints.saveDraft, { params: { id }, body: draft });
}

export function uploadDocument(id: string, kind: DocumentKind, body: BinaryBody, contentType: string) {
  return uploadBinary(endpoints.uploadDocument, { params: { id }, query: { kind }, body, contentType });
}

export function deleteDocument(id: string, documentId: string) {
  return request(endpoints.deleteDocument, { params: { id, documentId } });
}

export function fetchDocumentLink(documentId: string) {
  return request(endpoints.documentLink, { params: { documentId } });
}

export function submitApplication(id: string) {
  return request(endpoints.submit, { params: { id } });
}

export function withdrawApplication(id: string) {
  return request(endpoints.withdraw, { params: { id } });
}

// ---- staff -----------------------------------------------------------------

export const AID_QUEUE_PAGE_SIZE = 20;

export async function fetchStaffProgrammes() {
  return (await request(endpoints.staffProgrammes)).items;
}

export function fetchAidQueue(query: Omit<AidQueueQuery, 'limit'>) {
  return request(reviewEndpoints.queue, { query: { limit: AID_QUEUE_PAGE_SIZE, ...query } });
}

export function fetchAidForReview(id: string) {
  return request(reviewEndpoints.review, { params: { id } });
}

export function decideAid(id: string, decision: AidDecision) {
  return request(reviewEndpoints.decide, { params: { id }, body: decision });
}

export async function revealAidField(id: string, field: RevealField, reason: string) {
  return (await request(reviewEndpoints.reveal, { params: { id }, body: { field, reason } })).value;
}

// ---- staff: programmes, disbursement, statistics ----------------------------

export type AidProgrammeInput = EndpointBody<typeof endpoints.createProgramme>;
export type DisbursementRequest = EndpointBody<typeof reviewEndpoints.disburse>;
export type DisbursementBatch = EndpointResponse<typeof reviewEndpoints.disburse>;
export type AidStats = EndpointResponse<typeof reviewEndpoints.stats>;

export function createAidProgramme(input: AidProgrammeInput) {
  return request(endpoints.createProgramme, { body: input });
}

/** Approved applications waiting for their money, oldest first, a page at a time. */
export function fetchAwaitingDisbursement(programmeId: string, cursor?: string) {
  return fetchAidQueue({ programmeId, status: 'approved', cursor });
}

export function recordDisbursement(body: DisbursementRequest) {
  return request(reviewEndpoints.disburse, { body });
}

/** The bank transfer list (.xlsx) of what is approved and not yet paid. */
export function downloadTransferList(programmeId: string) {
  return downloadBinary(reviewEndpoints.transferList, { params: { id: programmeId } });
}

export function fetchAidStats(programmeId: string) {
  return request(reviewEndpoints.stats, { params: { id: programmeId } });
}

/** Batches recorded for a programme, newest first. */
export async function fetchDisbursementBatches(programmeId: string) {
  return (await request(reviewEndpoints.listDisbursements, { params: { id: programmeId } })).items;
}
