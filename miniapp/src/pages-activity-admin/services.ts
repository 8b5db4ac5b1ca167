/** 活动管理 (organiser side): the staff activity endpoints, typed by the shared contract. */
import {
  activityCheckInEndpoints as checkIns,
  activityEndpoints as activities,
  activityLotteryEndpoints as lottery,
  activityRosterEndpoints as roster,
  activityStatsEndpoints as stats,
  activityTeamEndpoints as teams,
  MAX_PHOTO_BYTES,
  type ActivityInputDraft,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from '@union/shared';
import { ApiError, downloadBinary, request, uploadBinary } from '../services/http';
import { photoContentType, type PickedFile } from '../services/stations';

export type StaffActivitySummary = EndpointResponse<typeof activities.staffActivities>['items'][number];
export type StaffEntry = EndpointResponse<typeof activities.activityEntries>['items'][number];
export type StaffActivityDetail = EndpointResponse<typeof activities.staffActivity>;
export type AttendanceList = EndpointResponse<typeof checkIns.attendance>;

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

/** 移除: the reason reaches the member, and the place passes to the waitlist. */
export function removeEntry(id: string, entryId: string, reason: string) {
  return request(roster.removeEntry, { params: { id, entryId }, body: { reason } });
}

/** The roster as .xlsx bytes: masked unless a reveal reason is given (recorded by the BFF). */
export function downloadRoster(id: string, revealReason?: string) {
  return downloadBinary(roster.exportRoster, { params: { id }, query: { status: 'all', revealReason } });
}

export function drawLottery(id: string) {
  return request(lottery.drawLottery, { params: { id } });
}

export function signUpOnBehalf(id: string, body: EndpointBody<typeof teams.signUpOnBehalf>) {
  return request(teams.signUpOnBehalf, { params: { id }, body });
}

export function fetchAttendance(id: string, sessionIndex: number) {
  return request(checkIns.attendance, { params: { id }, query: { sessionIndex } });
}

/** 手工补签: the entry chosen from the roster instead of a scanned card. */
export function checkInByHand(id: string, entryId: string, sessionIndex: number) {
  return request(checkIns.staffCheckIn, { params: { id }, body: { entryId, sessionIndex } });
}

export function fetchActivityStats(id: string) {
  return request(stats.activityStats, { params: { id } });
}

export function fetchOrgActivityStats(query: EndpointQuery<typeof stats.orgActivityStats>) {
  return request(stats.orgActivityStats, { query });
}

export async function uploadPoster(id: string, photo: PickedFile) {
  if (photo.size > MAX_PHOTO_BYTES) {
    throw new ApiError(413, 'payload_too_large', `图片不能超过 ${Math.round(MAX_PHOTO_BYTES / 1024 / 1024)} MB`);
  }
  return uploadBinary(roster.uploadPoster, {
    params: { id },
    body: photo.body,
    contentType: photoContentType(photo.name),
  });
}
