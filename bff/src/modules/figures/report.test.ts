/**
 * The cadres' figures over HTTP: what a district cadre reads equals a brute-force count of the
 * records built through the API (in total, by occupation, by child org and by month), 入会率
 * appears once an org records its employees, a figure nobody can compute reads 无数据 (null),
 * scope holds (a street cadre cannot open the district's or the city's figures or annual report,
 * as JSON or spreadsheet; a district's spreadsheet lists only its own child orgs), bad periods
 * are refused with the field named, visits by hour read 0–23 while the busiest stations read
 * busiest first, and the annual report's spreadsheet reads back the same numbers, money as
 * numbers in 元 that add up.
 */
import ExcelJS from 'exceljs';
import {
  chinaDateOf,
  figureChange,
  formatFigure,
  OCCUPATION_LABELS,
  type AnnualReport,
  type FiguresReport,
} from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { MemberModel } from '../membership/member.model';
import { markStationVisits } from '../station-visits/figures';
import { createStation, pastCheckIn } from '../station-visits/visit-fixtures';
import { annualReportSheet, YUAN_NUMBER_FORMAT } from './annual-sheet';
import { settleAllFigures } from './counters';

let api: TestApi;
let orgs: OrgTree;
const tokens = { city: '', xihu: '', xixi: '' };
const year = chinaDateOf(new Date()).slice(0, 4);

const figureOf = (report: FiguresReport, key: string) =>
  report.sections.flatMap((section) => section.figures).find((figure) => figure.key === key)!;

