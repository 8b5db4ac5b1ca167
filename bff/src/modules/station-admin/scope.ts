/** Finding what an actor may manage: organisations for new stations, and the stations themselves. */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES, type Role } from '@union/shared';
import { HttpError, NotFoundError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { findOrganization } from '../organizations/service';
import type { OrganizationDoc } from '../organizations/organization.model';
import { stationPolicy } from '../stations/policy';
import { StationModel, type StationDoc } from '../stations/station.model';

/**
 * The organisation a station is to belong to. A missing organisation and one outside
 * the actor's subtree get the same answer, so ids cannot be probed.
 */
export async function organizationForStations(actor: Actor, orgId: string, field = 'orgId'): Promise<OrganizationDoc> {
  const org = Types.ObjectId.isValid(orgId) ? await findOrganization(orgId) : null;
  if (!org || !holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path)) {
    const message = '所属工会不存在或不在您的管辖范围内';
    throw new HttpError(403, 'org_out_of_scope', message, [{ path: field, message }]);
  }
  return org;
}

/** A published station the actor manages; anything else is "not found". */
export async function stationForManaging(actor: Actor, stationId: string): Promise<StationDoc> {
  const station = await StationModel.findOne({ _id: stationId, published: true }).lean<StationDoc>();
  if (!station || !stationPolicy.manage(actor, station)) throw NotFoundError('驿站不存在');
  return station;
}

/** Filter for the published stations inside the subtrees where the actor holds one of `roles`. */
export function stationsInScope(actor: Actor, roles: readonly Role[]) {
  return {
    orgPath: { $in: scopeOrgIds(actor, roles).map((id) => new Types.ObjectId(id)) },
    published: true,
  };
}
