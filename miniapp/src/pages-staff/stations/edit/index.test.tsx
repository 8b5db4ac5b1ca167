import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StationInput } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../../../../test/fixtures';
import { DISTRICT_ORG, signInAs, STREET_ORG, unionStaff } from '../../../../test/staff-fixtures';
import { STATION_ID, stationDetail } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import StationEditPage from './index';

const NEW_ID = '64b7f0c2a1b2c3d4e5f6c009';

function serveEditor(answer?: (body: StationInput) => { statusCode: number; data: unknown }) {
  const saved: { method: string; path: string; body: StationInput }[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET' && path === `/api/stations/${STATION_ID}`) return { statusCode: 200, data: stationDetail() };
    saved.push({ method, path, body: body as StationInput });
    return answer?.(body as StationInput) ?? { statusCode: 200, data: stationDetail({ id: NEW_ID }) };
  });
  return saved;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function fillRequiredFields() {
  type('station-input-name', '文三路爱心驿站');
  type('station-input-address', '西湖区文三路 100 号');
  type('station-lat', '30.2799');
  type('station-lng', '120.1420');
}

describe('驿站信息（新建与编辑）', () => {
  it('creates a station with its amenities, overnight hours and a holiday, then opens it', async () => {
    signInAs(unionStaff());
    const saved = serveEditor();
    render(<StationEditPage />);

    fillRequiredFields();
    fireEvent.click(screen.getByTestId('station-type-love_station'));
    fireEvent.click(screen.getByTestId('station-amenity-drinking_water'));
    fireEvent.click(screen.getByTestId('station-amenity-ebike_charging'));
    // Tuesday becomes a night shift: 22:00 until 06:00 the next morning.
    type('hours-day-1-0-open-input', '22:00');
    type('hours-day-1-0-close-input', '06:00');
    fireEvent.click(screen.getByTestId('hours-day-5-add'));
    fireEvent.click(screen.getByTestId('exception-add'));
    type('exception-0-date-input', '2026-10-01');
    type('exception-0-note', '国庆节');
    fireEvent.click(screen.getByTestId('staff-station-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.method).toBe('POST');
    expect(saved[0]?.path).toBe('/api/staff/stations');
    expect(saved[0]?.body).toMatchObject({
      name: '文三路爱心驿站',
      type: 'love_station',
      address: '西湖区文三路 100 号',
      location: { lat: 30.2799, lng: 120.142 },
      orgId: DISTRICT_ORG.id,
      amenities: ['drinking_water', 'ebike_charging'],
      hours: {
        alwaysOpen: false,
        exceptions: [{ date: '2026-10-01', intervals: [], note: '国庆节' }],
      },
    });
    expect(saved[0]?.body.hours.weekly[1]).toEqual([{ open: '22:00', close: '06:00' }]);
    expect(saved[0]?.body.hours.weekly[5]).toEqual([{ open: '09:00', close: '18:00' }]);
    expect(saved[0]?.body.hours.weekly[6]).toEqual([]);
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages-staff/stations/detail/index?id=${NEW_ID}` }),
    );
  });

  it('says what is missing before sending anything', async () => {
    signInAs(unionStaff([DISTRICT_ORG, STREET_ORG]));
    const saved = serveEditor();
    render(<StationEditPage />);

    type('station-input-name', '站');
    fireEvent.click(screen.getByTestId('staff-station-save'));

    expect(screen.getByTestId('station-input-name-error').textContent).toBe('站点名称至少 2 个字');
    expect(screen.getByTestId('station-location-error').textContent).toBe('请在地图上选择位置，或填写经纬度');
    expect(screen.getByText('请选择所属工会')).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it("shows the BFF's hours problem against the day it is about", async () => {
    signInAs(unionStaff());
    serveEditor(() =>
      apiError(400, 'validation_failed', '请检查填写的信息', [
        { path: 'hours.weekly.1.1', message: '与同一天的其他时段重叠' },
      ]),
    );
    render(<StationEditPage />);
    fillRequiredFields();
    fireEvent.click(screen.getByTestId('hours-day-1-add'));

    fireEvent.click(screen.getByTestId('staff-station-save'));

    expect((await screen.findByTestId('station-hours-error')).textContent).toBe('周二：与同一天的其他时段重叠');
  });

  it('edits an existing station: 24-hour opening is saved with PUT, then goes back', async () => {
    signInAs(unionStaff());
    const saved = serveEditor();
    taroTest.setRouterParams({ id: STATION_ID });
    render(<StationEditPage />);

    expect(((await screen.findByTestId('station-input-name')) as HTMLInputElement).value).toBe('西溪路工会驿站');
    fireEvent.click(screen.getByTestId('hours-always-open'));
    fireEvent.click(screen.getByTestId('staff-station-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ method: 'PUT', path: `/api/staff/stations/${STATION_ID}` });
    expect(saved[0]?.body.hours.alwaysOpen).toBe(true);
    expect(saved[0]?.body.location).toEqual({ lat: 30.2741, lng: 120.1351 });
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });

  it('places the station on the WeChat map in weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    serveEditor();
    vi.mocked(Taro.chooseLocation).mockResolvedValue({
      name: '文三路 100 号',
      address: '浙江省杭州市西湖区文三路 100 号',
      latitude: 30.2799,
      longitude: 120.142,
    } as Awaited<ReturnType<typeof Taro.chooseLocation>>);
    render(<StationEditPage />);

    fireEvent.click(screen.getByTestId('station-location-choose'));

    await waitFor(() => expect((screen.getByTestId('station-lat') as HTMLInputElement).value).toBe('30.2799'));
    expect((screen.getByTestId('station-lng') as HTMLInputElement).value).toBe('120.142');
    expect((screen.getByTestId('station-input-address') as HTMLInputElement).value).toBe(
      '浙江省杭州市西湖区文三路 100 号',
    );
  });
});
