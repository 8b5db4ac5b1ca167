import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInAs, stationKeeper } from '../../../../test/staff-fixtures';
import { queryOf, STATION_ID } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import StationStatsPage from './index';

describe('服务人次统计', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for the last 30 days by day and this year by month, in China dates, and shows the totals', async () => {
    // 00:30 on 1 March in China is still 28 February in UTC.
    vi.useFakeTimers({ now: new Date('2026-03-01T00:30:00+08:00'), toFake: ['Date'] });
    signInAs(stationKeeper());
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ query }) => {
      const q = queryOf(query);
      queries.push(q);
      const rows =
        q.granularity === 'day'
          ? [
              { period: '2026-02-28', checkIns: 12, walkIns: 3 },
              { period: '2026-03-01', checkIns: 4, walkIns: 0 },
            ]
          : [
              { period: '2026-01', checkIns: 300, walkIns: 41 },
              { period: '2026-02', checkIns: 280, walkIns: 30 },
              { period: '2026-03', checkIns: 4, walkIns: 0 },
            ];
      const totals = rows.reduce(
        (sum, row) => ({ checkIns: sum.checkIns + row.checkIns, walkIns: sum.walkIns + row.walkIns }),
        {
          checkIns: 0,
          walkIns: 0,
        },
      );
      return { statusCode: 200, data: { rows, totals } };
    });
    taroTest.setRouterParams({ stationId: STATION_ID, name: '西溪路工会驿站' });
    render(<StationStatsPage />);

    await waitFor(() => expect(screen.getAllByTestId('staff-stats-month-row')).toHaveLength(3));
    expect(queries).toEqual([
      { stationId: STATION_ID, granularity: 'day', from: '2026-01-31', to: '2026-03-01' },
      { stationId: STATION_ID, granularity: 'month', from: '2026-01-01', to: '2026-03-01' },
    ]);
    expect(screen.getByTestId('staff-stats-day-total').textContent).toContain('合计 19 人次');
    expect(screen.getAllByTestId('staff-stats-day-row')[0]?.textContent).toBe('3月1日4（扫码4）');
    expect(screen.getByTestId('staff-stats-month-total').textContent).toContain('扫码 584 · 登记 71');
  });
});
