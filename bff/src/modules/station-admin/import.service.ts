/**
 * Bulk import from a sheet: a dry run reports every bad row; a commit writes all rows
 * or none. Rows are first inserted unpublished under one batch id (invisible to search
 * and to staff), then published one by one with fresh revisions; on any failure the
 * batch is withdrawn.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { BadRequestError, HttpError } from '../../http/errors';
import type { Logger } from '../../logger';
import { scopeOrgIds, type Actor } from '../auth/actor';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { nextStationRevision, reserveStationRevisions } from '../stations/station-revision';
import { stationsChanged } from '../stations/station-search';
import { StationModel } from '../stations/station.model';
import { readStationRow, type ImportProblem, type RowContext } from './import-rows';
import { editableFields, type StationInputValues } from './station-admin.service';
import { COLUMNS, columnKeyOf, REQUIRED_COLUMNS, type ColumnKey } from './sheet-format';
import type { SheetRow } from './sheet-read';
import { stationsInScope } from './scope';

/** Larger sheets are split by the office; a city's whole list is a few hundred to a few thousand. */
export const MAX_IMPORT_ROWS = 5000;
/** Title rows ("西湖区工会驿站名单") may sit above the headers. */
const HEADER_SEARCH_ROWS = 5;

export interface ImportPlan {
  rows: number;
  validRows: number;
  problems: ImportProblem[];
  stations: { input: StationInputValues; org: OrganizationDoc }[];
}

function locateHeader(sheet: SheetRow[]) {
  const candidates = sheet.slice(0, HEADER_SEARCH_ROWS);
  const header = candidates.find((row) => row.cells.some((cell) => columnKeyOf(cell) === 'name')) ?? sheet[0];
  const columnIndex: Partial<Record<ColumnKey, number>> = {};
  header?.cells.forEach((cell, index) => {
    const key = columnKeyOf(cell);
    // Unknown columns (序号, 备注 …) are ignored; a repeated header keeps its first column.
    if (key && columnIndex[key] === undefined) columnIndex[key] = index;
  });
  return { header, columnIndex, dataRows: header ? sheet.slice(sheet.indexOf(header) + 1) : [] };
}

async function organizationsByName(actor: Actor): Promise<Map<string, OrganizationDoc[]>> {
  const scope = scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));
  const orgs = await OrganizationModel.find({ path: { $in: scope } }).lean<OrganizationDoc[]>();
  const byName = new Map<string, OrganizationDoc[]>();
  for (const org of orgs) byName.set(org.name, [...(byName.get(org.name) ?? []), org]);
  return byName;
}

const stationKey = (name: string, address: string) => `${name}\u0000${address}`;

/** Checks every row; nothing is written. */
export async function checkStationSheet(
  actor: Actor,
  sheet: SheetRow[],
  defaultOrg: OrganizationDoc | null,
): Promise<ImportPlan> {
  const { header, columnIndex, dataRows } = locateHeader(sheet);
  if (dataRows.length > MAX_IMPORT_ROWS) {
    throw BadRequestError(`一次最多导入 ${MAX_IMPORT_ROWS} 行，请把表格拆分后分批导入`, 'sheet_too_long');
  }
  const missing = REQUIRED_COLUMNS.filter((key) => columnIndex[key] === undefined).map((key) => COLUMNS[key]);
  if (!header || missing.length > 0) {
    const message = `第一行应为表头，缺少必填列：${missing.join('、')}`;
    return {
      rows: dataRows.length,
      validRows: 0,
      problems: [{ row: header?.number ?? 1, column: missing.join('、'), message }],
      stations: [],
    };
  }
  if (dataRows.length === 0) {
    return {
      rows: 0,
      validRows: 0,
      problems: [{ row: header.number + 1, column: COLUMNS.name, message: '表格中没有驿站数据' }],
      stations: [],
    };
  }

  const context: RowContext = { columnIndex, orgsByName: await organizationsByName(actor), defaultOrg };
  const problems: ImportProblem[] = [];
  const good: (ImportPlan['stations'][number] & { row: number })[] = [];
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
        column: COLUMNS.name,
        message: `与第 ${earlier} 行重复（站点名称和详细地址都相同）`,
      });
      continue;
    }
    firstRowOf.set(key, row.number);
    good.push({ ...result, row: row.number });
  }

  const existing = await existingStationKeys(actor, [...new Set(good.map((entry) => entry.input.name))]);
  const stations: ImportPlan['stations'] = [];
  for (const entry of good) {
    if (existing.has(stationKey(entry.input.name, entry.input.address))) {
      problems.push({ row: entry.row, column: COLUMNS.name, message: '已有同名同地址的驿站，可能已经导入过' });
    } else stations.push({ input: entry.input, org: entry.org });
  }

  const position = (column: string) => {
    const key = (Object.keys(COLUMNS) as ColumnKey[]).find((candidate) => COLUMNS[candidate] === column);
    return key ? (columnIndex[key] ?? 0) : 0;
  };
  problems.sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
  return { rows: dataRows.length, validRows: stations.length, problems, stations };
}

async function existingStationKeys(actor: Actor, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const stations = await StationModel.find(
    { ...stationsInScope(actor, UNION_OFFICE_ROLES), name: { $in: names } },
    { name: 1, address: 1 },
  ).lean();
  return new Set(stations.map((station) => stationKey(station.name, station.address)));
}

/** Writes a checked plan all at once; returns how many stations were created. */
export async function commitStationImport(plan: ImportPlan, logger: Logger): Promise<number> {
  const batchId = randomUUID();
  const count = plan.stations.length;
  try {
    const firstStaged = await reserveStationRevisions(count);
    const staged = await StationModel.insertMany(
      plan.stations.map(({ input, org }, index) => ({
        ...editableFields(input, org),
        status: 'open',
        published: false,
        importBatchId: batchId,
        revision: firstStaged + index,
      })),
    );
    // Each published station needs a revision above any an index has seen, taken just before
    // its write: a block reserved up front could land after the indexes stopped waiting for it.
    for (const station of staged) {
      await StationModel.updateOne(
        { _id: station._id, importBatchId: batchId },
        { $set: { published: true, revision: await nextStationRevision() } },
      );
    }
    await stationsChanged();
    return count;
  } catch (error) {
    logger.error({ err: error, batchId }, 'station import failed; withdrawing the batch');
    await withdrawBatch(batchId).catch((cleanupError: unknown) =>
      logger.error({ err: cleanupError, batchId }, 'could not withdraw a failed station import'),
    );
    throw new HttpError(500, 'import_failed', '导入中途出错，已全部撤销，请稍后重试');
  }
}

/**
 * Takes back whatever a failed import wrote. Rows never published are deleted. Rows
 * already published are unpublished with fresh revisions and kept, invisible: the
 * other instances' indexes follow revisions, so a deleted station would stay on
 * their maps, while an unpublished one is dropped at their next poll.
 */
async function withdrawBatch(batchId: string) {
  await StationModel.deleteMany({ importBatchId: batchId, published: false });
  const published = await StationModel.find({ importBatchId: batchId, published: true }, { _id: 1 }).lean();
  for (const station of published) {
    await StationModel.updateOne(
      { _id: station._id },
      { $set: { published: false, revision: await nextStationRevision() } },
    );
  }
  await stationsChanged();
}
