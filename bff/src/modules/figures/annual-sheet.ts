/**
 * The annual report as a spreadsheet (.xlsx): one sheet per section (指标, 本年, 上年同期, 同比,
 * 口径说明, with breakdown rows under their figure) and one sheet of the child orgs, each figure
 * a column. Cells hold the displayed text (¥, %, 天, 无数据) so what is printed and what is
 * filed read the same; money also keeps a number column in 元 for those who add it up.
 */
import ExcelJS from 'exceljs';
import { chinaCompactDate, figureChange, formatFigure, type AnnualReport } from '@union/shared';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';

const HEADER = ['指标', '本年', '上年同期', '同比', '口径说明'];

function sectionSheet(book: ExcelJS.Workbook, section: AnnualReport['sections'][number]): void {
  const sheet = book.addWorksheet(section.title);
  sheet.columns = [{ width: 30 }, { width: 18 }, { width: 18 }, { width: 10 }, { width: 40 }];
  sheet.addRow(HEADER).font = { bold: true };
  for (const figure of section.figures) {
    sheet.addRow([
      figure.current ? `${figure.label}（当前）` : figure.label,
      formatFigure(figure.value, figure.format),
      figure.current ? '—' : formatFigure(figure.lastYear, figure.format),
      figureChange(figure.value, figure.lastYear) ?? '—',
      figure.note ?? '',
    ]);
    for (const row of figure.breakdown ?? []) {
      sheet.addRow([`  其中：${row.label}`, formatFigure(row.value, figure.format), '', '', '']);
    }
  }
}

function childSheet(book: ExcelJS.Workbook, report: AnnualReport): void {
  const sheet = book.addWorksheet('下级组织明细');
  const figures = report.sections.flatMap((section) => section.figures);
  sheet.addRow(['组织', ...figures.map((figure) => figure.label)]).font = { bold: true };
  sheet.getColumn(1).width = 28;
  for (const row of report.childRows) {
    sheet.addRow([
      row.org.name,
      ...figures.map((figure) => formatFigure(row.values[figure.key] ?? null, figure.format)),
    ]);
  }
  sheet.addRow([
    `合计（${report.org.name}）`,
    ...figures.map((figure) => formatFigure(figure.value, figure.format)),
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
