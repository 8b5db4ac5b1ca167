import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { AccountModel } from '../auth/account.model';
import type { Actor } from '../auth/actor';
import { decideApplication } from './decision.service';
import { AidRevealAuditModel } from './reveal-audit.model';
import { createAidWorld, DAY_MS, reviewApi, type AidWorld } from './test-support';

let api: TestApi;
let world: AidWorld;
let programmeId: string;

beforeAll(async () => {
  api = await startTestApi();
  world = await createAidWorld(api);
  programmeId = await world.createProgramme({ noticeDays: 0 });
});
afterAll(() => api.stop());

const detail = (token: string, id: string) => reviewApi(api).detail(token, id);
const decide = (token: string, id: string, body: Record<string, unknown>) => reviewApi(api).decide(token, id, body);
const disburse = (token: string, body: Record<string, unknown>) =>
  api.request('POST', '/api/staff/aid/disbursements', { token, body });
const batch = (applicationIds: string[], requestId: string, programme = programmeId) => ({
  programmeId: programme,
  applicationIds,
  paidOn: '2026-09-01',
  reference: 'GH-2026-0901',
  requestId,
});

async function approved(name: string, child: Record<string, string> = {}, programme = programmeId) {
  const applicant = await world.createApplicant(world.orgs.xihuTech, name);
  const id = await world.apply(applicant, programme, child);
  const first = await decide(world.staff.tech, id, {
    action: 'approve',
    version: (await detail(world.staff.tech, id)).body.version,
  });
  const second = await decide(world.staff.xihu, id, { action: 'approve', version: first.body.version });
  expect(second.body.status).toBe('approved');
  return { applicant, id };
}

describe('revealing a full number', () => {
  it('returns the full numbers to reviewers in scope and logs every reveal', async () => {
    const applicant = await world.createApplicant(world.orgs.xihuTech, '张伟');
    const childId = makeIdNumber('330106', '20080101', '001');
    const id = await world.apply(applicant, programmeId, { idNumber: childId, accountNumber: '6222021234567890123' });
    const reveal = (token: string, field: string) =>
      api.request('POST', `/api/staff/aid/applications/${id}/reveal`, { token, body: { field, reason: '核对户口簿' } });

    expect((await reveal(world.staff.tech, 'childIdNumber')).body).toEqual({ value: childId });
    expect((await reveal(world.staff.tech, 'accountNumber')).body).toEqual({ value: '6222021234567890123' });
    expect((await reveal(world.staff.xihu, 'applicantIdNumber')).body).toEqual({ value: applicant.idNumber });
    expect((await reveal(world.staff.binjiang, 'childIdNumber')).status).toBe(404);

    const log = await AidRevealAuditModel.find({ applicationIds: new Types.ObjectId(id) })
      .sort({ at: 1 })
      .lean();
    expect(log.map((entry) => entry.field)).toEqual(['childIdNumber', 'accountNumber', 'applicantIdNumber']);
    expect(log.every((entry) => entry.reason === '核对户口簿')).toBe(true);
    expect(new Set(log.map((entry) => String(entry.accountId))).size).toBe(2);
  });

  it('refuses a reveal without a reason', async () => {
    const { id } = await approved('李娜');
    const response = await api.request('POST', `/api/staff/aid/applications/${id}/reveal`, {
      token: world.staff.tech,
      body: { field: 'childIdNumber', reason: '' },
    });
    expect(response.status).toBe(400);
  });
});

