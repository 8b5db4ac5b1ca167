/**
 * The union picker of the join form: browsing never leads to a dead end, and riders can go
 * straight to the industry unions that organise them.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, loginWechat, type OrgTree } from '../../../test/fixtures';
import { OrganizationModel } from './organization.model';
import { organizationNames } from './service';

let api: TestApi;
let orgs: OrgTree;
let token: string;
const ids = { deadEnd: new Types.ObjectId(), deadStreet: new Types.ObjectId(), riders: new Types.ObjectId() };

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  // A district with a street below it, neither accepting members, nothing below that does.
  await OrganizationModel.create([
    {
      _id: ids.deadEnd,
      name: '上城区总工会',
      level: 'district',
      parentId: orgs.city._id,
      path: [orgs.city._id, ids.deadEnd],
    },
    {
      _id: ids.deadStreet,
      name: '湖滨街道总工会',
      level: 'street',
      parentId: ids.deadEnd,
      path: [orgs.city._id, ids.deadEnd, ids.deadStreet],
    },
    {
      _id: ids.riders,
      name: '杭州市新就业形态劳动者工会联合会',
      level: 'district',
      kind: 'industry',
      acceptsMembers: true,
      parentId: orgs.city._id,
      path: [orgs.city._id, ids.riders],
    },
  ]);
  token = (await loginWechat(api, 'org-picker-rider')).token;
});
afterAll(() => api.stop());

const list = (query: string) => api.request('GET', `/api/organizations${query}`, { token });
const names = (body: { items: { name: string }[] }) => body.items.map((org) => org.name);

describe('browsing the union tree', () => {
  it('shows only unions that accept members or have some below, with how many', async () => {
    const top = await list('');
    expect(top.status).toBe(200);
    expect(top.body.items).toEqual([
      expect.objectContaining({ name: '杭州市总工会', acceptsMembers: false, acceptingBelow: 4 }),
    ]);

    const districts = await list(`?parentId=${orgs.city.id}`);
    expect(names(districts.body)).toEqual(
      expect.arrayContaining(['西湖区总工会', '滨江区总工会', '杭州市新就业形态劳动者工会联合会']),
    );
    expect(names(districts.body)).not.toContain('上城区总工会');
    expect(districts.body.items.find((org: { name: string }) => org.name === '西湖区总工会')).toMatchObject({
      acceptingBelow: 2,
      childCount: 1,
    });
    expect((await list(`?parentId=${ids.deadEnd.toHexString()}`)).body.items).toEqual([]);
  });

  it('finds unions accepting members by name, and the industry unions riders join', async () => {
    expect(names((await list(`?q=${encodeURIComponent('西溪')}`)).body)).toEqual([
      '杭州西溪科技有限公司工会',
      '西溪社区联合工会',
    ]);
    const industry = await list('?kind=industry');
    expect(industry.status).toBe(200);
    expect(industry.body.items).toEqual([
      expect.objectContaining({ name: '杭州市新就业形态劳动者工会联合会', kind: 'industry', acceptsMembers: true }),
    ]);
  });

  it('refuses an unknown kind or parent in Chinese', async () => {
    const kind = await list('?kind=guild');
    expect(kind.status).toBe(400);
    expect(kind.body.error.details[0].path).toBe('kind');
    const parent = await list(`?parentId=${new Types.ObjectId().toHexString()}`);
    expect(parent.status).toBe(400);
    expect(parent.body.error.message).toBe('上级组织不存在');
  });
});

describe('organisation names (what the card and staff lists show)', () => {
  it('are read once and then reused, a new organisation named at once', async () => {
    const find = vi.spyOn(OrganizationModel, 'find');
    try {
      const first = await organizationNames([orgs.xihuTech._id, orgs.xixi.id]);
      expect(first.get(orgs.xihuTech.id)).toBe('杭州西溪科技有限公司工会');
      expect(first.get(orgs.xixi.id)).toBe('西溪街道总工会');
      const reads = find.mock.calls.length;
      expect(await organizationNames([orgs.xixi._id, orgs.xihuTech.id])).toEqual(first);
      expect(find.mock.calls.length).toBe(reads);

      // Not found is not remembered: an organisation created after a lookup is named by the next one.
      const later = new Types.ObjectId();
      expect((await organizationNames([later, orgs.xixi.id])).has(String(later))).toBe(false);
      await OrganizationModel.create({
        _id: later,
        name: '西溪湿地景区工会',
        level: 'grassroots',
        parentId: orgs.xixi._id,
        path: [...orgs.xixi.path, later],
      });
      expect((await organizationNames([later, orgs.xixi.id])).get(String(later))).toBe('西溪湿地景区工会');
      // Only the one not yet known was read.
      expect(find).toHaveBeenLastCalledWith({ _id: { $in: [later] } }, { name: 1 });
    } finally {
      find.mockRestore();
    }
  });
});
