import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { StationModel } from '../stations/station.model';
import { rowsOfXlsx, sendBytes, SHEET_HEADERS, stationBody, XLSX_TYPE } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihu: string;
let binjiang: string;

const closedAllDay: never[] = [];
const interval = (open: string, close: string) => ({ open, close });

/** Stations whose every field the sheet carries, with the hour shapes offices use. */
const stations = () => [
  stationBody(orgs.xixi.id, { name: '导出一号驿站', phone: '0571-86001234', description: '含“引号”，逗号,和\n换行' }),
  stationBody(orgs.xihuTech.id, {
    name: '导出二号驿站',
    type: 'outdoor_worker_station',
    hostName: '',
    address: '杭州市西湖区留和路 9 号',
    location: { lat: 30.246813, lng: 120.047512 },
    phone: '',
    amenities: [],
    hours: { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] },
    description: '',
  }),
  stationBody(orgs.xihuCommunity.id, {
    name: '导出三号驿站',
    type: 'love_station',
    address: '杭州市西湖区文二路 88 号',
    amenities: ['ebike_charging', 'phone_charging', 'shower', 'wifi'],
    hours: {
      alwaysOpen: false,
      weekly: [
        [interval('06:00', '11:00'), interval('17:00', '02:00')],
        [interval('06:00', '11:00'), interval('17:00', '02:00')],
        closedAllDay,
        [interval('00:00', '24:00')],
        [interval('08:30', '12:00')],
        [interval('22:00', '06:00')],
        [interval('22:00', '06:00')],
      ],
      exceptions: [],
    },
  }),
];

async function exportSheet(token: string) {
  const response = await fetch(`${api.url}/api/staff/stations/export`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  xihu = await loginStaff(api, 'xihu_staff');
  binjiang = await loginStaff(api, 'binjiang_staff');
  for (const body of stations()) {
    const response = await api.request('POST', '/api/staff/stations', { token: xihu, body });
    if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  }
});
afterAll(() => api.stop());

describe('station sheet export', () => {
  it('downloads the stations in scope as an .xlsx named with today’s date', async () => {
    const exported = await exportSheet(xihu);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe(XLSX_TYPE);
    const disposition = exported.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="stations-\d{8}\.xlsx"; filename\*=UTF-8''/);
    const fileName = decodeURIComponent(disposition.split("UTF-8''")[1]!);
    expect(fileName).toMatch(/^驿站导出-\d{8}\.xlsx$/);

    const rows = await rowsOfXlsx(exported.bytes);
    expect(rows[0]).toEqual(SHEET_HEADERS);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['导出一号驿站', '导出二号驿站', '导出三号驿站']);
    const first = rows[1]!;
    expect(first).toEqual([
      '导出一号驿站',
      '工会驿站',
      '农业银行西溪支行',
      '杭州市西湖区天目山路 518 号',
      '120.0652',
      '30.2741',
      '西溪街道总工会',
      '0571-86001234',
      '饮水、热饭/微波炉、卫生间',
      '周一至周五 08:00-20:00；周六 09:00-17:00',
      '含“引号”，逗号,和\n换行',
    ]);
    expect(rows[2]![9]).toBe('24小时');
  });

  it('leaves out other districts’ stations', async () => {
    const rows = await rowsOfXlsx((await exportSheet(binjiang)).bytes);
    expect(rows).toEqual([SHEET_HEADERS]);
  });

  it('round-trips: an exported sheet imports again cleanly and exports the same', async () => {
    const first = await exportSheet(xihu);
    const before = await rowsOfXlsx(first.bytes);
    // The same sheet into a district that no longer has these stations, as when moving to a new system.
    await StationModel.deleteMany({ name: /^导出/ });

    const upload = (mode: string) =>
      sendBytes(api, 'POST', `/api/staff/stations/import?mode=${mode}`, {
        token: xihu,
        bytes: first.bytes,
        contentType: XLSX_TYPE,
      });
    const dryRun = await upload('dry-run');
    expect(dryRun.body).toMatchObject({ rows: 3, validRows: 3, problems: [], created: 0 });
    const committed = await upload('commit');
    expect(committed.body).toMatchObject({ rows: 3, validRows: 3, problems: [], created: 3 });

    const after = await rowsOfXlsx((await exportSheet(xihu)).bytes);
    expect(after).toEqual(before);
    const third = await StationModel.findOne({ name: '导出三号驿站' }).lean();
    expect(third!.hours!.weekly[0]).toEqual([interval('06:00', '11:00'), interval('17:00', '02:00')]);
  });
});
