import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityOrgStats, ActivityStats } from '@union/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID } from '../../../test/activity-admin-fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import ActivityStatsPage from './index';

const activityStats: ActivityStats = {
  activityId: ACTIVITY_ID,
  signUps: 48,
  confirmed: 40,
  waitlisted: 6,
  cancelled: 2,
  participants: 70,
  distinctParticipants: 37,
  noShows: 3,
  completed: 35,
  checkInRate: 0.875,
  sessions: [
    { sessionIndex: 0, date: '2026-12-20', expected: 40, checkedIn: 37, checkInRate: 0.925 },
    { sessionIndex: 1, date: '2026-12-27', expected: 40, checkedIn: 33, checkInRate: 0.825 },
    { sessionIndex: 2, date: '2027-01-03', expected: 0, checkedIn: 0, checkInRate: null },
  ],
  byDay: [{ date: '2026-12-02', signUps: 30, checkIns: 0 }],
};

const orgStats: ActivityOrgStats = {
  from: '2026-01-01',
  to: '2026-03-01',
  totals: { activities: 4, sessions: 9, signUps: 210, participants: 188, checkInRate: 0.9 },
  byKind: [
    { kind: 'training', kindLabel: '培训班', activities: 1, sessions: 6, signUps: 30, participants: 150 },
    { kind: 'sports_culture', kindLabel: '文体活动', activities: 3, sessions: 3, signUps: 180, participants: 38 },
  ],
  byDay: [{ date: '2026-02-14', sessions: 2, signUps: 12, checkIns: 40 }],
};

afterEach(() => vi.useRealTimers());

describe('活动统计', () => {
  it("shows one activity's figures and attendance per session as the BFF counts them", async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    taroTest.respondWith(({ path }) =>
      path === `/api/staff/activities/${ACTIVITY_ID}/stats`
        ? { statusCode: 200, data: activityStats }
        : { statusCode: 404, data: null },
    );
    render(<ActivityStatsPage />);

    expect((await screen.findByTestId('activity-stats-sign-ups')).textContent).toBe('48');
    expect(screen.getByTestId('activity-stats-participants').textContent).toBe('70');
    expect(screen.getByTestId('activity-stats-rate').textContent).toBe('87.5%');
    expect(screen.getByTestId('activity-stats-no-shows').textContent).toBe('3');
    expect(screen.getByTestId('activity-stats-completed').textContent).toBe('35');
    expect(screen.getAllByTestId('activity-stats-session').map((row) => row.textContent)).toEqual([
      '第1场 12月20日37 / 40（92.5%）',
      '第2场 12月27日33 / 40（82.5%）',
      '第3场 1月3日0 / 0（—）',
    ]);
  });

  it('reads the org figures for this year in China dates, and again for a chosen range', async () => {
    // 00:30 on 1 March in China is still 28 February in UTC.
    vi.useFakeTimers({ now: new Date('2026-03-01T00:30:00+08:00'), toFake: ['Date'] });
    signInAs(unionStaff());
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path !== '/api/staff/activity-stats') return { statusCode: 404, data: null };
      queries.push(queryOf(query));
      return { statusCode: 200, data: orgStats };
    });
    render(<ActivityStatsPage />);

    expect((await screen.findByTestId('org-stats-sessions')).textContent).toBe('9');
    expect(screen.getByTestId('org-stats-sign-ups').textContent).toBe('210');
    expect(screen.getByTestId('org-stats-participants').textContent).toBe('188');
    expect(screen.getByTestId('org-stats-rate').textContent).toBe('90%');
    expect(screen.getAllByTestId('org-stats-kind').map((row) => row.textContent)).toEqual([
      '培训班活动 1 · 场次 6 · 报名 30 · 参与 150',
      '文体活动活动 3 · 场次 3 · 报名 180 · 参与 38',
    ]);
    expect(screen.getByTestId('org-stats-day').textContent).toBe('2月14日场次 2 · 报名 12 · 签到 40');
    expect(queries).toEqual([{ from: '2026-01-01', to: '2026-03-01' }]);

    fireEvent.change(screen.getByTestId('stats-from-input'), { target: { value: '2026-02-01' } });
    await waitFor(() => expect(queries.at(-1)).toEqual({ from: '2026-02-01', to: '2026-03-01' }));
  });

  it('refuses a range that ends before it starts, without asking the BFF', async () => {
    signInAs(unionStaff());
    const queries: string[] = [];
    taroTest.respondWith(({ query }) => {
      queries.push(query);
      return { statusCode: 200, data: orgStats };
    });
    render(<ActivityStatsPage />);
    await screen.findByTestId('org-stats');

    fireEvent.change(screen.getByTestId('stats-from-input'), { target: { value: '2099-01-01' } });
    expect((await screen.findByTestId('stats-error')).textContent).toBe('开始日期不能晚于结束日期');
    expect(queries).toHaveLength(1);
  });
});
