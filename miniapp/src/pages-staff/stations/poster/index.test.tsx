import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { signInAs, stationKeeper } from '../../../../test/staff-fixtures';
import { STATION_ID } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import StationPosterPage from './index';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('打卡二维码海报', () => {
  it('fetches the protected PNG with the staff session and lays it out for printing', async () => {
    signInAs(stationKeeper());
    const seen: { token?: string; responseType?: string }[] = [];
    taroTest.respondWith(({ path, token, responseType }) => {
      seen.push({ token, responseType });
      return path === `/api/staff/stations/${STATION_ID}/qr-poster`
        ? { statusCode: 200, data: PNG.buffer }
        : { statusCode: 404, data: null };
    });
    taroTest.setRouterParams({ id: STATION_ID, name: encodeURIComponent('西溪路工会驿站') });
    render(<StationPosterPage />);

    const image = await screen.findByTestId('staff-poster-image');
    expect(image.getAttribute('src')).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    expect(screen.getByTestId('staff-poster-name').textContent).toBe('西溪路工会驿站');
    expect(screen.getByTestId('staff-poster-sheet').textContent).toContain('微信扫码 进站打卡');
    expect(seen).toEqual([{ token: 'access-token-1', responseType: 'arraybuffer' }]);
  });

  it('shows the error the BFF sent as JSON bytes', async () => {
    signInAs(stationKeeper());
    const body = new TextEncoder().encode(
      JSON.stringify({ error: { code: 'not_found', message: '驿站不存在或不在您的管辖范围内' } }),
    );
    taroTest.respondWith(() => ({ statusCode: 404, data: body.buffer }));
    taroTest.setRouterParams({ id: STATION_ID });
    render(<StationPosterPage />);

    expect((await screen.findByTestId('staff-poster-error')).textContent).toBe('驿站不存在或不在您的管辖范围内');
  });

  it('saves the poster to a file and opens it in weapp, where WeChat offers saving and forwarding', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(stationKeeper());
    taroTest.respondWith(() => ({ statusCode: 200, data: PNG.buffer }));
    taroTest.setRouterParams({ id: STATION_ID });
    render(<StationPosterPage />);
    await screen.findByTestId('staff-poster-image');

    fireEvent.click(screen.getByTestId('staff-poster-save'));

    const path = `wxfile://usr/station-qr-${STATION_ID}.png`;
    expect(taroTest.files.get(path)).toBe(PNG.buffer);
    expect(Taro.previewImage).toHaveBeenCalledWith({ urls: [path] });
  });
});
