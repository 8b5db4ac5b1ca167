import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff, type OrgTree } from '../../../test/fixtures';
import { StationModel } from '../stations/station.model';
import { stationBody } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: Record<'xihu' | 'binjiang' | 'city' | 'keeper' | 'merchant', string>;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('binjiang_staff', [{ role: 'union_staff', org: orgs.binjiang }]);
  await createStaff('city_admin', [{ role: 'union_admin', org: orgs.city }]);
  await createStaff('xixi_keeper', [{ role: 'station_keeper', org: orgs.xixi }]);
  await createStaff('merchant', [{ role: 'merchant_staff', org: orgs.city }]);
  staff = {
    xihu: await loginStaff(api, 'xihu_staff'),
    binjiang: await loginStaff(api, 'binjiang_staff'),
    city: await loginStaff(api, 'city_admin'),
    keeper: await loginStaff(api, 'xixi_keeper'),
    merchant: await loginStaff(api, 'merchant'),
  };
});
afterAll(() => api.stop());

async function create(token: string, body: Record<string, unknown>) {
  return api.request('POST', '/api/staff/stations', { token, body });
}

async function createdStation(overrides: Record<string, unknown> = {}) {
  const response = await create(staff.xihu, stationBody(orgs.xixi.id, overrides));
  expect(response.status).toBe(200);
  return response.body;
}

const storedRevision = async (id: string) => (await StationModel.findById(id).lean())!.revision;

describe('creating and editing a station', () => {
  it('creates a station in the staff member’s district and shows it with its organisation', async () => {
    const body = stationBody(orgs.xixi.id);
    const response = await create(staff.xihu, body);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: body.name,
      type: 'union_station',
      address: body.address,
      location: body.location,
      orgId: orgs.xixi.id,
      orgName: '西溪街道总工会',
      amenities: body.amenities,
      hours: body.hours,
      status: 'open',
      photos: [],
      distanceMeters: null,
    });
    const stored = await StationModel.findById(response.body.id).lean();
    expect(stored!.orgPath.map(String)).toEqual(orgs.xixi.path.map(String));
    expect(stored!.published).toBe(true);
  });

  it('replaces every editable field on update and stamps a newer revision', async () => {
    const station = await createdStation({ name: '文三路工会驿站' });
    const before = await storedRevision(station.id);
    const changes = stationBody(orgs.xihuCommunity.id, {
      name: '文三路爱心驿站',
      type: 'love_station',
      amenities: ['shower'],
      phone: '13900001111',
      hours: {
        alwaysOpen: true,
        weekly: [[], [], [], [], [], [], []],
        exceptions: [{ date: '2026-02-17', intervals: [], note: '春节闭站' }],
      },
    });
    const response = await api.request('PUT', `/api/staff/stations/${station.id}`, {
      token: staff.xihu,
      body: changes,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: '文三路爱心驿站',
      type: 'love_station',
      amenities: ['shower'],
      phone: '13900001111',
      orgId: orgs.xihuCommunity.id,
      orgName: '西溪社区联合工会',
      hours: changes.hours,
      status: 'open',
    });
    expect(await storedRevision(station.id)).toBeGreaterThan(before);
  });

  it('gives every write a revision above all earlier ones', async () => {
    const first = await createdStation({ name: '古墩路驿站' });
    const second = await createdStation({ name: '紫金港驿站' });
    const firstRevision = await storedRevision(first.id);
    const secondRevision = await storedRevision(second.id);
    expect(secondRevision).toBeGreaterThan(firstRevision);
    await api.request('POST', `/api/staff/stations/${first.id}/close`, { token: staff.xihu, body: { reason: '装修' } });
    expect(await storedRevision(first.id)).toBeGreaterThan(secondRevision);
  });

  it('reports field errors with their paths', async () => {
    const response = await create(
      staff.xihu,
      stationBody(orgs.xixi.id, {
        name: '站',
        location: { lat: 120.1, lng: 30.2 },
        amenities: ['jacuzzi'],
        phone: '12345',
        hours: { weekly: [[], [], [], [], [], []] },
      }),
    );
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'location.lat', 'amenities.0', 'phone', 'hours.weekly']));
  });

  it('refuses overlapping hours on one day and an exception date given twice', async () => {
    const weekly = stationBody(orgs.xixi.id).hours.weekly;
    weekly[0] = [
      { open: '08:00', close: '12:00' },
      { open: '11:30', close: '14:00' },
    ];
    weekly[4] = [
      { open: '22:00', close: '02:00' },
      { open: '06:00', close: '10:00' },
    ];
    const response = await create(
      staff.xihu,
      stationBody(orgs.xixi.id, {
        hours: {
          alwaysOpen: false,
          weekly,
          exceptions: [
            { date: '2026-10-01', intervals: [] },
            { date: '2026-10-01', intervals: [{ open: '09:00', close: '12:00' }] },
          ],
        },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'hours.weekly.0.1', message: '与同一天的其他时段重叠' },
      { path: 'hours.exceptions.1.date', message: '2026-10-01 已有一条例外安排' },
    ]);
  });

  it('accepts overnight hours that meet the next interval exactly', async () => {
    const weekly = stationBody(orgs.xixi.id).hours.weekly;
    weekly[2] = [
      { open: '00:00', close: '06:00' },
      { open: '06:00', close: '12:00' },
      { open: '18:00', close: '02:00' },
    ];
    const response = await create(
      staff.xihu,
      stationBody(orgs.xixi.id, { name: '通宵驿站', hours: { alwaysOpen: false, weekly, exceptions: [] } }),
    );
    expect(response.status).toBe(200);
  });
});

