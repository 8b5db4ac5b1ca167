/** The organisation states the cadres' figures read (registered in connect-modules.ts). */
import type { Types } from 'mongoose';
import { OrganizationModel } from './organization.model';

/** 职工人数 of each org in the subtree that recorded one (入会率's denominator); orgs without one are left out. */
export async function recordedEmployees(orgId: Types.ObjectId): Promise<Map<string, number>> {
  const orgs = await OrganizationModel.find({ path: orgId, employeeCount: { $ne: null } }, { employeeCount: 1 }).lean();
  return new Map(orgs.map((org) => [String(org._id), org.employeeCount ?? 0]));
}
