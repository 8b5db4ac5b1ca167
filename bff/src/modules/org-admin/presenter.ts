import type { OrganizationStaffView } from '@union/shared';
import type { OrganizationDoc } from '../organizations/organization.model';

/** What the union office sees of an organisation it manages. */
export function presentOrganizationToStaff(org: OrganizationDoc): OrganizationStaffView {
  return { id: String(org._id), name: org.name, level: org.level, employeeCount: org.employeeCount ?? null };
}
