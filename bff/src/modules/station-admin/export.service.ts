/** The stations in scope as the same sheet the import reads, so an export can be edited and imported again. */
import ExcelJS from 'exceljs';
import {
  chinaCompactDate,
  formatOpeningHoursText,
  STATION_SHEET_COLUMNS,
  STATION_SHEET_HEADERS,
  type StationSheetColumn,
} from '@union/shared';
import { XLSX_CONTENT_TYPE, type Download } from '../../http/download';
import type { Actor } from '../auth/actor';
import { organizationNames } from '../organizations/service';
import { stationsInScope } from '../stations/policy';
import { hoursOf } from '../stations/presenter';
import { StationModel, type StationDoc } from '../stations/station.model';
import { amenitiesToText, STATION_TYPE_LABELS } from './sheet-format';

const COLUMN_WIDTHS: Partial<Record<StationSheetColumn, number>> = {
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

function rowOf(station: StationDoc, orgName: string): Record<StationSheetColumn, string | number> {
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
  const stations = await StationModel.find(stationsInScope(actor)).sort({ _id: 1 }).lean<StationDoc[]>();
  const names = await organizationNames(stations.map((station) => station.orgId));

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('驿站');
  sheet.columns = STATION_SHEET_COLUMNS.map((key) => ({
    header: STATION_SHEET_HEADERS[key],
    key,
    width: COLUMN_WIDTHS[key] ?? 12,
  }));
  sheet.getRow(1).font = { bold: true };
  // Phone numbers are text: as numbers Excel would drop a landline's leading zero.
  sheet.getColumn('phone').numFmt = '@';
  for (const station of stations) sheet.addRow(rowOf(station, names.get(String(station.orgId)) ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `驿站导出-20260315.xlsx` (`stations-20260315.xlsx` where only ASCII is read), dated in China time. */
export async function stationSheetDownload(actor: Actor, now: Date): Promise<Download> {
  const date = chinaCompactDate(now);
  return {
    bytes: await exportStationSheet(actor),
    contentType: XLSX_CONTENT_TYPE,
    fileName: `驿站导出-${date}.xlsx`,
    asciiName: `stations-${date}.xlsx`,
  };
}
