/**
 * Who may place stations where: union office staff put stations (one by one or by sheet)
 * only into organisations inside their own subtrees, and see only their own office's imports.
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { findOrganization } from '../organizations/service';
import type { OrganizationDoc } from '../organizations/organization.model';

const ORG_OUT_OF_SCOPE = '所属工会不存在或不在您的管辖范围内';
const orgOutOfScope = () =>
  new HttpError(403, 'org_out_of_scope', ORG_OUT_OF_SCOPE, [{ path: 'orgId', message: ORG_OUT_OF_SCOPE }]);

export const stationAdminPolicy = definePolicy(
  {
    /** A new or moved station, or a sheet's rows, may belong to this organisation. */
    placeStations: (actor, org: Pick<OrganizationDoc, 'path'>) => holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  },
  orgOutOfScope,
);

/**
 * The organisation a station is to belong to. A missing organisation and one outside
 * the actor's subtree get the same answer, so ids cannot be probed.
 */
export async function organizationForStations(actor: Actor, orgId: string): Promise<OrganizationDoc> {
  const org = Types.ObjectId.isValid(orgId) ? await findOrganization(orgId) : null;
  if (!org) throw orgOutOfScope();
  stationAdminPolicy.authorize(actor, 'placeStations', org);
  return org;
}

/** The importer's union-office subtrees: where a sheet's 所属工会 is looked up, and whose imports it sees. */
export function importScope(actor: Actor): Types.ObjectId[] {
  return [...new Set(scopeOrgIds(actor, UNION_OFFICE_ROLES))].sort().map((id) => new Types.ObjectId(id));
}
