import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { OpeningHours, StationDetail } from '@union/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { queryOf, STATION_ID, stationDetail } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import StationDetailPage from './index';

const NIGHT_SHIFT: OpeningHours = {
  alwaysOpen: false,
  weekly: Array.from({ length: 7 }, () => [{ open: '22:00', close: '06:00' }]),
  exceptions: [],
};

/** Serves the station and records the check-ins and feedback the page sends. */
function serveStation(station: StationDetail = stationDetail(), checkInCounted: boolean[] = [true]) {
  const detailQueries: Record<string, string>[] = [];
  const checkIns: unknown[] = [];
  const feedback: unknown[] = [];
  taroTest.respondWith(({ method, path, query, body }) => {
    if (method === 'GET' && path === `/api/stations/${STATION_ID}`) {
      detailQueries.push(queryOf(query));
      return { statusCode: 200, data: station };
    }
    if (method === 'POST' && path === '/api/station-check-ins') {
      checkIns.push(body);
      return {
        statusCode: 200,
        data: {
          stationId: STATION_ID,
          stationName: station.name,
          counted: checkInCounted[checkIns.length - 1] ?? false,
          checkedInAt: '2026-07-14T05:00:00.000Z',
        },
      };
    }
    if (method === 'POST' && path === `/api/stations/${STATION_ID}/feedback`) {
      feedback.push(body);
      const request = body as { kind: 'feedback' | 'wish'; rating: number | null; comment: string };
      return {
        statusCode: 200,
        data: {
          id: '64b7f0c2a1b2c3d4e5f6e001',
          stationId: STATION_ID,
          ...request,
          authorName: '张*',
          createdAt: '2026-07-14T05:00:00.000Z',
          status: 'open',
          reply: null,
          repliedAt: null,
        },
      };
    }
    return { statusCode: 404, data: null };
  });
  return { detailQueries, checkIns, feedback };
}

function openStation(params: Record<string, string> = { id: STATION_ID }) {
  taroTest.setRouterParams(params);
  render(<StationDetailPage />);
  return screen.findByTestId('station-detail-name');
}

async function checkInWith(code: string) {
  fireEvent.change(screen.getByTestId('check-in-code-input'), { target: { value: code } });
  fireEvent.click(screen.getByTestId('check-in-submit'));
}

