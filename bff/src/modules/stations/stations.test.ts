import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMeters, MAX_MARKERS_IN_VIEW } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { stationsChanged } from './station-search';
import { StationModel } from './station.model';
import { ALWAYS_OPEN, NEVER_OPEN, eastOf, hoursAroundNow, insertStations, type StationSpec } from './test-support';

/** A rider on 文三路 in 西湖区. */
const rider = { lat: 30.2776, lng: 120.1302 };
/** 滨江区, across the river, about 9 km from the rider. */
const binjiangCentre = { lat: 30.2085, lng: 120.211 };

let api: TestApi;
let orgs: OrgTree;
const ids: Record<string, string> = {};

const nearby = (query: string) => api.request('GET', `/api/stations/nearby?${query}`);
const at = (point: { lat: number; lng: number }) => `lat=${point.lat}&lng=${point.lng}`;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  const named = async (name: string, spec: Omit<StationSpec, 'name'>) => {
    ids[name] = (await insertStations([{ name, ...spec }]))[0]!;
  };
  // Along a line east of the rider, at known distances.
  await named('饮水点300', { location: eastOf(rider, 300), org: orgs.xixi, amenities: ['drinking_water'] });
  await named('全能800', {
    location: eastOf(rider, 800),
    org: orgs.xixi,
    amenities: ['drinking_water', 'microwave', 'toilet', 'ebike_charging'],
  });
  await named('卫生间1200', { location: eastOf(rider, 1200), org: orgs.xihuTech, amenities: ['toilet'] });
  await named('热饭厕所2000', {
    location: eastOf(rider, 2000),
    org: orgs.xihu,
    amenities: ['microwave', 'toilet'],
    hours: hoursAroundNow(-90, 90),
  });
  await named('未营业2500', {
    location: eastOf(rider, 2500),
    org: orgs.xihu,
    amenities: ['microwave', 'toilet'],
    hours: hoursAroundNow(90, 180),
  });
  await named('从不营业2700', { location: eastOf(rider, 2700), org: orgs.xihu, hours: NEVER_OPEN });
  await named('暂停服务3000', {
    location: eastOf(rider, 3000),
    org: orgs.xihu,
    amenities: ['microwave', 'toilet'],
    status: 'closed',
  });
  await named('远处6000', { location: eastOf(rider, 6000), org: orgs.xihu });
  await named('未发布500', { location: eastOf(rider, 500), org: orgs.xixi, published: false });
  // Two stations in one building: equally near, ranked by id.
  const [twinA, twinB] = await insertStations([
    { location: eastOf(rider, 1500), org: orgs.xixi },
    { location: eastOf(rider, 1500), org: orgs.xixi },
  ]);
  ids.twinA = twinA!;
  ids.twinB = twinB!;
  // 滨江区: a dozen stations around its centre.
  await insertStations(
    Array.from({ length: 12 }, (_, i) => ({
      location: eastOf(binjiangCentre, i * 150),
      org: orgs.xixing,
      amenities: ['drinking_water', 'toilet'],
    })),
  );
  await stationsChanged();
});
afterAll(() => api.stop());

