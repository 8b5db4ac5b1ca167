/** 职工人数: the union office records how many people an organisation employs, the denominator of 入会率. */
import type { Actor } from '../auth/actor';
import { OrganizationModel, type OrganizationDoc } from './organization.model';
import { organizationNotFound, organizationPolicy } from './policy';

/** Sets (or, with null, forgets) the employee count of an organisation in the actor's subtree. */
export async function setEmployeeCount(
  actor: Actor,
  orgId: string,
  employeeCount: number | null,
): Promise<OrganizationDoc> {
  const org = await OrganizationModel.findById(orgId).lean<OrganizationDoc>();
  if (!org) throw organizationNotFound();
  organizationPolicy.authorize(actor, 'manage', org);
  // Not contested: the last value entered is the count; an org is never moved, so the check above holds.
  await OrganizationModel.updateOne({ _id: org._id }, { $set: { employeeCount } });
  return { ...org, employeeCount };
}