describe('disbursement', () => {
  it('records a batch once per request id and shows 已发放 on each application', async () => {
    const one = await approved('王芳');
    const two = await approved('陈静', { educationLevel: 'postgraduate' });
    const first = await disburse(world.staff.city, batch([one.id, two.id], 'req-batch-0001'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applicationCount: 2, totalFen: 800_050, paidOn: '2026-09-01' });

    const retried = await disburse(world.staff.city, batch([one.id, two.id], 'req-batch-0001'));
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(first.body.id);

    const seen = await detail(world.staff.tech, one.id);
    expect(seen.body).toMatchObject({
      status: 'disbursed',
      disbursement: { paidOn: '2026-09-01', reference: 'GH-2026-0901' },
    });
    expect(seen.body.timeline.at(-1)).toMatchObject({ action: 'disbursed', actor: '杭州市总工会 工作人员' });
    const inbox = await api.request('GET', '/api/notifications', { token: one.applicant.token });
    expect(inbox.body.items[0].title).toBe('助学金已发放');

    const again = await disburse(world.staff.city, batch([one.id], 'req-batch-0002'));
    expect(again.status).toBe(409);
  });

  it('refuses a batch holding any application that is not approved, listing which, and moves none', async () => {
    const ready = await approved('周敏');
    const applicant = await world.createApplicant(world.orgs.xihuTech, '吴刚');
    const pending = await world.apply(applicant, programmeId);
    const response = await disburse(world.staff.city, batch([ready.id, pending], 'req-batch-0003'));
    expect(response.status).toBe(409);
    expect(response.body.error.details).toEqual([{ path: pending, message: '吴刚：审核中' }]);
    expect((await detail(world.staff.city, ready.id)).body.status).toBe('approved');
  });

  it('is recorded by the office running the programme, or by a district office for its own district only', async () => {
    const ready = await approved('郑洁');
    expect((await disburse(world.staff.xixi, batch([ready.id], 'req-batch-0004'))).status).toBe(403);
    expect((await disburse(world.staff.binjiang, batch([ready.id], 'req-batch-0005'))).status).toBe(404);
    const byDistrict = await disburse(world.staff.xihu, batch([ready.id], 'req-batch-0006'));
    expect(byDistrict.status).toBe(200);
    const batchesOf = async (token: string) =>
      (await api.request('GET', `/api/staff/aid/programmes/${programmeId}/disbursements`, { token })).body.items.map(
        (recorded: { id: string }) => recorded.id,
      );
    expect(await batchesOf(world.staff.xihu)).toContain(byDistrict.body.id);
    expect(await batchesOf(world.staff.city)).toContain(byDistrict.body.id);
    expect(await batchesOf(world.staff.binjiang)).not.toContain(byDistrict.body.id);
  });

  it('is offered on the programme list exactly to those who may record it', async () => {
    for (const reviewer of ['city', 'xihu', 'binjiang', 'xixi', 'tech'] as const) {
      const token = world.staff[reviewer];
      const listed = await api.request('GET', '/api/staff/aid/programmes', { token });
      const programme = listed.body.items.find((item: { id: string }) => item.id === programmeId);
      const opened = await api.request('GET', `/api/staff/aid/programmes/${programmeId}/disbursements`, { token });
      expect({ reviewer, mayDisburse: programme.mayDisburse }).toEqual({
        reviewer,
        mayDisburse: opened.status === 200,
      });
      expect([200, 403]).toContain(opened.status);
    }
  });

  it('of two overlapping batches at once records exactly one, and the other leaves nothing half-done', async () => {
    const shared = await approved('冯军');
    const onlyA = await approved('褚红');
    const onlyB = await approved('卫东');
    const [a, b] = await Promise.all([
      disburse(world.staff.city, batch([onlyA.id, shared.id], 'req-race-aaaa')),
      disburse(world.staff.city, batch([onlyB.id, shared.id], 'req-race-bbbb')),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loserOnly = a.status === 409 ? onlyA : onlyB;
    const winnerOnly = a.status === 200 ? onlyA : onlyB;
    expect((await detail(world.staff.city, loserOnly.id)).body.status).toBe('approved');
    expect((await detail(world.staff.city, winnerOnly.id)).body.status).toBe('disbursed');
    expect((await detail(world.staff.city, shared.id)).body.status).toBe('disbursed');
  });
});

describe('the bank transfer list', () => {
  it('is a real spreadsheet of approved, unpaid applications with full accounts and the right total, and is audited', async () => {
    const programme = await world.createProgramme({ noticeDays: 0 });
    const a = await approved(
      '蒋平',
      { accountNumber: '6217000011112222333', educationLevel: 'undergraduate' },
      programme,
    );
    const b = await approved(
      '沈阳',
      { accountNumber: '6228480099998888777', educationLevel: 'junior_college' },
      programme,
    );
    const paid = await approved('韩梅', { educationLevel: 'postgraduate' }, programme);
    await disburse(world.staff.city, batch([paid.id], 'req-list-0001', programme));

    const response = await fetch(`${api.url}/api/staff/aid/programmes/${programme}/transfer-list`, {
      headers: { Authorization: `Bearer ${world.staff.city}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="aid-transfer-list-\d{8}\.xlsx"; filename\*=UTF-8''/,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const rows = (workbook.worksheets[0]!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(rows[0]).toEqual([
      '序号',
      '申请人',
      '子女姓名',
      '录取院校',
      '资助金额（元）',
      '开户银行',
      '户名',
      '账号',
      '所属工会',
    ]);
    expect(rows.slice(1, 3)).toEqual([
      [
        1,
        '蒋平',
        '王小明',
        '浙江大学',
        3000.5,
        '中国工商银行杭州分行',
        '蒋平',
        '6217000011112222333',
        '杭州西溪科技有限公司工会',
      ],
      [
        2,
        '沈阳',
        '王小明',
        '浙江大学',
        2000,
        '中国工商银行杭州分行',
        '沈阳',
        '6228480099998888777',
        '杭州西溪科技有限公司工会',
      ],
    ]);
    expect(rows[3]![0]).toBe('合计');
    expect(rows[3]![4]).toBe(5000.5);
    expect(rows).toHaveLength(4);

    const audit = await AidRevealAuditModel.findOne({ programmeId: new Types.ObjectId(programme) }).lean();
    expect(audit).toMatchObject({ field: 'accountNumber', reason: '导出银行转账清单' });
    expect(audit!.applicationIds.map(String).sort()).toEqual([a.id, b.id].sort());

    const listOf = (token: string) =>
      fetch(`${api.url}/api/staff/aid/programmes/${programme}/transfer-list`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await listOf(world.staff.xixi)).status).toBe(403);
    const otherDistrict = await listOf(world.staff.binjiang);
    expect(otherDistrict.status).toBe(200);
    const otherBook = new ExcelJS.Workbook();
    await otherBook.xlsx.load(Buffer.from(await otherDistrict.arrayBuffer()) as never);
    // Only the header and the total: no 西湖区 applicant is on 滨江区's list.
    expect(otherBook.worksheets[0]!.actualRowCount).toBe(2);
  });
});

describe('programme statistics', () => {
  const staffActor = async (username: string, role: 'union_staff' | 'union_admin', orgId: string): Promise<Actor> => {
    const account = await AccountModel.findOne({ username }).lean();
    return {
      accountId: String(account!._id),
      kind: 'staff',
      memberId: null,
      merchantId: null,
      grants: [{ role, orgId }],
    };
  };

  it('counts by status, level and hardship, sums the amounts, and averages the days at each step', async () => {
    const programme = await world.createProgramme({ noticeDays: 0 });
    const tech = await staffActor('aid_tech', 'union_staff', world.orgs.xihuTech.id);
    const xihu = await staffActor('aid_xihu', 'union_staff', world.orgs.xihu.id);
    const deps = api.running.runtime;
    const start = Date.now();
    const at = (days: number) => new Date(start + days * DAY_MS);
    const version = async (id: string) => (await detail(world.staff.city, id)).body.version;

    // Two reach approval: 1 and 3 days at the grassroots step, 2 and 4 days at the district.
    const ids: string[] = [];
    for (const [name, child, grassrootsDays, districtDays] of [
      ['杨一', { educationLevel: 'undergraduate', hardshipCategory: 'low_income' }, 1, 2],
      ['杨二', { educationLevel: 'postgraduate', hardshipCategory: 'single_parent' }, 3, 4],
    ] as const) {
      const applicant = await world.createApplicant(world.orgs.xihuTech, name);
      const id = await world.apply(applicant, programme, child);
      await decideApplication(
        deps,
        tech,
        id,
        { action: 'approve', note: '', version: await version(id) },
        at(grassrootsDays),
      );
      const decided = await decideApplication(
        deps,
        xihu,
        id,
        { action: 'approve', note: '', version: await version(id) },
        at(grassrootsDays + districtDays),
      );
      expect(decided.status).toBe('approved');
      ids.push(id);
    }
    const waiting = await world.createApplicant(world.orgs.xihuTech, '杨三');
    await world.apply(waiting, programme, { educationLevel: 'junior_college', hardshipCategory: 'low_income' });
    const rejectedApplicant = await world.createApplicant(world.orgs.xihuTech, '杨四');
    const rejected = await world.apply(rejectedApplicant, programme, { hardshipCategory: 'none' });
    await decideApplication(
      deps,
      tech,
      rejected,
      { action: 'reject', note: '不符合条件', version: await version(rejected) },
      at(2),
    );
    await disburse(world.staff.city, batch([ids[0]!], 'req-stats-0001', programme));

    const stats = await api.request('GET', `/api/staff/aid/programmes/${programme}/stats`, { token: world.staff.city });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      byStatus: { disbursed: 1, approved: 1, in_review: 1, rejected: 1 },
      byEducationLevel: { undergraduate: 2, postgraduate: 1, junior_college: 1 },
      byHardshipCategory: { low_income: 2, single_parent: 1, none: 1 },
      approvedFen: 800_050,
      disbursedFen: 300_050,
      averageDaysPerStep: [
        { step: 0, level: 'grassroots', days: 2 },
        { step: 1, level: 'district', days: 3 },
      ],
    });

    const other = await api.request('GET', `/api/staff/aid/programmes/${programme}/stats`, {
      token: world.staff.binjiang,
    });
    expect(other.body.byStatus).toEqual({});
  });
});
