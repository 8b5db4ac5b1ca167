/**
 * 工作台与统计 walkthrough (issue 15): the 西湖区 cadre opens the workbench, follows the
 * 待审核入会申请 to-do to its queue (as many applications as the count said), opens 统计与年报
 * (the district's figures, as the BFF answers them for her), switches to 西溪街道 (the street's
 * own figures), opens the street's annual report, exports it, and the .xlsx reads back with the
 * numbers the report page shows (each figure with its 其中 rows; money as ¥).
 * It only reads: it can run before or after any other scenario.
 */
import { chinaDateOf, formatFigure, type Figure, type FiguresReport } from '@union/shared';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { YUAN_NUMBER_FORMAT } from '../../bff/src/modules/figures/annual-sheet';
import { ROUTES } from '../../miniapp/src/routes';
import { staffApi } from './activity-scenarios';
import { assert, byTestId, byText, chooseInPicker, expectRoute, expectText, signInAsStaff, tapBack } from './harness';
import type { Scenario } from './scenarios';

const DISTRICT = { username: 'district_staff', orgName: '西湖区总工会' };
const STREET = { orgName: '西溪街道总工会' };
const NEW_MEMBERS = { key: 'members.new', label: '新入会人数' };

function figureOf(report: FiguresReport, key: string): Figure {
  const figure = report.sections.flatMap((section) => section.figures).find((candidate) => candidate.key === key);
  assert(figure, `the figures should include ${key}`);
  return figure;
}

/** The figure as a card shows it. */
const shown = (figure: Figure) => formatFigure(figure.value, figure.format);

/** Exactly this text (expectText's string matcher only asks for a part). */
const exactly = (expected: string) => (text: string) => text === expected;

/** The queue's items once it has loaded every page (加载更多 until it is gone). */
async function countQueue(page: Page): Promise<number> {
  const items = byTestId(page, 'review-item');
  await items.first().waitFor();
  for (let more = byText(page, '加载更多'); (await more.count()) > 0;) {
    const before = await items.count();
    await more.click();
    await items.nth(before).waitFor();
  }
  return items.count();
}

/** The cells of each row of a report table on screen, header row excluded. */
async function tableRows(table: Locator, rowTestId: string): Promise<string[][]> {
  const rows = byTestId(table, rowTestId);
  const cells: string[][] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    cells.push((await rows.nth(index).locator('.report-table__cell').allInnerTexts()).map((text) => text.trim()));
  }
  return cells;
}

/**
 * A cell as the page writes it: the export writes text, except money, a number in 元 with the
 * ¥ format (read here as formatFigure writes fen, which is what that format shows in Excel).
 */
function cellText(cell: ExcelJS.Cell): string {
  if (typeof cell.value !== 'number') return cell.text.trim();
  assert(cell.numFmt === YUAN_NUMBER_FORMAT, `a number cell ${cell.address} should be money in 元: ${cell.numFmt}`);
  return formatFigure(Math.round(cell.value * 100), 'fen');
}

/** A sheet's rows as the texts the page shows for their cells. */
function sheetRows(book: ExcelJS.Workbook, name: string): string[][] {
  const sheet = book.getWorksheet(name);
  assert(sheet, `the export should have a sheet "${name}", has ${book.worksheets.map((s) => s.name).join(', ')}`);
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    rows.push(cells);
  });
  return rows;
}

