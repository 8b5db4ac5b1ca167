/**
 * Who may do what with an organisation's own facts. An organisation outside the caller's
 * subtree reads exactly like a missing one, so ids cannot be probed.
 */
import { UNION_OFFICE_ROLES } from '@union/shared';
import { NotFoundError } from '../../http/errors';
import { holdsRoleOver, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { OrganizationDoc } from './organization.model';

const rules = {
  /** Set its employee count: union office staff whose subtree holds the organisation. */
  manage: (actor: Actor, org: Pick<OrganizationDoc, 'path'>) => holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
};

export const organizationNotFound = () => NotFoundError('组织不存在');

export const organizationPolicy = definePolicy(rules, () => organizationNotFound());
