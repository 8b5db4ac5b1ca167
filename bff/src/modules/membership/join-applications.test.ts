import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import { JoinApplicationModel } from './join-application.model';
import { completeInterruptedApprovals } from './join-review.service';
import { MemberModel } from './member.model';

let api: TestApi;
let orgs: OrgTree;
let staff: Record<'xixi' | 'xihu' | 'city_admin' | 'binjiang' | 'keeper', string>;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createMember(api.running.runtime.cipher, orgs.xihuTech, {
    name: '钱多多',
    idNumber: makeIdNumber('330106', '19800101', '011'),
    mobile: '13811112222',
  });
  await createStaff('xixi_staff', [{ role: 'union_staff', org: orgs.xixi }]);
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('city_admin', [{ role: 'union_admin', org: orgs.city }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  staff = {
    xixi: await loginStaff(api, 'xixi_staff'),
    xihu: await loginStaff(api, 'xihu_staff'),
    city_admin: await loginStaff(api, 'city_admin'),
    binjiang: await loginStaff(api, 'binjiang_staff'),
    keeper: await loginStaff(api, 'keeper'),
  };
});
afterAll(() => api.stop());

let applicantCount = 0;
function applicant(overrides: Record<string, unknown> = {}) {
  applicantCount += 1;
  return {
    orgId: orgs.xihuTech.id,
    name: '王芳',
    idNumber: makeIdNumber('330106', '19960815', String(200 + applicantCount)),
    mobile: `1390000${String(1000 + applicantCount)}`,
    occupation: 'rider',
    employer: '美团外卖西湖站',
    agreeToCharter: true,
    ...overrides,
  };
}

async function submit(openid: string, overrides: Record<string, unknown> = {}) {
  const { token } = await loginWechat(api, openid);
  const body = applicant(overrides);
  const response = await api.request('POST', '/api/join-applications', { token, body });
  return { token, body, response };
}

describe('applying to join', () => {
  it('records the application, shows the applicant their own numbers and the reviewer masked ones', async () => {
    const { token, body, response } = await submit('wx-apply-1');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'pending',
      idNumber: body.idNumber,
      orgName: '杭州西溪科技有限公司工会',
    });
    const mine = await api.request('GET', '/api/join-applications/mine', { token });
    expect(mine.body.items).toHaveLength(1);
    const seenByStaff = await api.request('GET', `/api/staff/join-applications/${response.body.id}`, {
      token: staff.xixi,
    });
    expect(seenByStaff.body.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(seenByStaff.body.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('requires agreeing to the charter and a union that accepts members', async () => {
    const { token } = await loginWechat(api, 'wx-apply-2');
    const noCharter = await api.request('POST', '/api/join-applications', {
      token,
      body: applicant({ agreeToCharter: false }),
    });
    expect(noCharter.status).toBe(400);
    expect(noCharter.body.error.details).toEqual([expect.objectContaining({ path: 'agreeToCharter' })]);
    const district = await api.request('POST', '/api/join-applications', {
      token,
      body: applicant({ orgId: orgs.xihu.id }),
    });
    expect(district.status).toBe(400);
    expect(district.body.error.details[0].path).toBe('orgId');
    expect((await api.request('GET', '/api/join-applications/mine', { token })).body.items).toHaveLength(0);
  });

  it('allows one open application per person, even from two accounts', async () => {
    const { body } = await submit('wx-apply-3');
    const again = await submit('wx-apply-3b', { idNumber: body.idNumber });
    expect(again.response.status).toBe(409);
    expect(again.response.body.error.code).toBe('application_pending');
    const sameAccount = await api.request('POST', '/api/join-applications', {
      token: (await loginWechat(api, 'wx-apply-3')).token,
      body: applicant(),
    });
    expect(sameAccount.status).toBe(409);
  });

  it('points existing members to binding instead', async () => {
    const { response } = await submit('wx-apply-4', { idNumber: makeIdNumber('330106', '19800101', '011') });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('already_member');
  });

  it('lets the applicant withdraw while pending, and only their own', async () => {
    const { token, response } = await submit('wx-apply-5');
    const other = await loginWechat(api, 'wx-apply-5-other');
    expect(
      (await api.request('POST', `/api/join-applications/${response.body.id}/withdraw`, { token: other.token })).status,
    ).toBe(404);
    const withdrawn = await api.request('POST', `/api/join-applications/${response.body.id}/withdraw`, { token });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await api.request('POST', `/api/join-applications/${response.body.id}/withdraw`, { token })).status).toBe(
      409,
    );
  });
});

