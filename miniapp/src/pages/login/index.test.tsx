import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { stationCheckInLink } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { session, signIn } from '../../../test/fixtures';
import { STATION_ID } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { ROUTES } from '../../routes';
import LoginPage from './index';

const CODE = `ST1.${STATION_ID}.AbCdEfGhIjKlMnOpQr-_01`;
const CHECK_IN = `${ROUTES.stationCheckIn}?code=${CODE}`;
/** What WeChat hands the page when 扫一扫 reads a poster (扫普通链接二维码打开小程序). */
const SCANNED = { q: encodeURIComponent(stationCheckInLink('https://union.example.cn', CODE)), scancode_time: '1' };

describe('the launch page, opened by WeChat scanning a station poster', () => {
  it('signs in silently in weapp, then checks in at that station instead of opening 首页', async () => {
    process.env.TARO_ENV = 'weapp';
    taroTest.respondWith(({ path }) =>
      path === '/api/auth/wechat-login' ? { statusCode: 200, data: session() } : { statusCode: 404, data: null },
    );
    taroTest.setRouterParams(SCANNED);
    render(<LoginPage />);

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: CHECK_IN }));
    expect(Taro.login).toHaveBeenCalled();
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });

  it('goes straight to the check-in when already signed in', () => {
    signIn();
    taroTest.setRouterParams(SCANNED);
    render(<LoginPage />);

    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: CHECK_IN });
  });

  it('opens 首页 when launched without a poster', () => {
    signIn();
    render(<LoginPage />);

    expect(Taro.switchTab).toHaveBeenCalledWith({ url: ROUTES.home });
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});
