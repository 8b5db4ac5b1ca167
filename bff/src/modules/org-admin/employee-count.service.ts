/** 职工人数: the union office records how many people an organisation employs, the denominator of 入会率. */
import { UNION_OFFICE_ROLES } from '@union/shared';
import type { Actor } from '../auth/actor';
import { scopedOrgId } from '../auth/org-scope';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';

/** Sets (or, with null, forgets) the employee count of an organisation in the actor's subtree; 404 outside it. */
export async function setEmployeeCount(
  actor: Actor,
  orgId: string,
  employeeCount: number | null,
): Promise<OrganizationDoc> {
  const id = await scopedOrgId(actor, UNION_OFFICE_ROLES, orgId);
  // Not contested: the last value entered is the count.
  await OrganizationModel.updateOne({ _id: id }, { $set: { employeeCount } });
  return (await OrganizationModel.findById(id).lean<OrganizationDoc>())!;
}
