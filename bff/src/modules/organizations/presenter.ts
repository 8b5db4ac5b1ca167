import type { Organization, OrganizationStaffView } from '@union/shared';
import type { OrganizationDoc } from './organization.model';
import type { ListedOrganization } from './service';

export function presentOrganization({ org, childCount, acceptingBelow }: ListedOrganization): Organization {
  return {
    id: String(org._id),
    name: org.name,
    level: org.level,
    kind: org.kind,
    parentId: org.parentId ? String(org.parentId) : null,
    acceptsMembers: org.acceptsMembers,
    childCount,
    acceptingBelow,
  };
}

/** What the union office sees of an organisation it manages. */
export function presentOrganizationToStaff(org: OrganizationDoc): OrganizationStaffView {
  return { id: String(org._id), name: org.name, level: org.level, employeeCount: org.employeeCount ?? null };
}
