/** Staff review of join applications (union_staff / union_admin within their subtree). */
import { membershipEndpoints, type JoinApplicationStatus } from '@union/shared';
import { request } from './http';

export const QUEUE_PAGE_SIZE = 20;

export function fetchReviewQueue(status: JoinApplicationStatus, cursor?: string) {
  return request(membershipEndpoints.queue, { query: { status, limit: QUEUE_PAGE_SIZE, cursor } });
}

export function fetchApplicationForReview(id: string) {
  return request(membershipEndpoints.review, { params: { id } });
}

export function approveApplication(id: string) {
  return request(membershipEndpoints.approve, { params: { id } });
}

export function rejectApplication(id: string, reason: string) {
  return request(membershipEndpoints.reject, { params: { id }, body: { reason } });
}
