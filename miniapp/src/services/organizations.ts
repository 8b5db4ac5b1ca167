import { organizationEndpoints } from '@union/shared';
import { request } from './http';

/** Children of an organisation, or the top level (the city federation) without a parent. */
export async function fetchChildOrganizations(parentId?: string) {
  return (await request(organizationEndpoints.list, { query: { parentId } })).items;
}

/** Organisations whose name matches and that accept members directly. */
export async function searchOrganizations(q: string) {
  return (await request(organizationEndpoints.list, { query: { q } })).items;
}

/** The industry and new-employment-form unions that accept members directly (riders, couriers …). */
export async function fetchIndustryUnions() {
  return (await request(organizationEndpoints.list, { query: { kind: 'industry' } })).items;
}
