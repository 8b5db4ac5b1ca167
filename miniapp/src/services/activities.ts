/** 活动报名 (member side): activities open to me, detail, sign-up and 我的活动. */
import {
  activityCheckInEndpoints,
  activityEndpoints,
  activityPaymentEndpoints,
  activityTeamEndpoints,
  type ActivityKind,
  type EndpointResponse,
  type EntryTab,
  type LatLng,
} from '@union/shared';
import { request } from './http';

export type ActivityPage = EndpointResponse<typeof activityEndpoints.activities>;
export type ActivitySummary = ActivityPage['items'][number];
export type MyEntryPage = EndpointResponse<typeof activityEndpoints.myEntries>;

export const ACTIVITY_PAGE_SIZE = 20;

export interface ActivityFilter {
  kind: ActivityKind | null;
  /** 本周: the server takes the China week. */
  thisWeek: boolean;
  /** 离我最近: the member's point (GCJ-02); the server sorts every activity, not one page. */
  near: LatLng | null;
}

export function listActivities(filter: ActivityFilter, cursor?: string) {
  return request(activityEndpoints.activities, {
    query: {
      kind: filter.kind ?? undefined,
      thisWeek: filter.thisWeek ? 'true' : undefined,
      near: filter.near ? `${filter.near.lat.toFixed(6)},${filter.near.lng.toFixed(6)}` : undefined,
      cursor,
      limit: ACTIVITY_PAGE_SIZE,
    },
  });
}

export function fetchActivity(id: string) {
  return request(activityEndpoints.activity, { params: { id } });
}

export function signUp(
  id: string,
  body: { groupId: string; requestId: string; answers: Record<string, string | string[]> },
) {
  return request(activityEndpoints.signUp, { params: { id }, body });
}

export function fetchMyEntries(tab: EntryTab, cursor?: string) {
  return request(activityEndpoints.myEntries, { query: { tab, cursor, limit: ACTIVITY_PAGE_SIZE } });
}

export function cancelEntry(id: string) {
  return request(activityEndpoints.cancelEntry, { params: { id } });
}

export function confirmEntry(id: string) {
  return request(activityEndpoints.confirmEntry, { params: { id } });
}

/** Order for a paid entry (pending payment, or an offered place); the same order while one is open. */
export function payEntry(id: string) {
  return request(activityPaymentEndpoints.payEntry, { params: { id } });
}

/** The member scanned the organiser's rotating session QR. */
export function checkIn(activityId: string, code: string) {
  return request(activityCheckInEndpoints.memberCheckIn, { params: { id: activityId }, body: { code } });
}

export type Team = EndpointResponse<typeof activityTeamEndpoints.myTeam>;

export function fetchMyTeam(activityId: string) {
  return request(activityTeamEndpoints.myTeam, { query: { activityId } });
}

/** The captain's sign-up: their entry holds the team's one place; the answer carries the invitation code. */
export function createTeam(
  activityId: string,
  body: { groupId: string; name: string; requestId: string; answers: Record<string, string | string[]> },
) {
  return request(activityTeamEndpoints.createTeam, { params: { id: activityId }, body });
}

export function joinTeam(body: { code: string; requestId: string; answers: Record<string, string | string[]> }) {
  return request(activityTeamEndpoints.joinTeam, { body });
}

/** A joiner leaves before the team locks; a captain cancels the entry instead (which dissolves the team). */
export function leaveTeam(teamId: string) {
  return request(activityTeamEndpoints.leaveTeam, { params: { id: teamId } });
}

/** The captain takes a member off the team before it locks; answers the team as it now stands. */
export function removeTeamMember(teamId: string, memberId: string) {
  return request(activityTeamEndpoints.removeTeamMember, { params: { id: teamId, memberId } });
}
