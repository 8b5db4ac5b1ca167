/**
 * Reading one sheet row into a station input, with every problem named by its row
 * and its Chinese column header, the way the person fixing the sheet will look for it.
 */
import type { z } from 'zod';
import {
  parseOpeningHoursText,
  sheetColumnOfField,
  STATION_SHEET_HEADERS,
  StationInputSchema,
  type ImportProblemSchema,
  type OpeningHours,
  type StationInputValues,
  type StationSheetColumn,
} from '@union/shared';
// Row problems carry zod's messages to the importing staff member: in Chinese.
import '../../validation-locale';
import type { OrganizationDoc } from '../organizations/organization.model';
import { openingHoursProblems } from './hours-rules';
import {
  AMENITY_LABEL_LIST,
  amenitiesFromText,
  CHINA_BOUNDS,
  latInChina,
  lngInChina,
  stationTypeFromText,
} from './sheet-format';
import type { SheetRow } from './sheet-read';

export type ImportProblem = z.infer<typeof ImportProblemSchema>;

export interface RowContext {
  /** Where each known column sits in the sheet. */
  columnIndex: Partial<Record<StationSheetColumn, number>>;
  /** Organisations in the importer's scope by name (a name may be shared). */
  orgsByName: Map<string, OrganizationDoc[]>;
  /** For rows whose 所属工会 is empty. */
  defaultOrg: OrganizationDoc | null;
}

export type RowResult =
  { ok: true; input: StationInputValues; org: OrganizationDoc } | { ok: false; problems: ImportProblem[] };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

export function readStationRow(row: SheetRow, context: RowContext): RowResult {
  const problems = new Map<StationSheetColumn, string>();
  const flag = (key: StationSheetColumn, message: string) => {
    if (!problems.has(key)) problems.set(key, message);
  };
  const cell = (key: StationSheetColumn) => {
    const index = context.columnIndex[key];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const required = (key: StationSheetColumn) => {
    const text = cell(key);
    if (!text) flag(key, `请填写${STATION_SHEET_HEADERS[key]}`);
    return text;
  };

  const name = required('name');
  const address = required('address');
  const typeText = required('type');
  const type = typeText ? stationTypeFromText(typeText) : null;
  if (typeText && !type) flag('type', '站点类型应为 工会驿站、户外劳动者服务站点、爱心驿站 或 其他');

  const coordinate = (key: 'lng' | 'lat') => {
    const text = required(key);
    if (text && !NUMBER.test(text)) flag(key, `${STATION_SHEET_HEADERS[key]}应为数字（GCJ-02 坐标，如 120.1551）`);
    return text && NUMBER.test(text) ? Number(text) : NaN;
  };
  const lng = coordinate('lng');
  const lat = coordinate('lat');
  if (!Number.isNaN(lng) && !Number.isNaN(lat) && !(lngInChina(lng) && latInChina(lat))) {
    const { minLat, maxLat, minLng, maxLng } = CHINA_BOUNDS;
    if (lngInChina(lat) && latInChina(lng)) {
      flag('lng', `经度和纬度可能填反了：中国境内经度约 ${minLng}–${maxLng}，纬度约 ${minLat}–${maxLat}`);
    } else {
      if (!lngInChina(lng)) flag('lng', `经度超出中国境内范围（约 ${minLng}–${maxLng}），请核对坐标`);
      if (!latInChina(lat)) flag('lat', `纬度超出中国境内范围（约 ${minLat}–${maxLat}），请核对坐标`);
    }
  }

  const org = organizationOf(cell('org'), context, (message) => flag('org', message));

  const amenities = amenitiesFromText(cell('amenities'));
  if (amenities.unknown.length > 0) {
    flag('amenities', `未知的服务设施：${amenities.unknown.join('、')}。可填写：${AMENITY_LABEL_LIST}`);
  }

  let hours: OpeningHours | undefined;
  const hoursText = required('hours');
  if (hoursText) {
    const parsed = parseOpeningHoursText(hoursText);
    if (!parsed.ok) flag('hours', parsed.message);
    else {
      const hourProblems = openingHoursProblems(parsed.hours);
      if (hourProblems.length > 0) flag('hours', hourProblems[0]!.message);
      else hours = parsed.hours;
    }
  }

  // The contract's own rules (lengths, phone format) for whatever the checks above let through.
  const checked = StationInputSchema.safeParse({
    name,
    type: type ?? typeText,
    hostName: cell('hostName'),
    address,
    location: { lat, lng },
    orgId: org ? String(org._id) : '',
    phone: cell('phone'),
    amenities: amenities.codes,
    hours,
    description: cell('description'),
  });
  const coordinatesFlagged = problems.has('lng') || problems.has('lat');
  for (const issue of checked.success ? [] : checked.error.issues) {
    // One hint per coordinate mistake: "swapped" already explains a latitude of 120.
    if (issue.path[0] === 'location' && coordinatesFlagged) continue;
    flag(sheetColumnOfField(issue.path) ?? 'name', issue.message);
  }

  if (problems.size > 0 || !checked.success || !org) {
    return {
      ok: false,
      problems: [...problems].map(([key, message]) => ({
        row: row.number,
        column: STATION_SHEET_HEADERS[key],
        message,
      })),
    };
  }
  return { ok: true, input: checked.data, org };
}

function organizationOf(name: string, context: RowContext, flag: (message: string) => void): OrganizationDoc | null {
  if (!name) {
    if (!context.defaultOrg) flag('请填写所属工会，或在导入时选择默认归属的组织');
    return context.defaultOrg;
  }
  const matches = context.orgsByName.get(name) ?? [];
  if (matches.length === 0) flag(`所属工会“${name}”不存在或不在您的管辖范围内`);
  if (matches.length > 1) flag(`您管辖的范围内有多个名为“${name}”的组织，请留空并在导入时选择组织`);
  return matches.length === 1 ? matches[0]! : null;
}
