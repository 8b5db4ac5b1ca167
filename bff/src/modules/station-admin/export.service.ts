/** The stations in scope as the same sheet the import reads, so an export can be edited and imported again. */
import ExcelJS from 'exceljs';
import { formatOpeningHoursText, SHEET_CONTENT_TYPES } from '@union/shared';
import type { Actor } from '../auth/actor';
import { organizationNames } from '../organizations/service';
import { STATION_OPERATOR_ROLES } from '../stations/policy';
import { hoursOf } from '../stations/presenter';
import { StationModel, type StationDoc } from '../stations/station.model';
import { amenitiesToText, COLUMN_ORDER, COLUMNS, STATION_TYPE_LABELS, type ColumnKey } from './sheet-format';
import { stationsInScope } from './scope';

export const XLSX_CONTENT_TYPE = SHEET_CONTENT_TYPES[0];

const COLUMN_WIDTHS: Partial<Record<ColumnKey, number>> = {
  name: 24,
  type: 18,
  hostName: 20,
  address: 36,
  org: 22,
  phone: 16,
  amenities: 36,
  hours: 40,
  description: 40,
};

function rowOf(station: StationDoc, orgName: string): Record<ColumnKey, string | number> {
  return {
    name: station.name,
    type: STATION_TYPE_LABELS[station.type],
    hostName: station.hostName,
    address: station.address,
    lng: station.location.lng,
    lat: station.location.lat,
    org: orgName,
    phone: station.phone,
    amenities: amenitiesToText(station.amenities),
    hours: formatOpeningHoursText(hoursOf(station)),
    description: station.description,
  };
}

export async function exportStationSheet(actor: Actor): Promise<Buffer> {
  const stations = await StationModel.find(stationsInScope(actor, STATION_OPERATOR_ROLES))
    .sort({ _id: 1 })
    .lean<StationDoc[]>();
  const names = await organizationNames(stations.map((station) => station.orgId));

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('驿站');
  sheet.columns = COLUMN_ORDER.map((key) => ({ header: COLUMNS[key], key, width: COLUMN_WIDTHS[key] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  // Phone numbers are text: as numbers Excel would drop a landline's leading zero.
  sheet.getColumn('phone').numFmt = '@';
  for (const station of stations) sheet.addRow(rowOf(station, names.get(String(station.orgId)) ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `驿站导出-20260315.xlsx`, dated in China time. */
export function exportFileName(now: Date): string {
  const chinaDate = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  return `驿站导出-${chinaDate}.xlsx`;
}

/** RFC 6266 with an ASCII fallback and the UTF-8 name (RFC 5987) browsers show. */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/^-/, 'stations-') || 'stations.xlsx';
  return `attachment; filename="${ascii.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
