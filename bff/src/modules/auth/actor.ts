import type { Role } from '@union/shared';

/** Who is calling, as learned by `authenticate()` and kept in `ctx.state.actor`. */
export interface Actor {
  accountId: string;
  kind: 'wechat' | 'staff';
  memberId: string | null;
  /** Merchant staff only: the merchant this account redeems for. */
  merchantId: string | null;
  grants: { role: Role; orgId: string }[];
}

/** Organisation ids at whose subtree the actor holds one of `roles`. */
export function scopeOrgIds(actor: Actor, roles: readonly Role[]): string[] {
  return actor.grants.filter((grant) => roles.includes(grant.role)).map((grant) => grant.orgId);
}

/** True when the actor holds one of `roles` at an organisation on `orgPath` (the object's ancestors and itself). */
export function holdsRoleOver(
  actor: Actor,
  roles: readonly Role[],
  orgPath: readonly { toString(): string }[],
): boolean {
  const path = new Set(orgPath.map(String));
  return scopeOrgIds(actor, roles).some((orgId) => path.has(orgId));
}
