import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { StationModel } from '../stations/station.model';
import { sendBytes, SHEET_HEADERS, XLSX_TYPE, xlsxOf } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: Record<'xihu' | 'binjiang' | 'keeper', string>;

beforeAll(async () => {
  api = await startTestApi({ STATION_INDEX_POLL_MS: '100' });
  orgs = await createOrgTree();
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('xixi_keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  staff = {
    xihu: await loginStaff(api, 'xihu_staff'),
    binjiang: await loginStaff(api, 'binjiang_staff'),
    keeper: await loginStaff(api, 'xixi_keeper'),
  };
});
afterAll(() => api.stop());
afterEach(() => vi.restoreAllMocks());

type Cell = string | number | null;

/** A row in the order of SHEET_HEADERS, from a valid station with some fields replaced. */
function row(overrides: Partial<Record<(typeof SHEET_HEADERS)[number], Cell>> = {}): Cell[] {
  const station: Record<string, Cell> = {
    站点名称: '文一路工会驿站',
    站点类型: '工会驿站',
    承办单位: '工商银行文一支行',
    详细地址: '杭州市西湖区文一西路 100 号',
    经度: 120.1012,
    纬度: 30.2811,
    所属工会: '西溪街道总工会',
    联系电话: '13800000001',
    服务设施: '饮水、热饭/微波炉,卫生间，WiFi',
    开放时间: '周一至周五 08:00-20:00；周六、周日 09:00-17:00',
    简介: '银行网点内的爱心驿站',
    ...overrides,
  };
  return SHEET_HEADERS.map((header) => station[header] ?? null);
}

function importSheet(
  bytes: Uint8Array,
  options: { mode?: 'dry-run' | 'commit'; orgId?: string; token?: string; contentType?: string } = {},
) {
  const query = new URLSearchParams({ mode: options.mode ?? 'dry-run' });
  if (options.orgId) query.set('orgId', options.orgId);
  return sendBytes(api, 'POST', `/api/staff/stations/import?${query}`, {
    token: options.token ?? staff.xihu,
    bytes,
    contentType: options.contentType ?? XLSX_TYPE,
  });
}

const storedNamed = (names: string[]) => StationModel.countDocuments({ name: { $in: names } });