describe('scope', () => {
  it('refuses to create a station in an organisation outside the staff member’s scope, or one that does not exist', async () => {
    for (const orgId of [orgs.binjiangTech.id, orgs.city.id, '0123456789abcdef01234567']) {
      const response = await create(staff.xihu, stationBody(orgId));
      expect(response.status).toBe(403);
      expect(response.body.error.details).toEqual([{ path: 'orgId', message: expect.stringContaining('管辖范围') }]);
    }
    expect(await StationModel.countDocuments({ orgId: orgs.binjiangTech._id })).toBe(0);
  });

  it('hides a station from staff of another district: editing, closing and reopening it answer 404', async () => {
    const station = await createdStation({ name: '西湖文化广场驿站' });
    const body = stationBody(orgs.binjiangTech.id, { name: '被抢走的驿站' });
    const update = await api.request('PUT', `/api/staff/stations/${station.id}`, { token: staff.binjiang, body });
    expect(update.status).toBe(404);
    const close = await api.request('POST', `/api/staff/stations/${station.id}/close`, {
      token: staff.binjiang,
      body: { reason: '越权关闭' },
    });
    expect(close.status).toBe(404);
    const reopen = await api.request('POST', `/api/staff/stations/${station.id}/reopen`, { token: staff.binjiang });
    expect(reopen.status).toBe(404);
    const list = await api.request('GET', '/api/staff/stations?limit=50', { token: staff.binjiang });
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(station.id);
    const stored = await StationModel.findById(station.id).lean();
    expect(stored).toMatchObject({ name: '西湖文化广场驿站', status: 'open' });
  });

  it('does not let a district move its station into another district', async () => {
    const station = await createdStation({ name: '转城驿站' });
    const response = await api.request('PUT', `/api/staff/stations/${station.id}`, {
      token: staff.xihu,
      body: stationBody(orgs.binjiangTech.id, { name: '转城驿站' }),
    });
    expect(response.status).toBe(403);
    expect(response.body.error.details[0].path).toBe('orgId');
  });

  it('lets the city federation edit any district’s station', async () => {
    const station = await createdStation({ name: '城西驿站' });
    const response = await api.request('PUT', `/api/staff/stations/${station.id}`, {
      token: staff.city,
      body: stationBody(orgs.binjiangTech.id, { name: '城西驿站（迁至滨江）' }),
    });
    expect(response.status).toBe(200);
    expect(response.body.orgName).toBe('杭州滨江网络有限公司工会');
  });

  it('lets station keepers see their stations but not create or close them', async () => {
    const station = await createdStation({ name: '站长的驿站' });
    const list = await api.request('GET', '/api/staff/stations?q=站长的驿站', { token: staff.keeper });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([station.id]);
    expect((await create(staff.keeper, stationBody(orgs.xixi.id))).status).toBe(403);
    const close = await api.request('POST', `/api/staff/stations/${station.id}/close`, {
      token: staff.keeper,
      body: { reason: '站长想关' },
    });
    expect(close.status).toBe(403);
    expect((await api.request('GET', '/api/staff/stations', { token: staff.merchant })).status).toBe(403);
  });
});

