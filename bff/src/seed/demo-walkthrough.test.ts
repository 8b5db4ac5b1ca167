/** The demo as the README tells it, through the real HTTP API of a server started with SEED_DEMO_DATA=true. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness';
import { loginWechat } from '../../test/fixtures';
import { MemberModel } from '../modules/membership/member.model';
import { OrganizationModel } from '../modules/organizations/organization.model';
import { DEMO_PEOPLE, DEMO_STAFF } from './demo-people';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ SEED_DEMO_DATA: 'true' });
});
afterAll(() => api.stop());

async function loginAs(username: string): Promise<string> {
  const staff = DEMO_STAFF.find((candidate) => candidate.username === username)!;
  const response = await api.request('POST', '/api/auth/password-login', {
    body: { username, password: staff.password },
  });
  expect(response.status).toBe(200);
  return response.body.accessToken;
}

describe('the seeded demo', () => {
  it('shows 李娜 her bound membership as soon as she signs in', async () => {
    const { session } = await loginWechat(api, DEMO_PEOPLE.liNa.openid);
    expect(session.me.member).toMatchObject({ maskedName: '李*', status: 'active', orgName: DEMO_PEOPLE.liNa.orgName });
  });

  it('lets 张伟 bind his WeChat account with the values in DEMO_PEOPLE', async () => {
    const { zhangWei } = DEMO_PEOPLE;
    const { token, session } = await loginWechat(api, zhangWei.openid);
    expect(session.me.member).toBeNull();
    const bound = await api.request('POST', '/api/membership/bind', {
      token,
      body: { name: zhangWei.name, idNumber: zhangWei.idNumber, mobile: zhangWei.mobile },
    });
    expect(bound.status).toBe(200);
  });

  it('puts 王芳’s application in the 西溪街道 queue; approving it issues the next member number', async () => {
    const token = await loginAs('street_staff');
    const queue = await api.request('GET', '/api/staff/join-applications?status=pending', { token });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    const membersBefore = await MemberModel.countDocuments();
    const approved = await api.request('POST', `/api/staff/join-applications/${queue.body.items[0].id}/approve`, {
      token,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.memberNo).toBe(`3301${String(membersBefore + 1).padStart(8, '0')}`);
  });

  it('shows the 滨江区 reviewer only the applications filed in 滨江区', async () => {
    const queue = await api.request('GET', '/api/staff/join-applications?status=pending', {
      token: await loginAs('binjiang_staff'),
    });
    expect(queue.body.items).toHaveLength(2);
  });

  it('accepts 赵强’s application to the new-employment-form workers’ federation', async () => {
    const { zhaoQiang } = DEMO_PEOPLE;
    const org = await OrganizationModel.findOne({ name: zhaoQiang.orgName }).lean();
    const { token } = await loginWechat(api, zhaoQiang.openid);
    const applied = await api.request('POST', '/api/join-applications', {
      token,
      body: {
        orgId: String(org!._id),
        name: zhaoQiang.name,
        idNumber: zhaoQiang.idNumber,
        mobile: zhaoQiang.mobile,
        occupation: zhaoQiang.occupation,
        employer: zhaoQiang.employer,
        agreeToCharter: true,
      },
    });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'pending', orgName: zhaoQiang.orgName });
  });
});
