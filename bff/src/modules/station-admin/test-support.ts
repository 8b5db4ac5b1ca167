/** Test helpers for the station-admin tests: request bodies, uploads and sheets built with exceljs. */
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { TestApi } from '../../../test/harness';

/** A valid station for the editor, in `orgId`; override any field. */
export function stationBody(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: '西溪湿地工会驿站',
    type: 'union_station',
    hostName: '农业银行西溪支行',
    address: '杭州市西湖区天目山路 518 号',
    location: { lat: 30.2741, lng: 120.0652 },
    orgId,
    phone: '0571-88886666',
    amenities: ['drinking_water', 'microwave', 'toilet'],
    hours: {
      alwaysOpen: false,
      weekly: [
        [{ open: '08:00', close: '20:00' }],
        [{ open: '08:00', close: '20:00' }],
        [{ open: '08:00', close: '20:00' }],
        [{ open: '08:00', close: '20:00' }],
        [{ open: '08:00', close: '20:00' }],
        [{ open: '09:00', close: '17:00' }],
        [],
      ],
      exceptions: [],
    },
    description: '为户外劳动者提供饮水、热饭和休息。',
    ...overrides,
  };
}

/** Sends raw bytes, as the mini-program's uploadFile does. */
export async function sendBytes(
  api: TestApi,
  method: string,
  path: string,
  options: { token: string; bytes: Uint8Array; contentType: string },
) {
  const response = await fetch(api.url + path, {
    method,
    headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': options.contentType },
    body: options.bytes,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])));
  return Buffer.concat([length, Buffer.from(type, 'ascii'), data, crc]);
}

/** A real PNG of `size`×`size` grey pixels. */
export function makePng(size = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const scanlines = Buffer.alloc(size * (size + 1), 0x80);
  for (let row = 0; row < size; row++) scanlines[row * (size + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG (SOI + APP0 JFIF) followed by filler: enough for content sniffing. */
export const SMALL_JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(2048, 0x42),
  Buffer.from('ffd9', 'hex'),
]);

export const SHEET_HEADERS = [
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
];

export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('驿站');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function rowsOfXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text;
    });
    rows.push(Array.from(cells, (cell) => cell ?? ''));
  });
  return rows;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
