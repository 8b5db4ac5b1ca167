import { z } from 'zod';
import { ObjectIdSchema } from './common';
import { OrgLevelSchema } from './organizations';

/**
 * A role is always held within an organisation subtree. `member` comes from a
 * bound roster entry; the others are granted to staff accounts.
 */
export const ROLES = ['member', 'union_staff', 'union_admin', 'station_keeper', 'merchant_staff'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const STAFF_ROLES: readonly Role[] = ['union_staff', 'union_admin', 'station_keeper', 'merchant_staff'];
/** Roles that may review union business (join applications, later aid and merchants). */
export const UNION_OFFICE_ROLES: readonly Role[] = ['union_staff', 'union_admin'];
/** Station keepers run their stations day to day; union offices also create, edit and close them. */
export const STATION_OPERATOR_ROLES: readonly Role[] = [...UNION_OFFICE_ROLES, 'station_keeper'];
/** Clerks redeem vouchers for the one merchant their account is bound to. */
export const MERCHANT_CLERK_ROLES: readonly Role[] = ['merchant_staff'];

export const RoleGrantSchema = z.object({
  role: RoleSchema,
  orgId: ObjectIdSchema,
  orgName: z.string(),
  orgLevel: OrgLevelSchema.describe('该组织的层级：city 市总、district 区/县总、street 街道、grassroots 基层'),
});
export type RoleGrant = z.infer<typeof RoleGrantSchema>;
