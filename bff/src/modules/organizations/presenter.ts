import type { Organization } from '@union/shared';
import type { OrganizationDoc } from './organization.model';

export function presentOrganization(org: OrganizationDoc, childCount: number): Organization {
  return {
    id: String(org._id),
    name: org.name,
    level: org.level,
    kind: org.kind,
    parentId: org.parentId ? String(org.parentId) : null,
    acceptsMembers: org.acceptsMembers,
    childCount,
  };
}
