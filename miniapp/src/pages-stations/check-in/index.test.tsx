import { render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { STATION_ID } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { ROUTES } from '../../routes';
import StationCheckInPage from './index';

const CODE = `ST1.${STATION_ID}.AbCdEfGhIjKlMnOpQr-_01`;

/** Answers check-ins as the BFF would, and records what the page sent. */
function serveCheckIns(counted: boolean) {
  const sent: unknown[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method !== 'POST' || path !== '/api/station-check-ins') return { statusCode: 404, data: null };
    sent.push(body);
    const data = {
      stationId: STATION_ID,
      stationName: '西溪路工会驿站',
      counted,
      checkedInAt: '2026-07-14T05:00:00.000Z',
    };
    return { statusCode: 200, data };
  });
  return sent;
}

describe('驿站打卡, where a scanned poster lands', () => {
  it('checks a signed-in rider in at once and says the visit counted', async () => {
    signIn();
    const sent = serveCheckIns(true);
    taroTest.setRouterParams({ code: encodeURIComponent(CODE) });
    render(<StationCheckInPage />);

    const result = await screen.findByTestId('station-check-in-result');
    expect(result.getAttribute('data-counted')).toBe('true');
    expect(result.textContent).toContain('打卡成功');
    expect(result.textContent).toContain('西溪路工会驿站');
    expect(sent).toEqual([{ stationCode: CODE }]);

    screen.getByTestId('station-check-in-detail').click();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.stationDetail}?id=${STATION_ID}` });
  });

  it('tells a rider scanning again within 30 minutes that it was not counted twice', async () => {
    signIn();
    serveCheckIns(false);
    taroTest.setRouterParams({ code: CODE });
    render(<StationCheckInPage />);

    const result = await screen.findByTestId('station-check-in-result');
    expect(result.getAttribute('data-counted')).toBe('false');
    expect(result.textContent).toContain('已打卡（30分钟内不重复计数）');
  });

  it('sends a rider without a session to sign in, to come back here afterwards', async () => {
    const sent = serveCheckIns(true);
    taroTest.setRouterParams({ code: CODE });
    render(<StationCheckInPage />);

    const back = `${ROUTES.stationCheckIn}?code=${CODE}`;
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.login}?then=${encodeURIComponent(back)}` });
    expect(sent).toEqual([]);
  });

  it('refuses a link that holds no station code without asking anyone to sign in', async () => {
    const sent = serveCheckIns(true);
    taroTest.setRouterParams({ code: 'ST1.not-a-code' });
    render(<StationCheckInPage />);

    expect((await screen.findByTestId('station-check-in-error')).textContent).toContain('这不是驿站打卡二维码');
    expect(Taro.redirectTo).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
