/** 活动管理 (organiser side): the staff activity endpoints, typed by the shared contract. */
import {
  activityEndpoints as activities,
  type ActivityInputDraft,
  type EndpointQuery,
  type EndpointResponse,
} from '@union/shared';
import { request } from '../services/http';

export type StaffActivitySummary = EndpointResponse<typeof activities.staffActivities>['items'][number];
export type StaffEntry = EndpointResponse<typeof activities.activityEntries>['items'][number];

export const ACTIVITY_ADMIN_PAGE_SIZE = 20;

export function fetchStaffActivities(query: EndpointQuery<typeof activities.staffActivities>) {
  return request(activities.staffActivities, { query: { limit: ACTIVITY_ADMIN_PAGE_SIZE, ...query } });
}

export function fetchStaffActivity(id: string) {
  return request(activities.staffActivity, { params: { id } });
}

export function saveActivity(id: string | undefined, input: ActivityInputDraft) {
  return id
    ? request(activities.updateActivity, { params: { id }, body: input })
    : request(activities.createActivity, { body: input });
}

export function publishActivity(id: string) {
  return request(activities.publishActivity, { params: { id } });
}

export function pauseActivity(id: string) {
  return request(activities.pauseActivity, { params: { id } });
}

export function cancelActivity(id: string, reason: string) {
  return request(activities.cancelActivity, { params: { id }, body: { reason } });
}

export function fetchEntries(id: string, query: EndpointQuery<typeof activities.activityEntries>) {
  return request(activities.activityEntries, {
    params: { id },
    query: { limit: ACTIVITY_ADMIN_PAGE_SIZE, ...query },
  });
}

export function reviewEntry(id: string, entryId: string, decision: 'approve' | 'reject', reason: string) {
  return request(activities.reviewEntry, { params: { id, entryId }, body: { decision, reason } });
}
