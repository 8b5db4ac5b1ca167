/** Turns an uploaded .xlsx or .csv into rows of trimmed cell texts, keeping the sheet's row numbers. */
import ExcelJS from 'exceljs';
import { BadRequestError } from '../../http/errors';

export interface SheetRow {
  /** The row number a person sees in the spreadsheet (the first row is 1). */
  number: number;
  /** Cell texts by column, the first column at index 0. */
  cells: string[];
}

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell === '');

export async function readSheet(bytes: Buffer, kind: 'xlsx' | 'csv'): Promise<SheetRow[]> {
  const rows = kind === 'xlsx' ? await readWorkbook(bytes) : readCsvRows(bytes);
  return rows.filter((row) => !isBlank(row));
}

async function readWorkbook(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw BadRequestError('无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏', 'unreadable_sheet');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw BadRequestError('Excel 文件里没有工作表', 'unreadable_sheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text.trim();
    });
    rows.push({ number, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return rows;
}

function readCsvRows(bytes: Buffer): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw BadRequestError(
      'CSV 文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传',
      'csv_not_utf8',
    );
  }
  return parseCsv(text).map((cells, index) => ({ number: index + 1, cells: cells.map((cell) => cell.trim()) }));
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (which may hold
 * commas, line breaks and doubled quotes), lines ending in CRLF or LF. Blank lines stay
 * as empty records so record numbers match the row numbers Excel shows.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