let serial = 0;
async function join(org: { id: string }, occupation: string) {
  serial += 1;
  const { token } = await loginWechat(api, `wx-report-${serial}`);
  const applied = await api.request('POST', '/api/join-applications', {
    token,
    body: {
      orgId: org.id,
      name: '李明',
      idNumber: makeIdNumber('330106', '19900101', String(100 + serial)),
      mobile: `1390000${String(1000 + serial)}`,
      occupation,
      employer: '杭州某公司',
      agreeToCharter: true,
    },
  });
  expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  const approved = await api.request('POST', `/api/staff/join-applications/${applied.body.id}/approve`, {
    token: tokens.city,
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('report_city', [{ role: 'union_staff', org: orgs.city }]);
  await createStaff('report_xihu', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('report_xixi', [{ role: 'union_staff', org: orgs.xixi }]);
  tokens.city = await loginStaff(api, 'report_city');
  tokens.xihu = await loginStaff(api, 'report_xihu');
  tokens.xixi = await loginStaff(api, 'report_xixi');
  await join(orgs.xihuTech, 'employee');
  await join(orgs.xihuTech, 'rider');
  await join(orgs.xihuCommunity, 'courier');
  await join(orgs.binjiangTech, 'employee');
  await settleAllFigures();
});
afterAll(() => api.stop());

/** Members who joined this year in an org's subtree, counted from the members themselves. */
async function joinedThisYear(org: { _id: unknown }, occupation?: string) {
  const members = await MemberModel.find({ orgPath: org._id }, { joinedAt: 1, occupation: 1 }).lean();
  return members.filter(
    (member) =>
      chinaDateOf(member.joinedAt).startsWith(year) && (occupation === undefined || member.occupation === occupation),
  ).length;
}

describe('figures', () => {
  it('gives a district cadre its subtree: totals, breakdown and 无数据 equal to the records', async () => {
    const response = await api.request('GET', `/api/staff/figures?period=${year}`, { token: tokens.xihu });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const report = response.body as FiguresReport;
    expect(report.org.name).toBe('西湖区总工会');
    expect(report.trail.map((org) => org.name)).toEqual(['西湖区总工会']);
    expect(report.children.map((org) => org.name)).toEqual(['西溪街道总工会']);
    expect(report.period).toMatchObject({ kind: 'year', label: `${year}年` });
    expect(report.comparedWith.label).toBe(`${Number(year) - 1}年`);

    const newMembers = figureOf(report, 'members.new');
    expect(newMembers.value).toBe(await joinedThisYear(orgs.xihu));
    expect(newMembers.value).toBe(3);
    expect(newMembers.lastYear).toBe(0);
    expect(new Map(newMembers.breakdown!.map((row) => [row.label, row.value]))).toEqual(
      new Map(
        await Promise.all(
          (['employee', 'rider', 'courier'] as const).map(
            async (occupation) => [OCCUPATION_LABELS[occupation], await joinedThisYear(orgs.xihu, occupation)] as const,
          ),
        ),
      ),
    );
    expect(figureOf(report, 'members.newEmploymentForm').value).toBe(2);
    expect(figureOf(report, 'members.total').value).toBe(await MemberModel.countDocuments({ orgPath: orgs.xihu._id }));
    // Nobody recorded employees, nobody rated a station: 无数据, not 0.
    expect(figureOf(report, 'members.joinRate').value).toBeNull();
    expect(figureOf(report, 'stations.rating').value).toBeNull();
    expect(figureOf(report, 'aid.applications').value).toBe(0);
  });

  it('drills down by child org and by month, and shows 入会率 once employees are recorded', async () => {
    const detail = await api.request('GET', `/api/staff/figure?figure=members.new&period=${year}`, {
      token: tokens.city,
    });
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.series).toHaveLength(12);
    const month = chinaDateOf(new Date()).slice(0, 7);
    expect(detail.body.series.find((point: { label: string }) => point.label === month).value).toBe(4);
    expect(Object.fromEntries(detail.body.byChild.map((row: any) => [row.org.name, row.value]))).toEqual({
      西湖区总工会: await joinedThisYear(orgs.xihu),
      滨江区总工会: await joinedThisYear(orgs.binjiang),
    });

    const set = await api.request('PUT', `/api/staff/organizations/${orgs.xihuTech.id}/employee-count`, {
      token: tokens.xihu,
      body: { employeeCount: 8 },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const report = (await api.request('GET', `/api/staff/figures?period=${year}`, { token: tokens.xihu }))
      .body as FiguresReport;
    const inTech = await MemberModel.countDocuments({ orgId: orgs.xihuTech._id });
    expect(figureOf(report, 'members.joinRate').value).toBeCloseTo(inTech / 8);
  });

  it('keeps each cadre within their subtree', async () => {
    const cityAsStreet = await api.request('GET', `/api/staff/figures?period=${year}&orgId=${orgs.city.id}`, {
      token: tokens.xixi,
    });
    expect(cityAsStreet.status).toBe(404);
    const reportAsStreet = await api.request('GET', `/api/staff/annual-report?year=${year}&orgId=${orgs.xihu.id}`, {
      token: tokens.xixi,
    });
    expect(reportAsStreet.status).toBe(404);
    const sibling = await api.request(
      'GET',
      `/api/staff/figure?figure=members.new&period=${year}&orgId=${orgs.binjiang.id}`,
      {
        token: tokens.xihu,
      },
    );
    expect(sibling.status).toBe(404);
    const own = await api.request('GET', `/api/staff/figures?period=${year}`, { token: tokens.xixi });
    expect(own.body.org.name).toBe('西溪街道总工会');
    expect(own.body.trail.map((org: { name: string }) => org.name)).toEqual(['西溪街道总工会']);
    const member = await loginWechat(api, 'wx-report-1');
    expect((await api.request('GET', `/api/staff/figures?period=${year}`, { token: member.token })).status).toBe(403);
  });

  it('keeps the annual report and its spreadsheet within the cadre’s subtree', async () => {
    const sheetAs = (token: string, query: string) =>
      fetch(`${api.url}/api/staff/annual-report.xlsx?year=${year}${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    // A street cadre asking for the city's report: the same answer as for the district's.
    const cityAsStreet = await api.request('GET', `/api/staff/annual-report?year=${year}&orgId=${orgs.city.id}`, {
      token: tokens.xixi,
    });
    expect(cityAsStreet.status).toBe(404);
    const citySheetAsStreet = await sheetAs(tokens.xixi, `&orgId=${orgs.city.id}`);
    expect(citySheetAsStreet.status).toBe(404);
    expect(citySheetAsStreet.headers.get('content-disposition')).toBeNull();
    expect((await sheetAs(tokens.xixi, `&orgId=${orgs.xihu.id}`)).status).toBe(404);
    expect((await sheetAs(tokens.xihu, `&orgId=${orgs.binjiang.id}`)).status).toBe(404);

    // A district cadre's spreadsheet: its own child orgs only, and its own subtree's total.
    const response = await sheetAs(tokens.xihu, '');
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.getWorksheet('封面')!.getRow(1).getCell(1).value).toBe(`西湖区总工会 ${year}年度工作报表`);
    const children = book.getWorksheet('下级组织明细')!.getSheetValues().filter(Boolean) as unknown as (
      string | undefined
    )[][];
    expect(children.slice(1).map((row) => row[1])).toEqual(['西溪街道总工会', '合计（西湖区总工会）']);
    const column = children[0]!.indexOf('新入会人数');
    expect(children.map((row) => row[column]).slice(1)).toEqual([
      String(await joinedThisYear(orgs.xixi)),
      String(await joinedThisYear(orgs.xihu)),
    ]);
    const json = (await api.request('GET', `/api/staff/annual-report?year=${year}`, { token: tokens.xihu }))
      .body as AnnualReport;
    expect(json.childRows.map((row) => row.org.name)).toEqual(['西溪街道总工会']);
  });

  it('refuses a period it cannot read, naming the field', async () => {
    for (const query of [
      'period=2026-13',
      'period=2026-Q5',
      'from=2026-03-10&to=2026-03-01',
      '',
      'period=2026&from=2026-01-01',
    ]) {
      const response = await api.request('GET', `/api/staff/figures?${query}`, { token: tokens.xihu });
      expect(response.status, query).toBe(400);
      expect(response.body.error.details.length, query).toBeGreaterThan(0);
    }
    expect((await api.request('GET', `/api/staff/figures/no.such?period=2026`, { token: tokens.xihu })).status).toBe(
      404,
    );
    expect((await api.request('GET', '/api/staff/annual-report?year=abc', { token: tokens.xihu })).status).toBe(400);
  });

  it('exports the annual report as a spreadsheet that reads back the same numbers', async () => {
    const report = (await api.request('GET', `/api/staff/annual-report?year=${year}`, { token: tokens.city }))
      .body as AnnualReport;
    expect(report.childRows.map((row) => [row.org.name, row.values['members.new']])).toEqual([
      ['西湖区总工会', 3],
      ['滨江区总工会', 1],
    ]);
    const response = await fetch(`${api.url}/api/staff/annual-report.xlsx?year=${year}`, {
      headers: { Authorization: `Bearer ${tokens.city}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      '封面',
      '会员发展',
      '驿站服务',
      '金秋助学',
      '普惠服务',
      '活动与竞赛',
      '下级组织明细',
    ]);
    const rows = (name: string) =>
      book.getWorksheet(name)!.getSheetValues().filter(Boolean) as unknown as (string | undefined)[][];
    const membership = rows('会员发展');
    const newMembers = membership.find((row) => row[1] === '新入会人数')!;
    expect(newMembers[2]).toBe(formatFigure(figureOf(report, 'members.new').value, 'count'));
    expect(membership.find((row) => row[1] === '入会率')![2]).toBe('25.0%'); // 2 members of 8 employees
    expect(rows('驿站服务').find((row) => row[1] === '平均评分')![2]).toBe('无数据');
    const children = rows('下级组织明细');
    const column = children[0]!.indexOf('新入会人数');
    expect(children.find((row) => row[1] === '西湖区总工会')![column]).toBe('3');
    expect(children.find((row) => row[1] === '滨江区总工会')![column]).toBe('1');
  });
  it('lists 服务人次 by hour from 0 to 23, the busiest stations busiest first, in the report and its sheet', async () => {
    // Last year, so every visit is in the past whatever today is: 9时 has fewer visits than 15时.
    const lastYear = Number(year) - 1;
    const quiet = await createStation(orgs.xixi, '西溪早班驿站');
    const busy = await createStation(orgs.xihuTech, '西溪午后驿站');
    for (const [station, org, at] of [
      [quiet, orgs.xixi, `${lastYear}-03-10T09:20:00+08:00`],
      [busy, orgs.xihuTech, `${lastYear}-03-10T15:05:00+08:00`],
      [busy, orgs.xihuTech, `${lastYear}-03-11T15:40:00+08:00`],
    ] as const) {
      await pastCheckIn(station.id, new Date(at));
      await markStationVisits({ orgId: org._id, orgPath: org.path }, new Date(at));
    }
    await settleAllFigures();

    const report = (await api.request('GET', `/api/staff/annual-report?year=${lastYear}`, { token: tokens.xihu }))
      .body as AnnualReport;
    const rowsOf = (key: string) => figureOf(report, key).breakdown!.map((row) => [row.label, row.value]);
    expect(rowsOf('stations.visitsByHour')).toEqual([
      ['9时', 1],
      ['15时', 2],
    ]);
    expect(rowsOf('stations.visits')).toEqual([
      ['西溪午后驿站', 2],
      ['西溪早班驿站', 1],
    ]);

    const response = await fetch(`${api.url}/api/staff/annual-report.xlsx?year=${lastYear}`, {
      headers: { Authorization: `Bearer ${tokens.xihu}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const labels = (book.getWorksheet('驿站服务')!.getSheetValues().filter(Boolean) as unknown as string[][]).map(
      (row) => row[1],
    );
    const byHour = labels.indexOf('服务人次（按时段）');
    expect(labels.slice(byHour + 1, byHour + 3)).toEqual(['  其中：9时', '  其中：15时']);
  });

  it('writes money as numbers in 元 shown as ¥, so the sub-orgs add up to the total in Excel', async () => {
    const base = (await api.request('GET', `/api/staff/annual-report?year=${year}`, { token: tokens.city }))
      .body as AnnualReport;
    // Amounts no test world here pays out: set on the report the sheet is made from.
    const amount = (fen: number | null) => ({ value: fen, lastYear: 100_000 });
    const report: AnnualReport = {
      ...base,
      sections: base.sections.map((section) => ({
        ...section,
        figures: section.figures.map((figure) =>
          figure.key === 'aid.approvedAmount'
            ? {
                ...figure,
                ...amount(1_234_550),
                breakdown: [
                  { key: 'undergraduate', label: '本科', value: 1_000_050 },
                  { key: 'postgraduate', label: '研究生', value: 234_500 },
                ],
              }
            : figure.key === 'aid.disbursed'
              ? { ...figure, ...amount(null) }
              : figure,
        ),
      })),
      childRows: base.childRows.map((row, index) => ({
        ...row,
        values: { ...row.values, 'aid.approvedAmount': index === 0 ? 1_000_050 : 234_500, 'aid.disbursed': null },
      })),
    };
    const book = new ExcelJS.Workbook();
    const { bytes } = await annualReportSheet(report);
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);

    const aid = book.getWorksheet('金秋助学')!;
    const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (String(row.getCell(1).value).trim() === label) found = row;
      });
      expect(found, label).toBeDefined();
      return found!;
    };
    const approved = rowOf(aid, '批准资助金额');
    expect([approved.getCell(2).value, approved.getCell(3).value, approved.getCell(4).value]).toEqual([
      12_345.5,
      1_000,
      figureChange(1_234_550, 100_000),
    ]);
    expect(approved.getCell(2).numFmt).toBe(YUAN_NUMBER_FORMAT);
    expect(rowOf(aid, '其中：本科').getCell(2).value).toBe(10_000.5);
    expect(rowOf(aid, '其中：本科').getCell(2).numFmt).toBe(YUAN_NUMBER_FORMAT);
    // 无数据 stays text: it is not 0 and SUM skips it.
    expect(rowOf(aid, '已发放金额').getCell(2).value).toBe('无数据');
    // Counts stay the text the page shows.
    expect(rowOf(aid, '已发放学生数').getCell(2).value).toBe(formatFigure(0, 'count'));

    const children = book.getWorksheet('下级组织明细')!;
    const column = (children.getRow(1).values as string[]).indexOf('批准资助金额');
    const cellsOf = (label: string) => rowOf(children, label).getCell(column);
    const xihu = cellsOf('西湖区总工会');
    const binjiang = cellsOf('滨江区总工会');
    const total = cellsOf(`合计（${report.org.name}）`);
    expect([xihu.value, binjiang.value, total.value]).toEqual([10_000.5, 2_345, 12_345.5]);
    expect(Number(xihu.value) + Number(binjiang.value)).toBeCloseTo(Number(total.value), 2);
    expect(total.numFmt).toBe(YUAN_NUMBER_FORMAT);
    expect(total.font?.bold).toBe(true);
  });
});
