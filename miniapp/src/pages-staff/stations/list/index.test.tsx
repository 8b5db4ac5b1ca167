import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { signInAs, stationKeeper, unionStaff } from '../../../../test/staff-fixtures';
import { OTHER_STATION_ID, queryOf, STATION_ID, stationDetail } from '../../../../test/station-fixtures';
import { taroTest } from '../../../../test/taro-mock';
import StaffStationsPage from './index';

function serveList() {
  const queries: Record<string, string>[] = [];
  taroTest.respondWith(({ path, query }) => {
    if (path !== '/api/staff/stations') return { statusCode: 404, data: null };
    const q = queryOf(query);
    queries.push(q);
    if (q.cursor === 'page-2') {
      return {
        statusCode: 200,
        data: { items: [stationDetail({ id: OTHER_STATION_ID, name: '文三路爱心驿站' })], nextCursor: null },
      };
    }
    const items = q.q === '没有' ? [] : [stationDetail()];
    return { statusCode: 200, data: { items, nextCursor: items.length ? 'page-2' : null } };
  });
  return queries;
}

describe('驿站管理列表', () => {
  it('lists stations in scope, pages on, searches and filters by status', async () => {
    signInAs(unionStaff());
    const queries = serveList();
    render(<StaffStationsPage />);

    expect((await screen.findByTestId('staff-station-item')).textContent).toContain('西溪路工会驿站');
    fireEvent.click(screen.getByTestId('staff-station-more'));
    await waitFor(() => expect(screen.getAllByTestId('staff-station-item')).toHaveLength(2));

    fireEvent.change(screen.getByTestId('staff-station-search'), { target: { value: '  没有 ' } });
    fireEvent.click(screen.getByTestId('staff-station-search-submit'));
    expect((await screen.findByTestId('staff-station-empty')).textContent).toBe('没有找到匹配的驿站');

    fireEvent.click(screen.getByTestId('staff-station-status-closed'));
    await waitFor(() => expect(queries).toHaveLength(4));
    expect(queries).toEqual([
      { limit: '20' },
      { limit: '20', cursor: 'page-2' },
      { limit: '20', q: '没有' },
      { limit: '20', q: '没有', status: 'closed' },
    ]);
  });

  it('words a station in service but shut for the night so the two cannot read as a contradiction', async () => {
    signInAs(unionStaff());
    const shutTonight = stationDetail({
      opening: { openNow: false, closingSoon: false, closesInMinutes: null, opensAt: null },
    });
    const suspended = stationDetail({ id: OTHER_STATION_ID, name: '文三路爱心驿站', status: 'closed' });
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [shutTonight, suspended], nextCursor: null } }));
    render(<StaffStationsPage />);

    const [inService, stopped] = await screen.findAllByTestId('staff-station-item');
    expect(inService!.textContent).toContain('已启用');
    expect(inService!.textContent).toContain('已打烊');
    expect(stopped!.textContent).toContain('已停用');
    for (const card of [inService!, stopped!]) {
      expect(card.textContent).not.toContain('开放中');
      expect(card.textContent).not.toContain('已关闭');
    }
    expect(screen.getByTestId('staff-station-status-open').textContent).toBe('已启用');
    expect(screen.getByTestId('staff-station-status-closed').textContent).toBe('已停用');
  });

  it('opens a station, and offers creating and importing to union staff only', async () => {
    signInAs(unionStaff());
    serveList();
    const { unmount } = render(<StaffStationsPage />);

    fireEvent.click(await screen.findByTestId('staff-station-item'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-staff/stations/detail/index?id=${STATION_ID}` });
    expect(screen.getByTestId('staff-station-create')).toBeTruthy();
    expect(screen.getByTestId('staff-station-import')).toBeTruthy();
    unmount();

    signInAs(stationKeeper());
    render(<StaffStationsPage />);
    await screen.findByTestId('staff-station-item');
    expect(screen.queryByTestId('staff-station-create')).toBeNull();
    expect(screen.queryByTestId('staff-station-import')).toBeNull();
    expect(screen.getByTestId('staff-station-stats')).toBeTruthy();
  });
});
