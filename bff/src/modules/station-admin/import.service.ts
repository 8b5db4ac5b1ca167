/**
 * Checking a station sheet: every bad row is reported with its row and column, and rows
 * matching a station already in the importer's scope (same name and address) are
 * flagged, so the same sheet committed twice never duplicates stations. Writing a
 * clean sheet is the import job's (import-runner.ts).
 */
import { Types } from 'mongoose';
import {
  MAX_IMPORT_ROWS,
  REQUIRED_SHEET_COLUMNS,
  STATION_SHEET_HEADERS,
  type StationInputValues,
  type StationSheetColumn,
} from '@union/shared';
import { BadRequestError } from '../../http/errors';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { StationModel } from '../stations/station.model';
import { readStationRow, type ImportProblem, type RowContext } from './import-rows';
import { columnKeyOf } from './sheet-format';
import type { SheetRow } from './sheet-read';
/** Title rows ("西湖区工会驿站名单") may sit above the headers. */
const HEADER_SEARCH_ROWS = 5;

/** One clean row: the station to create and the sheet row it came from. */
export interface PlannedStation {
  row: number;
  input: StationInputValues;
  org: OrganizationDoc;
}

export interface ImportPlan {
  rows: number;
  validRows: number;
  problems: ImportProblem[];
  stations: PlannedStation[];
}

function locateHeader(sheet: SheetRow[]) {
  const candidates = sheet.slice(0, HEADER_SEARCH_ROWS);
  const header = candidates.find((row) => row.cells.some((cell) => columnKeyOf(cell) === 'name')) ?? sheet[0];
  const columnIndex: Partial<Record<StationSheetColumn, number>> = {};
  header?.cells.forEach((cell, index) => {
    const key = columnKeyOf(cell);
    // Unknown columns (序号, 备注 …) are ignored; a repeated header keeps its first column.
    if (key && columnIndex[key] === undefined) columnIndex[key] = index;
  });
  return { header, columnIndex, dataRows: header ? sheet.slice(sheet.indexOf(header) + 1) : [] };
}

async function organizationsByName(scope: Types.ObjectId[]): Promise<Map<string, OrganizationDoc[]>> {
  const orgs = await OrganizationModel.find({ path: { $in: scope } }).lean<OrganizationDoc[]>();
  const byName = new Map<string, OrganizationDoc[]>();
  for (const org of orgs) byName.set(org.name, [...(byName.get(org.name) ?? []), org]);
  return byName;
}

export const stationKey = (name: string, address: string) => `${name}\u0000${address}`;

/**
 * Checks every row; nothing is written. `scope` is the importer's union-office subtrees:
 * 所属工会 is looked up there, and so are the stations a row may repeat.
 */
export async function checkStationSheet(
  scope: Types.ObjectId[],
  sheet: SheetRow[],
  defaultOrg: OrganizationDoc | null,
): Promise<ImportPlan> {
  const { plan, columnIndex } = await readStationSheet(scope, sheet, defaultOrg);
  const existing = await existingStationKeys(scope, plan.stations);
  const stations: PlannedStation[] = [];
  for (const entry of plan.stations) {
    if (existing.has(stationKey(entry.input.name, entry.input.address))) {
      plan.problems.push({ row: entry.row, column: STATION_SHEET_HEADERS.name, message: ALREADY_IMPORTED });
    } else stations.push(entry);
  }
  const position = (column: string) => {
    const key = (Object.keys(STATION_SHEET_HEADERS) as StationSheetColumn[]).find(
      (candidate) => STATION_SHEET_HEADERS[candidate] === column,
    );
    return key ? (columnIndex[key] ?? 0) : 0;
  };
  plan.problems.sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
  return { ...plan, validRows: stations.length, stations };
}

export const ALREADY_IMPORTED = '已有同名同地址的驿站，可能已经导入过';

/**
 * Reads every row into a station or its problems, without looking at the stations
 * already stored (the import job re-reads its sheet this way when it resumes).
 */
export async function readStationSheet(
  scope: Types.ObjectId[],
  sheet: SheetRow[],
  defaultOrg: OrganizationDoc | null,
): Promise<{ plan: ImportPlan; columnIndex: Partial<Record<StationSheetColumn, number>> }> {
  const { header, columnIndex, dataRows } = locateHeader(sheet);
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw BadRequestError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把表格拆分后分批导入`, 'sheet_too_long');
  }
  const missing = REQUIRED_SHEET_COLUMNS.filter((key) => columnIndex[key] === undefined).map(
    (key) => STATION_SHEET_HEADERS[key],
  );
  if (!header || missing.length > 0) {
    const message = `第一行应为表头，缺少必填列：${missing.join('、')}`;
    const problems = [{ row: header?.number ?? 1, column: missing.join('、'), message }];
    return { plan: { rows: dataRows.length, validRows: 0, problems, stations: [] }, columnIndex };
  }
  if (dataRows.length === 0) {
    const problems = [{ row: header.number + 1, column: STATION_SHEET_HEADERS.name, message: '表格中没有驿站数据' }];
    return { plan: { rows: 0, validRows: 0, problems, stations: [] }, columnIndex };
  }

  const context: RowContext = { columnIndex, orgsByName: await organizationsByName(scope), defaultOrg };
  const problems: ImportProblem[] = [];
  const good: PlannedStation[] = [];
  const firstRowOf = new Map<string, number>();
  for (const row of dataRows) {
    const result = readStationRow(row, context);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const key = stationKey(result.input.name, result.input.address);
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      problems.push({
        row: row.number,
        column: STATION_SHEET_HEADERS.name,
        message: `与第 ${earlier} 行重复（站点名称和详细地址都相同）`,
      });
      continue;
    }
    firstRowOf.set(key, row.number);
    good.push({ ...result, row: row.number });
  }

  return { plan: { rows: dataRows.length, validRows: good.length, problems, stations: good }, columnIndex };
}

/**
 * Name-and-address keys of the published stations in `scope` that `entries` would repeat,
 * leaving out those written by the import `exceptBatch` (a resumed job's own).
 */
export async function existingStationKeys(
  scope: Types.ObjectId[],
  entries: readonly PlannedStation[],
  exceptBatch?: string,
): Promise<Set<string>> {
  const names = [...new Set(entries.map((entry) => entry.input.name))];
  if (names.length === 0) return new Set();
  const stations = await StationModel.find(
    {
      orgPath: { $in: scope },
      published: true,
      name: { $in: names },
      ...(exceptBatch ? { importBatchId: { $ne: exceptBatch } } : {}),
    },
    { name: 1, address: 1 },
  ).lean();
  return new Set(stations.map((station) => stationKey(station.name, station.address)));
}
