import { maskName, type Me, type RoleGrant } from '@union/shared';
import { organizationSummaries } from '../organizations/service';
import type { AccountDoc } from './account.model';
import type { AccountLinks } from './account-links';

/** The account with its roles, its member, its latest join application and its merchant. */
export async function presentMe(account: AccountDoc, links: AccountLinks): Promise<Me> {
  const member = account.memberId ? await links.member(account.memberId) : null;
  const merchant = account.merchantId ? await links.merchant(account.merchantId) : null;
  const latest = await links.latestJoinApplication(account._id);
  const orgs = await organizationSummaries([
    ...account.grants.map((grant) => grant.orgId),
    ...(member ? [member.orgId] : []),
    ...(latest ? [latest.orgId] : []),
  ]);
  const nameOf = (id: unknown) => orgs.get(String(id))?.name ?? '';
  const grantOf = (role: RoleGrant['role'], orgId: unknown): RoleGrant => ({
    role,
    orgId: String(orgId),
    orgName: nameOf(orgId),
    orgLevel: orgs.get(String(orgId))?.level ?? 'grassroots',
  });
  const roles: RoleGrant[] = account.grants.map((grant) => grantOf(grant.role, grant.orgId));
  if (member) roles.unshift(grantOf('member', member.orgId));
  return {
    id: String(account._id),
    displayName: account.displayName,
    kind: account.kind,
    roles,
    member: member
      ? {
          id: String(member._id),
          memberNo: member.memberNo,
          maskedName: maskName(member.name),
          orgName: nameOf(member.orgId),
          status: member.status,
        }
      : null,
    latestJoinApplication: latest
      ? { id: String(latest._id), status: latest.status, orgName: nameOf(latest.orgId) }
      : null,
    merchant: merchant ? { id: String(merchant._id), name: merchant.name } : null,
  };
}