describe('import dry run', () => {
  it('reports every bad row with its sheet row number and column, and writes nothing', async () => {
    const sheet = await xlsxOf([
      SHEET_HEADERS,
      row({ 站点名称: '好驿站' }), // 2: fine
      row({ 站点名称: '坐标填反驿站', 经度: 30.2811, 纬度: 120.1012 }), // 3
      row({ 站点名称: '按摩驿站', 服务设施: '饮水、按摩椅' }), // 4
      row({ 站点名称: '早八驿站', 开放时间: '早八点到晚六点' }), // 5
      row({ 站点名称: null }), // 6
      row({ 站点名称: '无主驿站', 所属工会: '不存在的工会' }), // 7
      [], // 8: blank rows are skipped but still counted by Excel
      row({ 站点名称: '邻区驿站', 所属工会: '滨江区总工会' }), // 9
      row({ 站点名称: '悉尼驿站', 经度: 151.2093, 纬度: -33.8688 }), // 10
      row({ 站点名称: '好驿站' }), // 11: same name and address as row 2
      row({ 站点名称: '加油站', 站点类型: '加油站驿站', 联系电话: '12345' }), // 12
      row({ 站点名称: '重叠驿站', 开放时间: '周一 08:00-12:00,11:00-14:00' }), // 13
    ]);
    const response = await importSheet(sheet);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'dry-run', rows: 11, validRows: 1, created: 0 });
    const problems = response.body.problems.map((p: { row: number; column: string }) => [p.row, p.column]);
    expect(problems).toEqual([
      [3, '经度'],
      [4, '服务设施'],
      [5, '开放时间'],
      [6, '站点名称'],
      [7, '所属工会'],
      [9, '所属工会'],
      [10, '经度'],
      [10, '纬度'],
      [11, '站点名称'],
      [12, '站点类型'],
      [12, '联系电话'],
      [13, '开放时间'],
    ]);
    const message = (rowNumber: number, column: string) =>
      response.body.problems.find((p: { row: number; column: string }) => p.row === rowNumber && p.column === column)
        .message;
    expect(message(3, '经度')).toContain('填反');
    expect(message(4, '服务设施')).toContain('按摩椅');
    expect(message(6, '站点名称')).toBe('请填写站点名称');
    expect(message(7, '所属工会')).toContain('不存在的工会');
    expect(message(10, '经度')).toContain('中国');
    expect(message(11, '站点名称')).toContain('第 2 行');
    expect(message(13, '开放时间')).toContain('重叠');
    expect(await storedNamed(['好驿站'])).toBe(0);
  });

  it('matches headers by name in any order, ignores extra columns and accepts a title row above them', async () => {
    const headers = ['序号', '开放时间', '纬度', '经度', '详细地址', '站点类型', '站点名称*', '备注'];
    const values = ['1', '每天 24小时', 30.29, 120.12, '杭州市西湖区古墩路 1 号', '爱心驿站', '乱序驿站', '无'];
    const sheet = await xlsxOf([['西湖区工会驿站名单（2026 年）'], headers, values]);
    const response = await importSheet(sheet, { orgId: orgs.xixi.id });
    expect(response.body).toMatchObject({ rows: 1, validRows: 1, problems: [] });
  });

  it('reports missing required columns once, on the header row', async () => {
    const sheet = await xlsxOf([
      ['站点名称', '详细地址', '服务设施'],
      ['缺列驿站', '杭州市西湖区某路 1 号', '饮水'],
    ]);
    const response = await importSheet(sheet);
    expect(response.body.problems).toHaveLength(1);
    expect(response.body.problems[0]).toMatchObject({ row: 1 });
    for (const column of ['站点类型', '经度', '纬度', '开放时间']) {
      expect(response.body.problems[0].message).toContain(column);
    }
  });

  it('uses the chosen organisation for rows without one, and says when there is none', async () => {
    const sheet = await xlsxOf([SHEET_HEADERS, row({ 站点名称: '默认组织驿站', 所属工会: null })]);
    const withoutDefault = await importSheet(sheet);
    expect(withoutDefault.body.problems).toEqual([
      { row: 2, column: '所属工会', message: expect.stringContaining('请填写所属工会') },
    ]);
    const withDefault = await importSheet(sheet, { orgId: orgs.xihuCommunity.id });
    expect(withDefault.body).toMatchObject({ validRows: 1, problems: [] });
  });

  it('refuses a default organisation outside the staff member’s scope', async () => {
    const sheet = await xlsxOf([SHEET_HEADERS, row()]);
    const response = await importSheet(sheet, { orgId: orgs.binjiangTech.id });
    expect(response.status).toBe(403);
    expect(response.body.error.details[0].path).toBe('orgId');
  });

  it('reads a UTF-8 CSV with a byte-order mark, quoted commas and line breaks', async () => {
    const csv =
      '\uFEFF' +
      [
        SHEET_HEADERS.join(','),
        '"CSV 驿站, 一号",工会驿站,,"杭州市西湖区学院路 2 号",120.13,30.27,西溪街道总工会,0571-86001234,"饮水,卫生间",每天 08:00-22:00,"第一行\n第二行"',
        '',
        'CSV 驿站二号,其他,,杭州市西湖区学院路 4 号,120.131,30.271,,,,周一至周五 09:00-18:00,',
      ].join('\r\n');
    const response = await importSheet(Buffer.from(csv, 'utf8'), { contentType: 'text/csv', orgId: orgs.xixi.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 2, validRows: 2, problems: [] });

    const broken = csv.replace('120.131', '一百二十');
    const brokenResponse = await importSheet(Buffer.from(broken, 'utf8'), { contentType: 'text/csv' });
    // The quoted line break does not shift row numbers: the second station is on row 4.
    expect(brokenResponse.body.problems).toEqual([
      { row: 4, column: '经度', message: expect.stringContaining('应为数字') },
      { row: 4, column: '所属工会', message: expect.any(String) },
    ]);
  });

  it('asks for UTF-8 when a CSV is saved in GBK', async () => {
    // "站点名称,详细地址" in GBK, as older Excel versions save CSV on Chinese Windows.
    const gbk = Buffer.from('d5beb5e3c3fbb3c62cd4eacfb8b5d8d6b70d0a', 'hex');
    const response = await importSheet(gbk, { contentType: 'text/csv' });
    expect(response.status).toBe(415);
    expect(response.body.error.message).toContain('UTF-8');
  });

  it('refuses files that are not sheets, and sheets that cannot be read', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    expect((await importSheet(pdf)).status).toBe(415);
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const unreadable = await importSheet(fakeZip);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.code).toBe('unreadable_sheet');
  });

  it('refuses sheets longer than 5,000 rows', async () => {
    const line = row({ 站点名称: '批量驿站' })
      .map((cell) => String(cell ?? ''))
      .join(',');
    const csv = [SHEET_HEADERS.join(','), ...Array.from({ length: 5001 }, () => line)].join('\n');
    const response = await importSheet(Buffer.from(csv, 'utf8'), { contentType: 'text/csv' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('sheet_too_long');
  });

  it('is for union offices only', async () => {
    const sheet = await xlsxOf([SHEET_HEADERS, row()]);
    expect((await importSheet(sheet, { token: staff.keeper })).status).toBe(403);
  });
});