/** The first `count` cells of a row, an empty cell the sheet left out read as ''. */
const firstCells = (cells: string[], count: number) => Array.from({ length: count }, (_, index) => cells[index] ?? '');

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const cadreFollowsWorkbenchAndExportsReport: Scenario = {
  name: '工作台与统计: a district cadre clears to-dos, reads the figures, switches to a street and exports its annual report',
  slug: 'figures-workbench-annual-report',
  async run(ctx) {
    const cadre = await ctx.openPhone('西湖区 cadre');
    const { page } = cadre;
    await signInAsStaff(cadre, DISTRICT.username);
    const api = await staffApi(ctx.baseUrl, DISTRICT.username);
    const year = chinaDateOf(new Date()).slice(0, 4);

    // 工作台 → 待审核入会申请 N → the queue lists N applications.
    const todo = byTestId(page, 'workbench-todo-joinReview');
    await expectText(todo, '待审核入会申请', { what: 'the join-review to-do' });
    const count = Number(await expectText(todo.locator('.workbench-row__count'), /^\d+$/, { what: 'its count' }));
    assert(count > 0, 'the demo data leaves join applications waiting in 西湖区');
    await ctx.checkpoint(cadre, 'figures-workbench');
    await todo.click();
    await expectRoute(page, ROUTES.joinReviewQueue);
    const listed = await countQueue(page);
    assert(listed === count, `the to-do said ${count} applications wait, the queue lists ${listed}`);

    // 统计与年报: the district this year, as the BFF answers for this cadre.
    await tapBack(page);
    await expectRoute(page, ROUTES.home);
    await byTestId(page, 'home-staff-figures-entry').click();
    await expectRoute(page, ROUTES.figures);
    const district = await api.call<FiguresReport>('GET', `/api/staff/figures?period=${year}`);
    assert(district.org.name === DISTRICT.orgName, `district_staff's figures are of ${district.org.name}`);
    await expectText(byTestId(page, 'figures-org-name'), exactly(DISTRICT.orgName), { what: 'the org shown' });
    await expectText(byTestId(page, 'figures-period'), `${year}年`, { what: 'the period shown' });
    const districtNewMembers = shown(figureOf(district, NEW_MEMBERS.key));
    await expectText(byTestId(page, `figure-value-${NEW_MEMBERS.key}`), exactly(districtNewMembers), {
      what: `the district's ${NEW_MEMBERS.label}`,
    });
    await ctx.checkpoint(cadre, 'figures-district');

    // 查看下级组织 → 西溪街道: the street's own figures.
    const streetOrg = district.children.find((child) => child.name === STREET.orgName);
    assert(streetOrg, `${STREET.orgName} should be among the district's sub-orgs`);
    const street = await api.call<FiguresReport>('GET', `/api/staff/figures?period=${year}&orgId=${streetOrg.id}`);
    // A figure where the street differs from the district, so the switch shows on the card.
    const changed = street.sections
      .flatMap((section) => section.figures)
      .find((figure) => !figure.current && shown(figure) !== shown(figureOf(district, figure.key)));
    assert(changed, `some figure of ${STREET.orgName} should differ from the whole district's`);
    await chooseInPicker(page, 'figures-child-picker', STREET.orgName);
    await expectText(byTestId(page, 'figures-org-name'), exactly(STREET.orgName), { what: 'the org after switching' });
    await expectText(byTestId(page, `figure-value-${changed.key}`), exactly(shown(changed)), {
      what: `the street's ${changed.label} (the district's is ${shown(figureOf(district, changed.key))})`,
    });
    const streetNewMembers = shown(figureOf(street, NEW_MEMBERS.key));
    await expectText(byTestId(page, `figure-value-${NEW_MEMBERS.key}`), exactly(streetNewMembers), {
      what: `the street's ${NEW_MEMBERS.label}`,
    });
    await ctx.checkpoint(cadre, 'figures-street');

    // 导出年度报表: the street's report for the year, then its .xlsx.
    await byTestId(page, 'figures-annual-report').click();
    await expectRoute(page, ROUTES.annualReport);
    await expectText(byTestId(page, 'annual-report-title'), exactly(`${STREET.orgName} ${year}年度工作报表`));
    const membership = byTestId(page, 'annual-report-table-membership');
    await membership.waitFor();
    const sectionTitle = (await membership.locator('.annual-report__subtitle').innerText()).trim();
    const membershipRows = await tableRows(membership, 'annual-report-table-membership-row');
    const newMembersRow = membershipRows.find((cells) => cells[0] === NEW_MEMBERS.label);
    assert(newMembersRow, `the report should have a ${NEW_MEMBERS.label} row: ${JSON.stringify(membershipRows)}`);
    assert(
      newMembersRow[1] === streetNewMembers,
      `the report's ${NEW_MEMBERS.label} ${newMembersRow[1]} should be the figures page's ${streetNewMembers}`,
    );
    // Every sub-org table, in order: one row per sub-org, its name then that section's figures.
    const childTables = await page
      .locator('[data-testid^="annual-report-children-"]:not([data-testid$="-row"])')
      .filter({ visible: true })
      .evaluateAll((tables) => tables.map((table) => table.getAttribute('data-testid')!));
    assert(childTables.length > 0, 'the report should list the sub-orgs of the street');
    const childHeads: string[] = [];
    const childRows: string[][] = [];
    for (const testId of childTables) {
      const table = byTestId(page, testId);
      const head = await table.locator('.report-table__row--head .report-table__cell').allInnerTexts();
      childHeads.push(...head.slice(1).map((text) => text.trim()));
      for (const [index, cells] of (await tableRows(table, `${testId}-row`)).entries()) {
        childRows[index] = index in childRows ? [...childRows[index]!, ...cells.slice(1)] : cells;
      }
    }
    assert(childRows.length > 0, `the report should have a row for each sub-org of ${STREET.orgName}`);
    await ctx.checkpoint(cadre, 'figures-annual-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId(page, 'annual-report-export').click(),
    ]);
    assert(
      download.suggestedFilename() === `${STREET.orgName}${year}年度工作报表.xlsx`,
      `saved as ${download.suggestedFilename()}`,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());

    // Each figure with its 其中 rows (by occupation…), in the same order on the page and in the sheet.
    const sheetMembership = sheetRows(book, sectionTitle);
    const sheetNewMembers = sheetMembership.find((cells) => cells[0] === NEW_MEMBERS.label);
    assert(
      sheetNewMembers?.[1] === newMembersRow[1],
      `the sheet's ${NEW_MEMBERS.label} ${sheetNewMembers?.[1]} should be the report's ${newMembersRow[1]}`,
    );
    const onScreen = membershipRows.map((cells) => firstCells(cells, 4));
    const inSheet = sheetMembership.slice(1).map((cells) => firstCells(cells, 4));
    assert(
      same(inSheet, onScreen),
      `the sheet ${sectionTitle} ${JSON.stringify(inSheet)} ≠ the page ${JSON.stringify(onScreen)}`,
    );

    const [sheetHead, ...sheetChildren] = sheetRows(book, '下级组织明细');
    assert(same(sheetHead?.slice(1), childHeads), `the sub-org sheet's columns ${JSON.stringify(sheetHead)}`);
    const total = sheetChildren.pop();
    assert(total?.[0] === `合计（${STREET.orgName}）`, `the sub-org sheet ends with the street's total: ${total?.[0]}`);
    assert(
      same(sheetChildren, childRows),
      `the sub-org sheet ${JSON.stringify(sheetChildren)} ≠ the page ${JSON.stringify(childRows)}`,
    );
  },
};

export const FIGURES_SCENARIOS: Scenario[] = [cadreFollowsWorkbenchAndExportsReport];
