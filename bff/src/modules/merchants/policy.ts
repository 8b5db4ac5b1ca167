/**
 * Who may manage which merchants: union office staff, over the merchants signed by an
 * organisation in their subtree. Anything outside it is "not found", so ids cannot be probed;
 * signing a merchant for an organisation outside it is refused with the field named.
 * Offers carry their merchant's `orgPath`, so `inActorScope` filters both.
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { HttpError, NotFoundError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { OrganizationDoc } from '../organizations/organization.model';
import { findOrganization } from '../organizations/service';
import { MerchantModel, type MerchantDoc } from './merchant.model';

const ORG_OUT_OF_SCOPE = '签约工会不存在或不在您的管辖范围内';
const orgOutOfScope = () =>
  new HttpError(403, 'org_out_of_scope', ORG_OUT_OF_SCOPE, [{ path: 'orgId', message: ORG_OUT_OF_SCOPE }]);

export const merchantPolicy = definePolicy(
  {
    manage: (actor, merchant: Pick<MerchantDoc, 'orgPath'>) =>
      holdsRoleOver(actor, UNION_OFFICE_ROLES, merchant.orgPath),
    signFor: (actor, org: Pick<OrganizationDoc, 'path'>) => holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  },
  (action) => (action === 'signFor' ? orgOutOfScope() : NotFoundError('商家不存在')),
);

export async function merchantForManaging(actor: Actor, merchantId: string): Promise<MerchantDoc> {
  const merchant = Types.ObjectId.isValid(merchantId)
    ? await MerchantModel.findById(merchantId).lean<MerchantDoc>()
    : null;
  if (!merchant) throw NotFoundError('商家不存在');
  merchantPolicy.authorize(actor, 'manage', merchant);
  return merchant;
}

/** The organisation signing a new merchant: it must be in the actor's subtree. */
export async function organizationForMerchants(actor: Actor, orgId: string): Promise<OrganizationDoc> {
  const org = await findOrganization(orgId);
  if (!org) throw orgOutOfScope();
  merchantPolicy.authorize(actor, 'signFor', org);
  return org;
}

/** Filter for what the actor manages (merchants and offers both carry `orgPath`). */
export function inActorScope(actor: Actor) {
  return { orgPath: { $in: scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id)) } };
}
