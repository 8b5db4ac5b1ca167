import { describe, expect, it } from 'vitest';
import {
  INDEXED_STATION_FIELDS,
  REQUIRED_SHEET_COLUMNS,
  sheetColumnOfField,
  STATION_SHEET_COLUMNS,
  STATION_SHEET_HEADERS,
  SUMMARY_STATION_FIELDS,
} from './station-fields';

describe('the station fields declared once', () => {
  it('give the sheet the headers offices keep, in the order export writes them', () => {
    expect(STATION_SHEET_COLUMNS.map((column) => STATION_SHEET_HEADERS[column])).toEqual([
      '站点名称',
      '站点类型',
      '承办单位',
      '详细地址',
      '经度',
      '纬度',
      '所属工会',
      '联系电话',
      '服务设施',
      '开放时间',
      '简介',
    ]);
    expect(REQUIRED_SHEET_COLUMNS).toEqual(['name', 'type', 'address', 'lng', 'lat', 'hours']);
  });

  it('name the sheet column of a contract field, the location by its coordinate', () => {
    expect(sheetColumnOfField(['location', 'lat'])).toBe('lat');
    expect(sheetColumnOfField(['location'])).toBe('lng');
    expect(sheetColumnOfField(['orgId'])).toBe('org');
    expect(sheetColumnOfField(['phone'])).toBe('phone');
    expect(sheetColumnOfField(['photos'])).toBeNull();
  });

  it('keep in the search index what search filters on and a result shows, never the description', () => {
    expect(SUMMARY_STATION_FIELDS.every((field) => INDEXED_STATION_FIELDS.includes(field))).toBe(true);
    expect(INDEXED_STATION_FIELDS).toEqual(expect.arrayContaining(['hours', 'orgId', 'amenities', 'location']));
    expect(INDEXED_STATION_FIELDS).not.toContain('description');
  });
});
