/**
 * 职工人数 (入会率's denominator): a union office sets and clears the employee count of an
 * organisation in its subtree; a wrong number is refused field by field, and another
 * district's organisation reads as missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, createStaff, loginStaff, loginWechat, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { OrganizationModel } from '../organizations/organization.model';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('count_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('count_keeper', [{ role: 'station_keeper', org: orgs.xihu }]);
  xihuStaff = await loginStaff(api, 'count_xihu');
});
afterAll(() => api.stop());

const setCount = (token: string, orgId: string, body: unknown) =>
  api.request('PUT', `/api/staff/organizations/${orgId}/employee-count`, { token, body });
const storedCount = async (orgId: string) => (await OrganizationModel.findById(orgId).lean())?.employeeCount;

describe('employee count of an organisation', () => {
  it('is set and cleared by the union office above it', async () => {
    const set = await setCount(xihuStaff, orgs.xihuTech.id, { employeeCount: 320 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({
      id: orgs.xihuTech.id,
      name: orgs.xihuTech.name,
      level: 'grassroots',
      employeeCount: 320,
    });
    expect(await storedCount(orgs.xihuTech.id)).toBe(320);
    // Its own org too, and 0 is a count (a union with no employees yet), not "unknown".
    expect((await setCount(xihuStaff, orgs.xihu.id, { employeeCount: 0 })).body.employeeCount).toBe(0);

    const cleared = await setCount(xihuStaff, orgs.xihuTech.id, { employeeCount: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.employeeCount).toBeNull();
    expect(await storedCount(orgs.xihuTech.id)).toBeNull();
  });

  it('refuses a count that is not a non-negative whole number, naming the field', async () => {
    for (const employeeCount of [-1, 12.5, '120', 20_000_000, undefined]) {
      const refused = await setCount(xihuStaff, orgs.xihuCommunity.id, { employeeCount });
      expect(refused.status, String(employeeCount)).toBe(400);
      expect(refused.body.error.details).toEqual([{ path: 'employeeCount', message: expect.any(String) }]);
    }
    const negative = await setCount(xihuStaff, orgs.xihuCommunity.id, { employeeCount: -1 });
    expect(negative.body.error.details[0].message).toBe('职工人数不能为负数');
    expect((await setCount(xihuStaff, 'not-an-id', { employeeCount: 5 })).status).toBe(400);
    expect(await storedCount(orgs.xihuCommunity.id)).toBeNull();
  });

  it('treats another district’s organisation, or a parent, as missing', async () => {
    for (const org of [orgs.binjiangTech, orgs.binjiang, orgs.city]) {
      const refused = await setCount(xihuStaff, org.id, { employeeCount: 50 });
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toBe('组织不存在或不在您的管辖范围内');
      expect(await storedCount(org.id)).toBeNull();
    }
    expect((await setCount(xihuStaff, '0'.repeat(24), { employeeCount: 50 })).status).toBe(404);
  });

  it('is for the union office only', async () => {
    const keeper = await loginStaff(api, 'count_keeper');
    expect((await setCount(keeper, orgs.xihuTech.id, { employeeCount: 5 })).status).toBe(403);
    const { token } = await loginWechat(api, 'wx-count-member');
    expect((await setCount(token, orgs.xihuTech.id, { employeeCount: 5 })).status).toBe(403);
    expect(
      (
        await api.request('PUT', `/api/staff/organizations/${orgs.xihuTech.id}/employee-count`, {
          body: { employeeCount: 5 },
        })
      ).status,
    ).toBe(401);
  });
});
