import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StationSummary } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { taroTest } from '../../../test/taro-mock';
import { area, OTHER_STATION_ID, queryOf, STATION_ID, stationSummary } from '../../../test/station-fixtures';
import { wgs84ToGcj02 } from '../../utils/gcj02';
import StationsPage from './index';

const RIDER = { latitude: 30.2741, longitude: 120.1551 };
const CITY_CENTER = { lat: 30.2461, lng: 120.2103 };

/** Serves the public station endpoints and records every nearby query. */
function serveStations(nearby: (query: Record<string, string>) => StationSummary[] = () => [stationSummary()]) {
  const nearbyQueries: Record<string, string>[] = [];
  const inViewQueries: Record<string, string>[] = [];
  taroTest.respondWith(({ path, query }) => {
    if (path === '/api/stations/nearby') {
      nearbyQueries.push(queryOf(query));
      return { statusCode: 200, data: { items: nearby(queryOf(query)) } };
    }
    if (path === '/api/stations/in-view') {
      inViewQueries.push(queryOf(query));
      return {
        statusCode: 200,
        data: {
          markers: [
            {
              kind: 'station',
              id: STATION_ID,
              name: '西溪路工会驿站',
              location: { lat: 30.2741, lng: 120.1351 },
              openNow: true,
            },
            { kind: 'cluster', count: 12, location: { lat: 30.28, lng: 120.16 } },
          ],
          total: 13,
        },
      };
    }
    if (path === '/api/stations/areas') {
      return { statusCode: 200, data: { areas: [area()], cityCenter: CITY_CENTER } };
    }
    return { statusCode: 404, data: null };
  });
  return { nearbyQueries, inViewQueries };
}

function locatedAt(position = RIDER) {
  // Only the coordinates matter to the page.
  vi.mocked(Taro.getLocation).mockResolvedValue(position as Awaited<ReturnType<typeof Taro.getLocation>>);
}

function locationRefused(errMsg = 'getLocation:fail auth deny') {
  vi.mocked(Taro.getLocation).mockRejectedValue({ errMsg });
}

