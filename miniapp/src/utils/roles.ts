import { UNION_OFFICE_ROLES, type Me } from '@union/shared';

// Which workbench entries an account sees is decided by the shared table: see utils/staff-entries.ts.

/** Create, edit, close, photos and import: union office staff only. */
export function canManageStations(me: Me): boolean {
  return me.roles.some((grant) => UNION_OFFICE_ROLES.includes(grant.role));
}

/** The organisations a manager may put stations under (their grants; the BFF accepts their subtrees). */
export function stationManagementOrgs(me: Me): { id: string; name: string }[] {
  const orgs = new Map<string, string>();
  for (const grant of me.roles) if (UNION_OFFICE_ROLES.includes(grant.role)) orgs.set(grant.orgId, grant.orgName);
  return [...orgs].map(([id, name]) => ({ id, name }));
}
