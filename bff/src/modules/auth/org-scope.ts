import type { Types } from 'mongoose';
import type { Role } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import { scopeOrgIds, type Actor } from './actor';
import { OrganizationModel } from '../organizations/organization.model';

/**
 * The organisation a report asks for, if the actor holds one of `roles` over it (else 404, so
 * a stranger cannot tell an unknown org from another district's); by default their first one.
 */
export async function scopedOrgId(
  actor: Actor,
  roles: readonly Role[],
  orgId: string | undefined,
): Promise<Types.ObjectId> {
  const scope = scopeOrgIds(actor, roles);
  const wanted = orgId ?? scope[0];
  const org = wanted ? await OrganizationModel.findById(wanted, { path: 1 }).lean() : null;
  if (!org || !org.path.some((ancestor) => scope.includes(String(ancestor)))) {
    throw NotFoundError('组织不存在或不在您的管辖范围内');
  }
  return org._id;
}
