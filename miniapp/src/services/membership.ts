import { membershipEndpoints, type BindMemberRequest, type CreateJoinApplicationRequest } from '@union/shared';
import { request } from './http';

export function bindMember(body: BindMemberRequest) {
  return request(membershipEndpoints.bind, { body });
}

export function applyToJoin(body: CreateJoinApplicationRequest) {
  return request(membershipEndpoints.apply, { body });
}

export async function fetchMyJoinApplications() {
  return (await request(membershipEndpoints.myApplications)).items;
}

export function withdrawJoinApplication(id: string) {
  return request(membershipEndpoints.withdraw, { params: { id } });
}