describe('reviewing applications', () => {
  it('approves: creates the member with a new member number, bound to the applicant, whose card then works', async () => {
    const { token, response } = await submit('wx-approve-1');
    const approved = await api.request('POST', `/api/staff/join-applications/${response.body.id}/approve`, {
      token: staff.xihu,
    });
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect(approved.body.status).toBe('approved');
    expect(approved.body.memberNo).toMatch(/^3301\d{8}$/);
    const mine = await api.request('GET', '/api/join-applications/mine', { token });
    expect(mine.body.items[0]).toMatchObject({ status: 'approved', memberNo: approved.body.memberNo });
    const card = await api.request('GET', '/api/card', { token });
    expect(card.status).toBe(200);
    expect(card.body.memberNo).toBe(approved.body.memberNo);
  });

  it('rejects with a reason the applicant can read', async () => {
    const { token, response } = await submit('wx-reject-1');
    const missingReason = await api.request('POST', `/api/staff/join-applications/${response.body.id}/reject`, {
      token: staff.xixi,
      body: {},
    });
    expect(missingReason.status).toBe(400);
    const rejected = await api.request('POST', `/api/staff/join-applications/${response.body.id}/reject`, {
      token: staff.xixi,
      body: { reason: '请选择您实际工作单位所在的工会' },
    });
    expect(rejected.body.status).toBe('rejected');
    const mine = await api.request('GET', '/api/join-applications/mine', { token });
    expect(mine.body.items[0].rejectReason).toBe('请选择您实际工作单位所在的工会');
  });

  it('keeps staff of another district out: not in their queue, 404 on the object', async () => {
    const { response } = await submit('wx-scope-1');
    const queue = await api.request('GET', '/api/staff/join-applications?status=pending', { token: staff.binjiang });
    expect(queue.body.items.map((a: { id: string }) => a.id)).not.toContain(response.body.id);
    for (const action of ['approve', 'reject']) {
      const attempt = await api.request('POST', `/api/staff/join-applications/${response.body.id}/${action}`, {
        token: staff.binjiang,
        body: { reason: '越权操作测试' },
      });
      expect(attempt.status).toBe(404);
    }
    expect(
      (await api.request('GET', `/api/staff/join-applications/${response.body.id}`, { token: staff.xixi })).body.status,
    ).toBe('pending');
  });

  it('refuses station keepers and members with 403', async () => {
    expect((await api.request('GET', '/api/staff/join-applications', { token: staff.keeper })).status).toBe(403);
    const { token } = await loginWechat(api, 'wx-nosy');
    expect((await api.request('GET', '/api/staff/join-applications', { token })).status).toBe(403);
  });

  it('lists the queue oldest first across pages, for every level above the union', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(`wx-queue-${i}`)).response.body.id);
    for (const token of [staff.xixi, staff.xihu, staff.city_admin]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.request(
          'GET',
          `/api/staff/join-applications?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token },
        );
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    }
  });

  it('lets exactly one of two reviewers acting at once win; the other gets 409', async () => {
    const { response } = await submit('wx-race-1');
    const path = `/api/staff/join-applications/${response.body.id}`;
    const results = await Promise.all([
      api.request('POST', `${path}/approve`, { token: staff.xixi }),
      api.request('POST', `${path}/approve`, { token: staff.xihu }),
      api.request('POST', `${path}/reject`, { token: staff.city_admin, body: { reason: '同时操作测试' } }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    const winner = results.find((r) => r.status === 200)!;
    const members = await MemberModel.countDocuments({ name: '王芳', memberNo: winner.body.memberNo ?? '' });
    expect(members).toBe(winner.body.status === 'approved' ? 1 : 0);
  });

  it('gives approvals made in parallel distinct member numbers', async () => {
    const submitted = await Promise.all([0, 1, 2, 3].map((i) => submit(`wx-parallel-approve-${i}`)));
    const approved = await Promise.all(
      submitted.map(({ response }) =>
        api.request('POST', `/api/staff/join-applications/${response.body.id}/approve`, { token: staff.city_admin }),
      ),
    );
    expect(approved.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(approved.map((r) => r.body.memberNo)).size).toBe(4);
  });

  it('completes an approval interrupted before the member was created', async () => {
    const { token, response } = await submit('wx-crash-1');
    // Simulate a process that died right after winning the claim.
    await JoinApplicationModel.updateOne(
      { _id: response.body.id },
      { $set: { status: 'approved', decidedAt: new Date(), memberId: response.body.id, memberNo: '330199999999' } },
    );
    expect((await api.request('GET', '/api/card', { token })).status).toBe(404);
    expect(await completeInterruptedApprovals(new Date(Date.now() - 60_000))).toBe(1);
    const card = await api.request('GET', '/api/card', { token });
    expect(card.body.memberNo).toBe('330199999999');
    expect(await completeInterruptedApprovals(new Date(Date.now() - 60_000))).toBe(0);
  });
});