describe('import commit', () => {
  it('writes nothing when any row is bad', async () => {
    const names = ['全或无一号', '全或无二号', '全或无三号'];
    const sheet = await xlsxOf([
      SHEET_HEADERS,
      row({ 站点名称: names[0]! }),
      row({ 站点名称: names[1]!, 纬度: 91 }),
      row({ 站点名称: names[2]! }),
    ]);
    const response = await importSheet(sheet, { mode: 'commit' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'commit', rows: 3, validRows: 2, created: 0, job: null });
    expect(response.body.problems).toEqual([{ row: 3, column: '纬度', message: expect.any(String) }]);
    expect(await storedNamed(names)).toBe(0);
  });

  it('creates every station of a clean sheet, published and searchable', async () => {
    const sheet = await xlsxOf([
      SHEET_HEADERS,
      row({ 站点名称: '学院路驿站', 经度: 120.1301, 纬度: 30.2702 }),
      row({ 站点名称: '教工路驿站', 经度: 120.1402, 纬度: 30.2803, 所属工会: null, 开放时间: '24小时' }),
      row({ 站点名称: '黄龙驿站', 经度: 120.1503, 纬度: 30.2654, 站点类型: '户外劳动者服务站点' }),
    ]);
    const response = await importSheet(sheet, { mode: 'commit', orgId: orgs.xihuTech.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'commit', rows: 3, validRows: 3, problems: [], created: 3 });
    // A small sheet is written before the answer: its job is already done.
    expect(response.body.job).toMatchObject({ status: 'done', total: 3, done: 3, created: 3, skipped: 0 });

    const stored = await StationModel.find({ name: { $in: ['学院路驿站', '教工路驿站', '黄龙驿站'] } }).lean();
    expect(stored).toHaveLength(3);
    expect(stored.every((station) => station.published)).toBe(true);
    expect(new Set(stored.map((station) => station.revision)).size).toBe(3);
    expect(new Set(stored.map((station) => station.importBatchId)).size).toBe(1);
    const jiaogong = stored.find((station) => station.name === '教工路驿站')!;
    expect(String(jiaogong.orgId)).toBe(orgs.xihuTech.id);
    expect(jiaogong.hours!.alwaysOpen).toBe(true);

    const detail = await api.request('GET', `/api/stations/${String(jiaogong._id)}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      name: '教工路驿站',
      orgName: '杭州西溪科技有限公司工会',
      amenities: ['drinking_water', 'microwave', 'toilet', 'wifi'],
      opening: { openNow: true },
    });
    const nearby = await api.request('GET', '/api/stations/nearby?lat=30.2803&lng=120.1402&radius=3000');
    expect(nearby.status).toBe(200);
    expect(nearby.body.items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['学院路驿站', '教工路驿站', '黄龙驿站']),
    );
    const listed = await api.request('GET', '/api/staff/stations?q=驿站&limit=50', { token: staff.xihu });
    expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['学院路驿站', '教工路驿站', '黄龙驿站']),
    );

    const again = await importSheet(sheet, { mode: 'dry-run', orgId: orgs.xihuTech.id });
    expect(again.body.problems).toHaveLength(3);
    expect(again.body.problems.every((p: { message: string }) => p.message.includes('已有同名同地址'))).toBe(true);
  });
});
