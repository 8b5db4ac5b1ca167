import type { Organization } from '@union/shared';
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
