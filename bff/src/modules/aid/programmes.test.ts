import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, loginWechat, type OrgTree } from '../../../test/fixtures';
import { boundMember, chinaDay, cityAdmin, createProgramme, programmeBody, type MemberSession } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let city: string;
let xihuStaff: string;
let binjiangStaff: string;
let xixiStaff: string;
let xihuMember: MemberSession;
let binjiangMember: MemberSession;

const create = (token: string, body: object) => api.request('POST', '/api/staff/aid/programmes', { token, body });

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  city = await cityAdmin(api, orgs);
  await createStaff('aid_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('aid_binjiang', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('aid_xixi', [{ role: 'union_staff', org: orgs.xixi }]);
  xihuStaff = await loginStaff(api, 'aid_xihu');
  binjiangStaff = await loginStaff(api, 'aid_binjiang');
  xixiStaff = await loginStaff(api, 'aid_xixi');
  xihuMember = await boundMember(api, orgs.xihuTech);
  binjiangMember = await boundMember(api, orgs.binjiangTech);
});
afterAll(() => api.stop());

describe('setting up a programme', () => {
  it('lets district staff set one up for their district, with its rules as given', async () => {
    const response = await create(xihuStaff, programmeBody(orgs.xihu.id, { name: '西湖区金秋助学专项' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: '西湖区金秋助学专项',
      orgId: orgs.xihu.id,
      orgName: '西湖区总工会',
      reviewChain: ['grassroots', 'district', 'city'],
      requiredDocuments: ['admission_letter', 'household_proof'],
      acceptingApplications: true,
    });
  });

  it('refuses a street or grassroots union as the organiser, on the orgId field', async () => {
    for (const org of [orgs.xixi, orgs.xihuTech]) {
      const response = await create(city, programmeBody(org.id));
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { path: 'orgId', message: '助学项目只能由市总工会或区/县总工会设立' },
      ]);
    }
  });

  it('refuses an organisation outside the caller’s scope', async () => {
    const response = await create(binjiangStaff, programmeBody(orgs.xihu.id));
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('orgId');
  });

  it('is for union office staff only', async () => {
    const response = await create(xihuMember.token, programmeBody(orgs.xihu.id));
    expect(response.status).toBe(403);
  });

  it('lists for staff the programmes they run and those above them they review for', async () => {
    await createProgramme(api, city, orgs.city.id, { name: '市总工会金秋助学' });
    await createProgramme(api, binjiangStaff, orgs.binjiang.id, { name: '滨江区金秋助学' });
    const names = async (token: string) =>
      (await api.request('GET', '/api/staff/aid/programmes', { token })).body.items.map((p: any) => p.name).sort();
    expect(await names(xixiStaff)).toEqual(['市总工会金秋助学', '西湖区金秋助学专项']);
    expect(await names(binjiangStaff)).toEqual(['市总工会金秋助学', '滨江区金秋助学']);
    expect(await names(city)).toEqual(['市总工会金秋助学', '滨江区金秋助学', '西湖区金秋助学专项']);
  });
});

describe('open programmes for a member', () => {
  it('shows programmes run by the member’s own district or the city, not another district’s', async () => {
    const names = async (token: string) =>
      (await api.request('GET', '/api/aid/programmes', { token })).body.items.map((p: any) => p.name).sort();
    expect(await names(xihuMember.token)).toEqual(['市总工会金秋助学', '西湖区金秋助学专项']);
    expect(await names(binjiangMember.token)).toEqual(['市总工会金秋助学', '滨江区金秋助学']);
  });

  it('says whether each is taking applications today', async () => {
    await createProgramme(api, city, orgs.city.id, {
      name: '往年金秋助学',
      applyFrom: chinaDay(-60),
      applyTo: chinaDay(-1),
    });
    const items = (await api.request('GET', '/api/aid/programmes', { token: xihuMember.token })).body.items;
    const byName = new Map(items.map((p: any) => [p.name, p.acceptingApplications]));
    expect(byName.get('往年金秋助学')).toBe(false);
    expect(byName.get('市总工会金秋助学')).toBe(true);
  });

  it('turns away someone who is not a bound member, pointing them to binding or joining', async () => {
    const { token } = await loginWechat(api, 'wx-not-a-member');
    const response = await api.request('GET', '/api/aid/programmes', { token });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('实名绑定');
    expect(response.body.error.message).toContain('申请加入工会');
  });
});
