/**
 * The annual report as a spreadsheet (.xlsx): one sheet per section (指标, 本年, 上年同期, 同比,
 * 口径说明, with breakdown rows under their figure) and one sheet of the child orgs, each figure
 * a column. Cells hold the displayed text (%, 天, 无数据) so what is printed and what is filed
 * read the same, except money: a number in 元 formatted as the page shows it (¥1,234.50), so a
 * cadre can add it up (SUM over the child orgs) without retyping.
 */
import ExcelJS from 'exceljs';
import {
  chinaCompactDate,
  figureChange,
  formatFigure,
  type AnnualReport,
  type Figure,
  type FigureFormat,
} from '@union/shared';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';

const HEADER = ['指标', '本年', '上年同期', '同比', '口径说明'];

/** How a money cell (元) reads in Excel: as formatFigure writes fen, a negative as ¥-1.00. */
export const YUAN_NUMBER_FORMAT = '"¥"#,##0.00;"¥"-#,##0.00';

type Cell = string | number;

/** Money as a number in 元 (no data stays 无数据); any other value as its displayed text. */
function valueCell(value: number | null, format: FigureFormat): Cell {
  return format === 'fen' && value !== null && Number.isFinite(value)
    ? Math.round(value) / 100
    : formatFigure(value, format);
}

/** A row whose numbers (money, the only numbers the report writes) read as ¥ in Excel. */
function addRow(sheet: ExcelJS.Worksheet, cells: Cell[]): ExcelJS.Row {
  const row = sheet.addRow(cells);
  cells.forEach((cell, index) => {
    if (typeof cell === 'number') row.getCell(index + 1).numFmt = YUAN_NUMBER_FORMAT;
  });
  return row;
}

function figureRows(sheet: ExcelJS.Worksheet, figure: Figure): void {
  addRow(sheet, [
    figure.current ? `${figure.label}（当前）` : figure.label,
    valueCell(figure.value, figure.format),
    figure.current ? '—' : valueCell(figure.lastYear, figure.format),
    figureChange(figure.value, figure.lastYear) ?? '—',
    figure.note ?? '',
  ]);
  for (const row of figure.breakdown ?? []) {
    addRow(sheet, [`  其中：${row.label}`, valueCell(row.value, figure.format), '', '', '']);
  }
}

function sectionSheet(book: ExcelJS.Workbook, section: AnnualReport['sections'][number]): void {
  const sheet = book.addWorksheet(section.title);
  sheet.columns = [{ width: 30 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 40 }];
  sheet.addRow(HEADER).font = { bold: true };
  for (const figure of section.figures) figureRows(sheet, figure);
}

function childSheet(book: ExcelJS.Workbook, report: AnnualReport): void {
  const sheet = book.addWorksheet('下级组织明细');
  const figures = report.sections.flatMap((section) => section.figures);
  sheet.addRow(['组织', ...figures.map((figure) => figure.label)]).font = { bold: true };
  sheet.getColumn(1).width = 28;
  for (const row of report.childRows) {
    addRow(sheet, [row.org.name, ...figures.map((figure) => valueCell(row.values[figure.key] ?? null, figure.format))]);
  }
  addRow(sheet, [
    `合计（${report.org.name}）`,
    ...figures.map((figure) => valueCell(figure.value, figure.format)),
  ]).font = { bold: true };
}

export async function annualReportSheet(report: AnnualReport): Promise<Download> {
  const book = new ExcelJS.Workbook();
  book.creator = report.org.name;
  const cover = book.addWorksheet('封面');
  cover.getColumn(1).width = 60;
  cover.addRow([`${report.org.name} ${report.year}年度工作报表`]).font = { bold: true, size: 16 };
  cover.addRow([`统计期间：${report.period.from} 至 ${report.period.to}（对比 ${report.comparedWith.label}）`]);
  cover.addRow([`生成时间：${report.generatedAt}`]);
  cover.addRow(['“无数据”表示该项无法统计（如未登记职工人数、当期无评价），不是 0。']);
  cover.addRow(['金额以“元”为单位的数字保存，可直接求和。']);
  for (const section of report.sections) sectionSheet(book, section);
  childSheet(book, report);
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return {
    bytes,
    contentType: XLSX_CONTENT_TYPE,
    fileName: `${report.org.name}-${report.year}年度工作报表-${chinaCompactDate(new Date(report.generatedAt))}.xlsx`,
    asciiName: `annual-report-${report.year}.xlsx`,
  };
}
