/**
 * 结算待导出: a closed month with redemptions stays on a cadre's list (and the workbench's count)
 * until that org's sheet is exported after the month ended; the list is per org the cadre runs
 * (a sibling district's month is its own); 全部 clears every org the cadre runs; parallel
 * exports of one month leave one record and never fail.
 */
import { Types } from 'mongoose';
import { chinaMonthOf, chinaMonthRange, type Workbench } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { SettlementExportModel } from './settlement-export.model';
import { createMerchant, createOffer, insertVoucher, memberSession } from './test-support';

let api: TestApi;
let orgs: OrgTree;
const staff: Record<'city' | 'xihu' | 'binjiang' | 'both', string> = { city: '', xihu: '', binjiang: '', both: '' };

/** The China month `back` months before this one. */
function monthsAgo(back: number): string {
  const [year, month] = chinaMonthOf(new Date()).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 - back, 1)).toISOString().slice(0, 7);
}
const midMonth = (month: string) => new Date(chinaMonthRange(month).start.getTime() + 10 * 86_400_000);

const LAST = monthsAgo(1);
const THREE_AGO = monthsAgo(3);
const THIS = monthsAgo(0);

type Pending = { orgId: string; orgName: string; month: string; closedAt: string };
async function pending(token: string): Promise<Pending[]> {
  const response = await api.request('GET', '/api/admin/settlements/pending-exports', { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}
const listed = async (token: string) => (await pending(token)).map((item) => `${item.month} ${item.orgName}`);

async function exportSheet(token: string, query: string): Promise<number> {
  const response = await fetch(`${api.url}/api/admin/settlements/export?${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  const member = await memberSession(api, orgs.xihuTech, '张丽华');
  const xihuShop = await createOffer(await createMerchant(orgs.xihuTech, '西溪便民超市'));
  const binjiangShop = await createOffer(await createMerchant(orgs.binjiangTech, '滨江体检中心'));
  const used = (offer: typeof xihuShop, month: string) =>
    insertVoucher(offer, member, { status: 'used', redeemedAt: midMonth(month) });
  await used(xihuShop, THREE_AGO);
  await used(xihuShop, LAST);
  await used(xihuShop, THIS); // the month is still running: nothing to export yet
  await used(binjiangShop, LAST);
  await insertVoucher(binjiangShop, member, { status: 'refunded' });

  await createStaff('pending_city', [{ role: 'union_admin', org: orgs.city }]);
  await createStaff('pending_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('pending_binjiang', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('pending_both', [
    { role: 'union_staff', org: orgs.xihu },
    { role: 'union_staff', org: orgs.binjiang },
  ]);
  for (const key of Object.keys(staff) as (keyof typeof staff)[]) staff[key] = await loginStaff(api, `pending_${key}`);
});
afterAll(() => api.stop());

describe('结算待导出', () => {
  it('lists the closed months with redemptions, oldest first, per org the cadre runs', async () => {
    expect(await listed(staff.xihu)).toEqual([`${THREE_AGO} 西湖区总工会`, `${LAST} 西湖区总工会`]);
    expect(await listed(staff.binjiang)).toEqual([`${LAST} 滨江区总工会`]);
    expect(await listed(staff.city)).toEqual([`${THREE_AGO} 杭州市总工会`, `${LAST} 杭州市总工会`]);
    const [oldest] = await pending(staff.xihu);
    expect(oldest).toMatchObject({ orgId: orgs.xihu.id, closedAt: chinaMonthRange(THREE_AGO).end.toISOString() });
  });

  it('is what the workbench counts, opened at the oldest month', async () => {
    const response = await api.request('GET', '/api/staff/workbench', { token: staff.xihu });
    const todo = (response.body as Workbench).todos.find((item) => item.key === 'settlementExports');
    expect(todo).toMatchObject({
      label: '结算待导出',
      count: 2,
      params: { month: THREE_AGO, orgId: orgs.xihu.id },
      oldestAt: chinaMonthRange(THREE_AGO).end.toISOString(),
    });
  });

  it('keeps a month whose sheet was exported before the month ended', async () => {
    const { start } = chinaMonthRange(THREE_AGO);
    await SettlementExportModel.create({
      orgId: new Types.ObjectId(orgs.xihu.id),
      month: THREE_AGO,
      exportedAt: new Date(start.getTime() + 20 * 86_400_000),
      exportedByAccountId: new Types.ObjectId(),
    });
    expect(await listed(staff.xihu)).toContain(`${THREE_AGO} 西湖区总工会`);
  });

  it('drops a month once its sheet is exported, for that org only', async () => {
    expect(await exportSheet(staff.xihu, `month=${THREE_AGO}`)).toBe(200);
    expect(await listed(staff.xihu)).toEqual([`${LAST} 西湖区总工会`]);
    // The city's own sheet of that month is another sheet.
    expect(await listed(staff.city)).toEqual([`${THREE_AGO} 杭州市总工会`, `${LAST} 杭州市总工会`]);
    expect(await listed(staff.binjiang)).toEqual([`${LAST} 滨江区总工会`]);
  });

  it('drops the month for every org a cadre runs when 全部 is exported', async () => {
    expect(await listed(staff.both)).toEqual([`${LAST} 西湖区总工会`, `${LAST} 滨江区总工会`]);
    expect(await exportSheet(staff.both, `month=${LAST}`)).toBe(200);
    expect(await listed(staff.both)).toEqual([]);
    expect(await listed(staff.xihu)).toEqual([]);
  });

  it('records parallel exports of one month once, and answers every one', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => exportSheet(staff.city, `month=${LAST}&orgId=${orgs.city.id}`)),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await SettlementExportModel.countDocuments({ orgId: orgs.city.id, month: LAST })).toBe(1);
    expect(await listed(staff.city)).toEqual([`${THREE_AGO} 杭州市总工会`]);
  });

  it('records nothing for an export it refuses', async () => {
    const before = await SettlementExportModel.countDocuments();
    expect(await exportSheet(staff.xihu, 'month=2026-13')).toBe(400);
    expect(await exportSheet(staff.xihu, `month=${THREE_AGO}&orgId=${orgs.binjiang.id}`)).toBe(404);
    expect(await SettlementExportModel.countDocuments()).toBe(before);
  });
});
