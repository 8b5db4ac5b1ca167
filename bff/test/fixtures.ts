/** Small, explicit test data: an organisation tree, roster members and staff accounts. */
import { Types } from 'mongoose';
import type { Occupation, Role } from '@union/shared';
import { idNumberCheckChar } from '@union/shared';
import type { FieldCipher } from '../src/crypto/field-encryption';
import { AccountModel } from '../src/modules/auth/account.model';
import { hashPassword } from '../src/modules/auth/passwords';
import { nextMemberNo } from '../src/modules/membership/member-number';
import { MemberModel } from '../src/modules/membership/member.model';
import { OrganizationModel } from '../src/modules/organizations/organization.model';
import type { TestApi } from './harness';

export const STAFF_PASSWORD = 'Test@Pass2026';

/** A valid ID number for the given region, birth date and sequence. */
export function makeIdNumber(region = '330106', birth = '19900307', sequence = '123'): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}

async function createOrg(
  name: string,
  level: string,
  parent: { _id: Types.ObjectId; path: Types.ObjectId[] } | null,
  acceptsMembers = false,
) {
  const _id = new Types.ObjectId();
  const path = [...(parent?.path ?? []), _id];
  await OrganizationModel.create({ _id, name, level, parentId: parent?._id ?? null, path, acceptsMembers });
  return { _id, path, id: String(_id), name };
}

/** 市总 → 西湖区 → 西溪街道 → 两个基层工会, and 市总 → 滨江区 → 西兴街道 → 一个基层工会. */
export async function createOrgTree() {
  const city = await createOrg('杭州市总工会', 'city', null);
  const xihu = await createOrg('西湖区总工会', 'district', city);
  const xixi = await createOrg('西溪街道总工会', 'street', xihu);
  const xihuTech = await createOrg('杭州西溪科技有限公司工会', 'grassroots', xixi, true);
  const xihuCommunity = await createOrg('西溪社区联合工会', 'grassroots', xixi, true);
  const binjiang = await createOrg('滨江区总工会', 'district', city);
  const xixing = await createOrg('西兴街道总工会', 'street', binjiang);
  const binjiangTech = await createOrg('杭州滨江网络有限公司工会', 'grassroots', xixing, true);
  return { city, xihu, xixi, xihuTech, xihuCommunity, binjiang, xixing, binjiangTech };
}
export type OrgTree = Awaited<ReturnType<typeof createOrgTree>>;

export async function createMember(
  cipher: FieldCipher,
  org: { _id: Types.ObjectId; path: Types.ObjectId[] },
  person: { name: string; idNumber: string; mobile: string; status?: string; occupation?: Occupation },
) {
  const member = await MemberModel.create({
    memberNo: await nextMemberNo(),
    name: person.name,
    idNumberSealed: cipher.encrypt(person.idNumber),
    idNumberIndex: cipher.blindIndex('idNumber', person.idNumber),
    mobileSealed: cipher.encrypt(person.mobile),
    mobileIndex: cipher.blindIndex('mobile', person.mobile),
    occupation: person.occupation ?? 'employee',
    orgId: org._id,
    orgPath: org.path,
    joinedAt: new Date('2020-05-01T00:00:00Z'),
    status: person.status ?? 'active',
  });
  return { id: String(member._id), memberNo: member.memberNo, ...person };
}

let cachedHash: string | null = null;

export async function createStaff(username: string, grants: { role: Role; org: { _id: Types.ObjectId } }[]) {
  cachedHash ??= await hashPassword(STAFF_PASSWORD);
  await AccountModel.create({
    kind: 'staff',
    username,
    passwordHash: cachedHash,
    displayName: username,
    grants: grants.map((grant) => ({ role: grant.role, orgId: grant.org._id })),
  });
}

export async function loginWechat(api: TestApi, openid: string): Promise<{ token: string; session: any }> {
  const code = api.running.runtime.wechatEmulator!.mintLoginCode(openid);
  const response = await api.request('POST', '/api/auth/wechat-login', { body: { code } });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
  return { token: response.body.accessToken, session: response.body };
}

export async function loginStaff(api: TestApi, username: string): Promise<string> {
  const response = await api.request('POST', '/api/auth/password-login', {
    body: { username, password: STAFF_PASSWORD },
  });
  if (response.status !== 200) throw new Error(`staff login failed: ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
}