describe('驿站 tab', () => {
  it('lists the nearest stations with distance, travel time and open state', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);

    const item = await screen.findByTestId('station-item');
    expect(within(item).getByTestId('station-name').textContent).toBe('西溪路工会驿站');
    expect(within(item).getByTestId('station-distance').textContent).toBe('350米');
    expect(within(item).getByTestId('station-travel').textContent).toBe('步行6分钟 · 骑行2分钟');
    expect(within(item).getByTestId('station-open-state').textContent).toBe('营业中 · 还有25分钟打烊');
    expect(within(item).getByTestId('station-amenities').textContent).toContain('热饭/微波炉');
    expect(nearbyQueries).toHaveLength(1);
    expect(nearbyQueries[0]?.radius).toBe('5000');
  });

  it('asks for open stations first, so the second card is not a closed one nearer by', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations(() => [
      stationSummary({ name: '营业中500米', distanceMeters: 500 }),
      stationSummary({
        id: OTHER_STATION_ID,
        name: '已打烊200米',
        distanceMeters: 200,
        opening: { openNow: false, closingSoon: false, closesInMinutes: null, opensAt: null },
      }),
    ]);
    render(<StationsPage />);

    await screen.findAllByTestId('station-item');
    expect(nearbyQueries[0]?.order).toBe('openFirst');
    // The server's order is kept: open before closed, though the closed one is nearer.
    const names = screen.getAllByTestId('station-name').map((name) => name.textContent);
    expect(names).toEqual(['营业中500米', '已打烊200米']);
  });

  it('shows the amenity filters with drawn icons, not emoji', async () => {
    locatedAt();
    serveStations();
    render(<StationsPage />);
    await screen.findByTestId('station-item');

    const chip = screen.getByTestId('amenity-chip-microwave');
    expect(chip.textContent).toBe('热饭/微波炉');
    expect(chip.querySelector('img')?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(screen.getByTestId('filter-chips').textContent).not.toMatch(/[\p{Extended_Pictographic}\u{FE0F}]/u);
    const before = chip.querySelector('img')!.getAttribute('src');
    fireEvent.click(chip);
    // A chosen chip turns red, its icon with it.
    expect(chip.querySelector('img')!.getAttribute('src')).not.toBe(before);
  });

  it('asks the browser for WGS-84 and searches from the GCJ-02 point in H5', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);
    await screen.findByTestId('station-item');

    expect(Taro.getLocation).toHaveBeenCalledWith({ type: 'wgs84' });
    const expected = wgs84ToGcj02({ lat: RIDER.latitude, lng: RIDER.longitude });
    expect(Number(nearbyQueries[0]?.lat)).toBeCloseTo(expected.lat, 6);
    expect(Number(nearbyQueries[0]?.lng)).toBeCloseTo(expected.lng, 6);
  });

  it('navigates with openLocation to the station in weapp, without opening the station page', async () => {
    process.env.TARO_ENV = 'weapp';
    locatedAt();
    serveStations();
    render(<StationsPage />);

    fireEvent.click(await screen.findByTestId('station-navigate'));

    expect(Taro.getLocation).toHaveBeenCalledWith({ type: 'gcj02' });
    expect(Taro.openLocation).toHaveBeenCalledWith({
      latitude: 30.2741,
      longitude: 120.1351,
      name: '西溪路工会驿站',
      address: '西湖区西溪路 518 号',
      scale: 17,
    });
    expect(Taro.navigateTo).not.toHaveBeenCalled();
  });

  it('calls the station, and offers no call button without a phone', async () => {
    locatedAt();
    serveStations(() => [stationSummary(), stationSummary({ id: OTHER_STATION_ID, phone: '' })]);
    render(<StationsPage />);

    const [withPhone, withoutPhone] = await screen.findAllByTestId('station-item');
    fireEvent.click(within(withPhone!).getByTestId('station-call'));

    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0571-88886666' });
    expect(within(withoutPhone!).queryByTestId('station-call')).toBeNull();
  });

  it('opens the station page with the rider position when a station is tapped', async () => {
    process.env.TARO_ENV = 'weapp';
    locatedAt();
    serveStations();
    render(<StationsPage />);

    fireEvent.click(await screen.findByTestId('station-item'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-stations/detail/index?id=${STATION_ID}&lat=30.2741&lng=120.1551`,
    });
  });

  it('shows the list alone in H5, saying the map is not available, and opens Amap to navigate', async () => {
    locatedAt();
    serveStations();
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<StationsPage />);

    fireEvent.click(await screen.findByTestId('station-navigate'));

    expect(screen.getByTestId('map-unavailable-note').textContent).toContain('浏览器版暂不支持地图');
    expect(screen.queryByTestId('station-map')).toBeNull();
    expect(Taro.openLocation).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith(expect.stringContaining('position=120.1351,30.2741'), '_blank');
    open.mockRestore();
  });

  it('draws the native map in weapp with station and cluster markers from the visible region', async () => {
    process.env.TARO_ENV = 'weapp';
    locatedAt();
    const { inViewQueries } = serveStations();
    render(<StationsPage />);

    const map = await screen.findByTestId('station-map');
    await waitFor(() => expect(within(map).getAllByTestId('map-marker')).toHaveLength(2));
    expect(screen.queryByTestId('map-unavailable-note')).toBeNull();
    expect(within(map).getByText('12个')).toBeTruthy();
    expect(inViewQueries).toHaveLength(1);
    const box = inViewQueries[0]!;
    expect(Number(box.minLat)).toBeLessThan(RIDER.latitude);
    expect(Number(box.maxLat)).toBeGreaterThan(RIDER.latitude);
    expect(Number(box.minLng)).toBeLessThan(RIDER.longitude);
    expect(Number(box.maxLng)).toBeGreaterThan(RIDER.longitude);

    fireEvent.click(within(map).getAllByTestId('map-marker')[0]!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining(`id=${STATION_ID}`) });
  });

  it('explains a refused location, shows the city centre, and searches around a chosen district', async () => {
    locationRefused();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);

    expect((await screen.findByTestId('location-notice')).textContent).toBe(
      '未获得定位权限，已显示市中心附近的驿站，可切换区域',
    );
    await waitFor(() => expect(nearbyQueries).toHaveLength(1));
    expect(nearbyQueries[0]).toMatchObject({ lat: String(CITY_CENTER.lat), lng: String(CITY_CENTER.lng) });
    expect((await screen.findByTestId('station-distance')).textContent).toBe('距市中心 350米');
    expect(screen.queryByTestId('station-travel')).toBeNull();

    const picker = screen.getByTestId('area-picker');
    fireEvent.click(within(picker).getByText('西湖区（42）'));

    await waitFor(() => expect(nearbyQueries).toHaveLength(2));
    expect(nearbyQueries[1]).toMatchObject({ lat: '30.2592', lng: '120.1301' });
    expect(screen.getByTestId('location-notice').textContent).toBe(
      '未获得定位权限，已显示西湖区附近的驿站，可切换区域',
    );
    // The choice is made: the picker folds away so the list is what the rider sees.
    expect(screen.queryByTestId('area-picker')).toBeNull();
  });

  it('lets the rider fold the district list away while the location is refused', async () => {
    locationRefused();
    serveStations();
    render(<StationsPage />);

    await screen.findByTestId('area-picker');
    fireEvent.click(screen.getByTestId('area-toggle'));
    expect(screen.queryByTestId('area-picker')).toBeNull();
    expect(screen.getByTestId('area-toggle').textContent).toBe('切换区域');
    fireEvent.click(screen.getByTestId('area-toggle'));
    expect(await screen.findByTestId('area-picker')).toBeTruthy();
  });

  it('tries the position again on 重新定位 and then measures from the rider', async () => {
    process.env.TARO_ENV = 'weapp';
    locationRefused();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);
    await screen.findByTestId('location-notice');

    locatedAt();
    fireEvent.click(screen.getByTestId('use-my-location'));

    await waitFor(() => expect(screen.queryByTestId('location-notice')).toBeNull());
    await waitFor(() => expect(nearbyQueries.at(-1)).toMatchObject({ lat: '30.2741', lng: '120.1551' }));
    expect((await screen.findByTestId('station-distance')).textContent).toBe('350米');
  });

  it('says when the position is merely unavailable', async () => {
    locationRefused('getLocation:fail timeout');
    serveStations();
    render(<StationsPage />);

    expect((await screen.findByTestId('location-notice')).textContent).toBe(
      '暂时无法获取您的位置，已显示市中心附近的驿站，可切换区域',
    );
  });

  it('filters by amenities and 营业中', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);
    await screen.findByTestId('station-item');

    fireEvent.click(screen.getByTestId('amenity-chip-microwave'));
    await waitFor(() => expect(nearbyQueries).toHaveLength(2));
    fireEvent.click(screen.getByTestId('amenity-chip-ebike_charging'));
    await waitFor(() => expect(nearbyQueries).toHaveLength(3));
    fireEvent.click(screen.getByTestId('open-now-chip'));
    await waitFor(() => expect(nearbyQueries).toHaveLength(4));

    expect(nearbyQueries[0]?.amenities).toBeUndefined();
    expect(nearbyQueries[0]?.openNow).toBeUndefined();
    expect(nearbyQueries[3]).toMatchObject({ amenities: 'microwave,ebike_charging', openNow: 'true' });
    expect(screen.getByTestId('open-now-chip').getAttribute('aria-pressed')).toBe('true');
  });

  it('suggests a wider radius or fewer filters when nothing is found', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations((query) =>
      query.radius === '10000' && !query.openNow ? [stationSummary()] : [],
    );
    render(<StationsPage />);
    await screen.findByTestId('station-list');
    fireEvent.click(screen.getByTestId('open-now-chip'));

    const empty = await screen.findByTestId('stations-empty');
    expect(empty.textContent).toContain('5公里内没有符合筛选条件的驿站');
    fireEvent.click(within(empty).getByTestId('widen-radius'));
    await waitFor(() => expect(nearbyQueries.at(-1)).toMatchObject({ radius: '10000', openNow: 'true' }));
    fireEvent.click(await screen.findByTestId('clear-filters'));

    expect(await screen.findByTestId('station-item')).toBeTruthy();
    expect(nearbyQueries.at(-1)?.openNow).toBeUndefined();
  });

  it('locates again and reloads on pull-down refresh', async () => {
    locatedAt();
    const { nearbyQueries } = serveStations();
    render(<StationsPage />);
    await screen.findByTestId('station-item');

    await act(async () => taroTest.pullDown());

    await waitFor(() => expect(nearbyQueries).toHaveLength(2));
    expect(Taro.getLocation).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });
});