describe('closing and reopening', () => {
  it('closes an open station with a reason and reopens it', async () => {
    const station = await createdStation({ name: '三墩驿站', hours: { ...stationBody('').hours, alwaysOpen: true } });
    expect(station.opening.openNow).toBe(true);
    const closed = await api.request('POST', `/api/staff/stations/${station.id}/close`, {
      token: staff.xihu,
      body: { reason: '店面装修，暂停服务' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', opening: { openNow: false } });
    expect((await StationModel.findById(station.id).lean())!.closedReason).toBe('店面装修，暂停服务');

    const reopened = await api.request('POST', `/api/staff/stations/${station.id}/reopen`, { token: staff.xihu });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', opening: { openNow: true } });
  });

  it('answers 409 when closing a closed station or reopening an open one', async () => {
    const station = await createdStation({ name: '蒋村驿站' });
    const reopenOpen = await api.request('POST', `/api/staff/stations/${station.id}/reopen`, { token: staff.xihu });
    expect(reopenOpen.status).toBe(409);
    const close = () =>
      api.request('POST', `/api/staff/stations/${station.id}/close`, { token: staff.xihu, body: { reason: '停电' } });
    expect((await close()).status).toBe(200);
    expect((await close()).status).toBe(409);
  });

  it('lets only one of two simultaneous closes win', async () => {
    const station = await createdStation({ name: '留下驿站' });
    const close = () =>
      api.request('POST', `/api/staff/stations/${station.id}/close`, { token: staff.xihu, body: { reason: '暴雨' } });
    const statuses = (await Promise.all([close(), close(), close()])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
  });

  it('needs a reason to close', async () => {
    const station = await createdStation({ name: '闲林驿站' });
    const response = await api.request('POST', `/api/staff/stations/${station.id}/close`, {
      token: staff.xihu,
      body: { reason: ' ' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('reason');
  });
});

describe('the staff list', () => {
  it('finds stations by part of the name, treating regex characters literally', async () => {
    const station = await createdStation({ name: '转塘驿站(一号)' });
    const found = await api.request('GET', `/api/staff/stations?q=${encodeURIComponent('(一号)')}`, {
      token: staff.xihu,
    });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([station.id]);
    const literal = await api.request('GET', `/api/staff/stations?q=${encodeURIComponent('.*')}`, {
      token: staff.xihu,
    });
    expect(literal.body.items).toEqual([]);
  });

  it('filters by status', async () => {
    const station = await createdStation({ name: '双浦驿站' });
    await api.request('POST', `/api/staff/stations/${station.id}/close`, {
      token: staff.xihu,
      body: { reason: '搬迁' },
    });
    const closed = await api.request('GET', '/api/staff/stations?status=closed&limit=50', { token: staff.xihu });
    expect(closed.body.items.length).toBeGreaterThan(0);
    expect(closed.body.items.every((item: { status: string }) => item.status === 'closed')).toBe(true);
    expect(closed.body.items.map((item: { id: string }) => item.id)).toContain(station.id);
  });

  it('pages through every station in scope exactly once, newest first', async () => {
    const all = await StationModel.find({ orgPath: orgs.xihu._id, published: true }).lean();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await api.request('GET', `/api/staff/stations${query}`, { token: staff.xihu });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map((station) => String(station._id)).sort());
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('leaves out stations still being staged by an import', async () => {
    const staged = await StationModel.create({
      ...stationBody(orgs.xixi.id, { name: '导入中的驿站' }),
      orgId: orgs.xixi._id,
      orgPath: orgs.xixi.path,
      published: false,
      importBatchId: 'batch-in-progress',
      revision: 1,
    });
    const list = await api.request('GET', '/api/staff/stations?q=导入中', { token: staff.xihu });
    expect(list.body.items).toEqual([]);
    const update = await api.request('PUT', `/api/staff/stations/${String(staged._id)}`, {
      token: staff.xihu,
      body: stationBody(orgs.xixi.id),
    });
    expect(update.status).toBe(404);
  });
});
