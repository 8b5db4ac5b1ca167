import { maskName, type Me, type RoleGrant } from '@union/shared';
import { JoinApplicationModel } from '../membership/join-application.model';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { MerchantModel } from '../merchants/merchant.model';
import { organizationSummaries } from '../organizations/service';
import type { AccountDoc } from './account.model';

export async function presentMe(account: AccountDoc): Promise<Me> {
  const member = account.memberId ? await MemberModel.findById(account.memberId).lean<MemberDoc>() : null;
  const merchant = account.merchantId ? await MerchantModel.findById(account.merchantId, { name: 1 }).lean() : null;
  const latest = await JoinApplicationModel.findOne({ accountId: account._id }).sort({ submittedAt: -1 }).lean();
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
