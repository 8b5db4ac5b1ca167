/**
 * The station sheet as union offices keep it: Chinese headers in the first row,
 * one station per row. Import reads it and export writes it, so both use this file;
 * its columns and headers are declared with the station's fields (STATION_FIELDS).
 */
import {
  AMENITIES,
  amenityFromText,
  amenityLabel,
  STATION_SHEET_COLUMNS,
  STATION_SHEET_HEADERS,
  type AmenityCode,
  type StationSheetColumn,
  type StationType,
} from '@union/shared';

/** Offices mark required headers with an asterisk or a note: "站点名称*", "经度（GCJ-02）". */
export function columnKeyOf(header: string): StationSheetColumn | null {
  const cleaned = header
    .replace(/[\s*＊]/g, '')
    .replace(/[（(].*[）)]$/, '')
    .trim();
  return STATION_SHEET_COLUMNS.find((key) => STATION_SHEET_HEADERS[key] === cleaned) ?? null;
}

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  union_station: '工会驿站',
  outdoor_worker_station: '户外劳动者服务站点',
  love_station: '爱心驿站',
  other: '其他',
};

export function stationTypeFromText(text: string): StationType | null {
  const entries = Object.entries(STATION_TYPE_LABELS) as [StationType, string][];
  return entries.find(([code, label]) => text === label || text === code)?.[0] ?? null;
}

export const AMENITY_SEPARATOR = '、';

/** "饮水、卫生间,WiFi" → codes, and the names no amenity answers to. */
export function amenitiesFromText(text: string): { codes: AmenityCode[]; unknown: string[] } {
  const codes = new Set<AmenityCode>();
  const unknown: string[] = [];
  for (const part of text.split(/[、,，;；]/)) {
    const name = part.trim();
    if (!name) continue;
    const code = amenityFromText(name);
    if (code) codes.add(code);
    else unknown.push(name);
  }
  return { codes: [...codes], unknown };
}

export const amenitiesToText = (codes: readonly AmenityCode[]) => codes.map(amenityLabel).join(AMENITY_SEPARATOR);

export const AMENITY_LABEL_LIST = AMENITIES.map((amenity) => amenity.label).join(AMENITY_SEPARATOR);

/** Rough bounds of China's territory (lat 3–54, lng 73–136): a point outside is a typo or the wrong datum. */
export const CHINA_BOUNDS = { minLat: 3, maxLat: 54, minLng: 73, maxLng: 136 };

export const latInChina = (lat: number) => lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat;
export const lngInChina = (lng: number) => lng >= CHINA_BOUNDS.minLng && lng <= CHINA_BOUNDS.maxLng;
