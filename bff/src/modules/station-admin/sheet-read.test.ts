import { describe, expect, it } from 'vitest';
import { parseCsv, readSheet } from './sheet-read';

describe('parseCsv', () => {
  it('splits on commas and line ends (CRLF or LF), keeping empty fields', () => {
    expect(parseCsv('a,b,,d\r\ne,f\n,\n')).toEqual([
      ['a', 'b', '', 'd'],
      ['e', 'f'],
      ['', ''],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"饮水,卫生间","他说""好""","第一行\r\n第二行"\nx')).toEqual([
      ['饮水,卫生间', '他说"好"', '第一行\r\n第二行'],
      ['x'],
    ]);
  });

  it('keeps blank lines as empty records so record numbers match Excel’s row numbers', () => {
    expect(parseCsv('h\n\nrow3')).toEqual([['h'], [''], ['row3']]);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(parseCsv('5"屏,b')).toEqual([['5"屏', 'b']]);
  });
});

describe('readSheet', () => {
  it('drops the byte-order mark and blank rows, and numbers rows as the sheet does', async () => {
    const rows = await readSheet(Buffer.from('\uFEFF站点名称, 经度 \n\n文一路驿站,120.1\n', 'utf8'), 'csv');
    expect(rows).toEqual([
      { number: 1, cells: ['站点名称', '经度'] },
      { number: 3, cells: ['文一路驿站', '120.1'] },
    ]);
  });
});