describe('驿站详情', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the station with its distance from the rider, amenities and photos', async () => {
    const { detailQueries } = serveStation();
    await openStation({ id: STATION_ID, lat: '30.2741', lng: '120.1551' });

    expect(screen.getByTestId('station-detail-name').textContent).toBe('西溪路工会驿站');
    expect(screen.getByTestId('station-detail-open-state').textContent).toBe('营业中 · 还有25分钟打烊');
    expect(screen.getByTestId('station-detail-distance').textContent).toBe('距您 350米 · 步行6分钟 · 骑行2分钟');
    expect(screen.getByTestId('station-detail-amenities').textContent).toContain('卫生间');
    expect((screen.getByTestId('station-photo') as HTMLImageElement).getAttribute('src')).toBe(
      '/api/station-photos/64b7f0c2a1b2c3d4e5f6d001',
    );
    expect(detailQueries).toEqual([{ lat: '30.2741', lng: '120.1551' }]);
  });

  it('navigates and calls from the station page', async () => {
    process.env.TARO_ENV = 'weapp';
    serveStation();
    await openStation();

    fireEvent.click(screen.getByTestId('station-detail-navigate'));
    fireEvent.click(screen.getByTestId('station-detail-call'));

    expect(Taro.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 30.2741, longitude: 120.1351 }));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0571-88886666' });
  });

  it("shows today's hours of an overnight station in China time", async () => {
    // 01:30 on Tuesday in China is still Monday in UTC.
    vi.useFakeTimers({ now: new Date('2026-07-14T01:30:00+08:00'), toFake: ['Date'] });
    serveStation(stationDetail({ hours: NIGHT_SHIFT }));
    await openStation();

    const today = screen.getByTestId('station-detail-today-hours');
    expect(today.textContent).toBe('今天22:00–次日06:00');
    const todayRow = screen.getAllByTestId('station-hours-row').find((row) => row.dataset.today === 'true');
    expect(todayRow?.textContent).toBe('周二22:00–次日06:00');
  });

  it("shows an exception day's hours and why, instead of the weekly hours", async () => {
    vi.useFakeTimers({ now: new Date('2026-10-01T10:00:00+08:00'), toFake: ['Date'] });
    serveStation(
      stationDetail({
        hours: {
          ...NIGHT_SHIFT,
          exceptions: [
            { date: '2026-10-01', intervals: [{ open: '10:00', close: '16:00' }], note: '国庆节' },
            { date: '2026-10-02', intervals: [], note: '国庆节' },
          ],
        },
      }),
    );
    await openStation();

    expect(screen.getByTestId('station-detail-today-hours').textContent).toBe('今天（国庆节）10:00–16:00');
    expect(screen.getByTestId('station-detail-exceptions').textContent).toContain('10月2日 周五（国庆节）休息');
  });

  it('says 打卡成功 for a counted check-in and 已打卡 for a repeat within 30 minutes', async () => {
    signIn();
    const { checkIns } = serveStation(stationDetail(), [true, false]);
    await openStation();

    await checkInWith('  ST1.64b7f0c2a1b2c3d4e5f6c001.abcdefghijklmnopqrstuv ');
    const first = await screen.findByTestId('check-in-result');
    expect(first.textContent).toContain('打卡成功');
    expect(first.getAttribute('data-counted')).toBe('true');

    // The poster's link, as a scanner reads it, sends the code inside it.
    await checkInWith('https://union.example.cn/s/ST1.64b7f0c2a1b2c3d4e5f6c001.abcdefghijklmnopqrstuv');
    await waitFor(() => expect(screen.getByTestId('check-in-result').getAttribute('data-counted')).toBe('false'));
    expect(screen.getByTestId('check-in-result').textContent).toContain('已打卡（30分钟内不重复计数）');
    expect(checkIns).toEqual([
      { stationCode: 'ST1.64b7f0c2a1b2c3d4e5f6c001.abcdefghijklmnopqrstuv' },
      { stationCode: 'ST1.64b7f0c2a1b2c3d4e5f6c001.abcdefghijklmnopqrstuv' },
    ]);
  });

  it('checks in with the scanned poster in weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    const { checkIns } = serveStation();
    vi.mocked(Taro.scanCode).mockResolvedValue({ result: 'https://u.example.cn/s/ST1.code' } as Awaited<
      ReturnType<typeof Taro.scanCode>
    >);
    await openStation();

    fireEvent.click(screen.getByTestId('check-in-scan'));

    expect((await screen.findByTestId('check-in-result')).textContent).toContain('打卡成功');
    expect(checkIns).toEqual([{ stationCode: 'https://u.example.cn/s/ST1.code' }]);
  });

  it('sends a visitor without a session to sign in before checking in', async () => {
    const { checkIns } = serveStation();
    await openStation();

    await checkInWith('ST1.some-code');

    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' }));
    expect(checkIns).toEqual([]);
    expect(screen.queryByTestId('check-in-result')).toBeNull();
  });

  it('requires a star rating for 评价 and sends it with the comment', async () => {
    signIn();
    const { feedback } = serveStation();
    await openStation();

    fireEvent.change(screen.getByTestId('feedback-comment'), { target: { value: '热水很及时' } });
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(screen.getByTestId('feedback-error').textContent).toBe('请选择 1-5 星');
    expect(feedback).toEqual([]);

    fireEvent.click(screen.getByTestId('feedback-star-4'));
    fireEvent.click(screen.getByTestId('feedback-submit'));

    expect((await screen.findByTestId('feedback-result')).textContent).toContain('感谢您的评价');
    expect(feedback).toEqual([{ kind: 'feedback', rating: 4, comment: '热水很及时' }]);
  });

  it('sends a 微心愿 without stars, but not an empty one', async () => {
    signIn();
    const { feedback } = serveStation();
    await openStation();

    fireEvent.click(screen.getByTestId('feedback-kind-wish'));
    expect(screen.queryByTestId('feedback-stars')).toBeNull();
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(screen.getByTestId('feedback-error').textContent).toBe('请写下您的心愿');

    fireEvent.change(screen.getByTestId('feedback-comment'), { target: { value: '夏天备些藿香正气水' } });
    fireEvent.click(screen.getByTestId('feedback-submit'));

    const result = await screen.findByTestId('feedback-result');
    expect(within(result).getByText('心愿已提交')).toBeTruthy();
    expect(feedback).toEqual([{ kind: 'wish', rating: null, comment: '夏天备些藿香正气水' }]);
  });

  it('says when a station is not found', async () => {
    taroTest.respondWith(() => ({
      statusCode: 404,
      data: { error: { code: 'not_found', message: '驿站不存在或已删除' } },
    }));
    taroTest.setRouterParams({ id: STATION_ID });
    render(<StationDetailPage />);

    expect((await screen.findByTestId('station-detail-error')).textContent).toBe('驿站不存在或已删除');
  });
});