describe('nearest stations', () => {
  it('lists the nearest published stations by distance, each with distance, walking and riding time', async () => {
    const response = await nearby(`${at(rider)}&radius=5000`);
    expect(response.status).toBe(200);
    // Written as bytes (summary-json.ts), sent as any JSON answer is.
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(JSON.stringify(response.body)));
    const names = response.body.items.map((item: any) => item.name);
    expect(names.slice(0, 3)).toEqual(['饮水点300', '全能800', '卫生间1200']);
    expect(names).not.toContain('未发布500');
    expect(names).not.toContain('远处6000');
    const first = response.body.items[0];
    expect(first.distanceMeters).toBeGreaterThanOrEqual(299);
    expect(first.distanceMeters).toBeLessThanOrEqual(301);
    expect(first.walkMinutes).toBe(5); // 300 m × 1.3 at 80 m/min
    expect(first.rideMinutes).toBe(2);
    const distances = response.body.items.map((item: any) => item.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('ranks stations at the same spot by id', async () => {
    const response = await nearby(`${at(rider)}&radius=5000`);
    const order = response.body.items.map((item: any) => item.id);
    const twins = [ids.twinA!, ids.twinB!].sort();
    expect(order.indexOf(twins[0])).toBe(order.indexOf(twins[1]) - 1);
  });

  it('stops at the radius and at the limit', async () => {
    const within1km = await nearby(`${at(rider)}&radius=1000`);
    expect(within1km.body.items.map((item: any) => item.name)).toEqual(['饮水点300', '全能800']);
    const within10km = await nearby(`${at(rider)}&radius=10000`);
    expect(within10km.body.items.map((item: any) => item.name)).toContain('远处6000');
    const firstTwo = await nearby(`${at(rider)}&radius=10000&limit=2`);
    expect(firstTwo.body.items.map((item: any) => item.name)).toEqual(['饮水点300', '全能800']);
  });

  it('keeps only stations with all of the chosen amenities, and still fills the limit', async () => {
    const response = await nearby(`${at(rider)}&radius=5000&amenities=microwave,toilet`);
    const names = response.body.items.map((item: any) => item.name);
    expect(names).toEqual(['全能800', '热饭厕所2000', '未营业2500', '暂停服务3000']);
    for (const item of response.body.items)
      expect(item.amenities).toEqual(expect.arrayContaining(['microwave', 'toilet']));
    // The three nearest toilets are not the three nearest stations.
    const toilets = await nearby(`${at(rider)}&radius=5000&amenities=toilet&limit=3`);
    expect(toilets.body.items.map((item: any) => item.name)).toEqual(['全能800', '卫生间1200', '热饭厕所2000']);
  });

  it('with openNow, keeps only stations open at this moment and never those closed by staff', async () => {
    const open = await nearby(`${at(rider)}&radius=5000&openNow=true&amenities=microwave,toilet`);
    expect(open.body.items.map((item: any) => item.name)).toEqual(['全能800', '热饭厕所2000']);
    for (const item of open.body.items) expect(item.opening.openNow).toBe(true);
    const all = await nearby(`${at(rider)}&radius=5000`);
    const byName = new Map(all.body.items.map((item: any) => [item.name, item]));
    expect(byName.get('暂停服务3000')).toMatchObject({ status: 'closed', opening: { openNow: false } });
    expect(byName.get('从不营业2700')).toMatchObject({ status: 'open', opening: { openNow: false, opensAt: null } });
    expect(byName.get('未营业2500')).toMatchObject({ opening: { openNow: false } });
    const closing = (byName.get('热饭厕所2000') as any).opening;
    expect(closing.openNow).toBe(true);
    // Closes 90 minutes after the minute the station was written in.
    expect(closing.closesInMinutes).toBeGreaterThan(80);
    expect(closing.closesInMinutes).toBeLessThanOrEqual(90);
  });

  it('with order=openFirst, lists the nearest open stations before any closed one', async () => {
    const response = await nearby(`${at(rider)}&radius=5000&order=openFirst`);
    expect(response.status).toBe(200);
    const items = response.body.items;
    const names = items.map((item: any) => item.name);
    const firstClosed = items.findIndex((item: any) => !item.opening.openNow);
    expect(names.slice(0, 3)).toEqual(['饮水点300', '全能800', '卫生间1200']);
    expect(names.slice(firstClosed)).toEqual(['未营业2500', '从不营业2700', '暂停服务3000']);
    // Within each group, still nearest first.
    for (const group of [items.slice(0, firstClosed), items.slice(firstClosed)]) {
      const distances = group.map((item: any) => item.distanceMeters);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }
  });

  it('with order=openFirst, a closed station only fills what the open ones leave of the limit', async () => {
    const filled = await nearby(`${at(rider)}&radius=5000&amenities=microwave,toilet&limit=3&order=openFirst`);
    expect(filled.body.items.map((item: any) => item.name)).toEqual(['全能800', '热饭厕所2000', '未营业2500']);
    const allOpen = await nearby(`${at(rider)}&radius=5000&limit=2&order=openFirst`);
    expect(allOpen.body.items.map((item: any) => item.name)).toEqual(['饮水点300', '全能800']);
  });

  it('refuses an unknown order', async () => {
    const response = await nearby(`${at(rider)}&order=rating`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('排序方式不正确');
  });

  it('finds nothing far from any station', async () => {
    const response = await nearby('lat=45.75&lng=126.63&radius=20000');
    expect(response.body.items).toEqual([]);
  });

  it('rejects impossible positions, too large a radius and unknown amenities, field by field', async () => {
    const response = await nearby('lat=91&lng=-181&radius=50000&amenities=toilet,jacuzzi&limit=500');
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((detail: any) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['lat', 'lng', 'radius', 'limit']));
    expect(paths.some((path: string) => path.startsWith('amenities'))).toBe(true);
    const messages = Object.fromEntries(response.body.error.details.map((d: any) => [d.path.split('.')[0], d.message]));
    expect(messages).toMatchObject({ lat: '纬度应在 -90 到 90 之间', radius: '搜索半径最多 20 公里' });
    expect(messages.amenities).toBe('未知的服务设施');
    expect((await nearby('lng=120.1')).status).toBe(400);
    expect((await nearby('lat=abc&lng=120.1')).body.error.details[0].path).toBe('lat');
  });
});

describe('stations in a map view', () => {
  const view = (box: { minLat: number; minLng: number; maxLat: number; maxLng: number }, extra = '') =>
    api.request(
      'GET',
      `/api/stations/in-view?minLat=${box.minLat}&minLng=${box.minLng}&maxLat=${box.maxLat}&maxLng=${box.maxLng}${extra}`,
    );

  it('returns a marker per station when few are in view', async () => {
    const response = await view({ minLat: 30.27, minLng: 120.13, maxLat: 30.29, maxLng: 120.17 });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.markers.length);
    const byName = new Map(response.body.markers.map((marker: any) => [marker.name, marker]));
    expect(byName.get('全能800')).toMatchObject({ kind: 'station', id: ids['全能800'], openNow: true });
    expect(byName.get('暂停服务3000')).toMatchObject({ kind: 'station', openNow: false });
    expect(byName.has('未发布500')).toBe(false);
    expect(byName.has('远处6000')).toBe(false); // east of the box
    const filtered = await view({ minLat: 30.27, minLng: 120.13, maxLat: 30.29, maxLng: 120.17 }, '&openNow=true');
    expect(filtered.body.markers.map((marker: any) => marker.name)).not.toContain('暂停服务3000');
  });

  it('clusters stations on a grid when there are too many to draw', async () => {
    const centre = { lat: 30.6, lng: 120.6 };
    await insertStations(
      Array.from({ length: MAX_MARKERS_IN_VIEW + 30 }, (_, i) => ({
        location: { lat: centre.lat + (i % 15) * 0.004, lng: centre.lng + Math.floor(i / 15) * 0.004 },
        org: orgs.xixi,
      })),
    );
    // One station alone in the far corner of the view.
    await insertStations([{ name: '孤站', location: { lat: 30.79, lng: 120.79 }, org: orgs.xixi }]);
    await stationsChanged();
    const response = await view({ minLat: 30.5, minLng: 120.5, maxLat: 30.8, maxLng: 120.8 });
    expect(response.body.total).toBe(MAX_MARKERS_IN_VIEW + 31);
    const clusters = response.body.markers.filter((marker: any) => marker.kind === 'cluster');
    const singles = response.body.markers.filter((marker: any) => marker.kind === 'station');
    expect(response.body.markers.length).toBeLessThanOrEqual(64);
    expect(clusters.length).toBeGreaterThan(1);
    expect(singles.map((marker: any) => marker.name)).toEqual(['孤站']);
    const counted = clusters.reduce((sum: number, marker: any) => sum + marker.count, 0) + singles.length;
    expect(counted).toBe(response.body.total);
    for (const cluster of clusters) {
      expect(cluster.location.lat).toBeGreaterThanOrEqual(30.6);
      expect(cluster.location.lng).toBeGreaterThanOrEqual(120.6);
    }
  });

  it('rejects an upside-down view and one across the antimeridian', async () => {
    const upsideDown = await view({ minLat: 31, minLng: 120, maxLat: 30, maxLng: 121 });
    expect(upsideDown.status).toBe(400);
    expect(upsideDown.body.error.details).toEqual([{ path: 'maxLat', message: '地图范围不正确' }]);
    const wrapped = await view({ minLat: 30, minLng: 179, maxLat: 31, maxLng: -179 });
    expect(wrapped.status).toBe(400);
    expect(wrapped.body.error.details[0].path).toBe('maxLng');
  });
});

describe('areas to pick without a location', () => {
  it('gives each district with stations its centre and count, and the centre of all', async () => {
    const response = await api.request('GET', '/api/stations/areas');
    expect(response.status).toBe(200);
    const byName = new Map(response.body.areas.map((area: any) => [area.name, area]));
    const binjiang: any = byName.get('滨江区总工会');
    expect(binjiang).toMatchObject({ orgId: orgs.binjiang.id, stationCount: 12 });
    expect(distanceMeters(binjiang.center, eastOf(binjiangCentre, 825))).toBeLessThan(5);
    const xihu: any = byName.get('西湖区总工会');
    const published = await StationModel.find({ published: true }, { location: 1, orgPath: 1 }).lean();
    const inXihu = published.filter((s) => s.orgPath.map(String).includes(orgs.xihu.id));
    expect(xihu.stationCount).toBe(inXihu.length);
    const meanLat = published.reduce((sum, s) => sum + s.location.lat, 0) / published.length;
    expect(response.body.cityCenter.lat).toBeCloseTo(meanLat, 5);
  });
});

describe('a station in detail', () => {
  it('shows a published station with its organisation, hours and the distance from the rider', async () => {
    const response = await api.request('GET', `/api/stations/${ids['全能800']}?${at(rider)}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: '全能800',
      orgName: '西溪街道总工会',
      hours: ALWAYS_OPEN,
      photos: [],
      opening: { openNow: true },
    });
    expect(response.body.distanceMeters).toBeGreaterThanOrEqual(799);
    expect(response.body.distanceMeters).toBeLessThanOrEqual(801);
    const withoutPosition = await api.request('GET', `/api/stations/${ids['全能800']}`);
    expect(withoutPosition.body.distanceMeters).toBeNull();
  });

  it('still shows a station closed by staff', async () => {
    const response = await api.request('GET', `/api/stations/${ids['暂停服务3000']}`);
    expect(response.body).toMatchObject({ status: 'closed', opening: { openNow: false } });
  });

  it('answers 404 for an unpublished or unknown station, 400 for a malformed id', async () => {
    expect((await api.request('GET', `/api/stations/${ids['未发布500']}`)).status).toBe(404);
    expect((await api.request('GET', '/api/stations/65a1b2c3d4e5f60718293a4b')).status).toBe(404);
    expect((await api.request('GET', '/api/stations/not-an-id')).status).toBe(400);
  });

  it('wants both coordinates or neither', async () => {
    const response = await api.request('GET', `/api/stations/${ids['全能800']}?lat=30.2`);
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('lng');
  });
});
