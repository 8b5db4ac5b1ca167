import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { chinaMonthOf } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { settlement } from '../../../test/benefit-staff-fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import BenefitAdminSettlementPage from './index';

const XIHU = '65a000000000000000000002';

describe('月度结算', () => {
  it('shows each merchant and the totals for the chosen month, and exports the sheet for it', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    const calls: { path: string; query: Record<string, string> }[] = [];
    taroTest.respondWith(({ path, query }) => {
      calls.push({ path, query: queryOf(query) });
      if (path === '/api/admin/settlements/export') return { statusCode: 200, data: sheet };
      if (path === '/api/admin/settlements/pending-exports') return { statusCode: 200, data: { items: [] } };
      return { statusCode: 200, data: settlement() };
    });
    render(<BenefitAdminSettlementPage />);

    const rows = await screen.findAllByTestId('settlement-row');
    expect(calls.find((call) => call.path === '/api/admin/settlements')).toEqual({
      path: '/api/admin/settlements',
      query: { month: chinaMonthOf(new Date()) },
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('西溪爱心超市');
    expect(rows[0]?.textContent).toContain('核销 10 张');
    expect(screen.getAllByTestId('settlement-row-owed').map((cell) => cell.textContent)).toEqual([
      '¥880.00',
      '¥440.00',
    ]);
    expect(screen.getByTestId('settlement-total-count').textContent).toBe('15');
    expect(screen.getByTestId('settlement-total-owed').textContent).toBe('¥1,320.00');

    fireEvent.change(screen.getByTestId('settlement-month-input'), { target: { value: '2026-02' } });
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ month: '2026-02' }));
    fireEvent.click(screen.getByTestId('settlement-export'));

    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(calls.find((call) => call.path === '/api/admin/settlements/export')).toEqual({
      path: '/api/admin/settlements/export',
      query: { month: '2026-02' },
    });
    expect(Taro.getFileSystemManager().writeFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://usr/普惠结算-2026-02.xlsx', data: sheet }),
    );
  });

  it('opens the month the workbench’s 结算待导出 names, lists the months still to export, and drops one once exported', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    taroTest.setRouterParams({ month: '2026-09', orgId: XIHU });
    const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    let waiting = [
      { orgId: XIHU, orgName: '西湖区总工会', month: '2026-09', closedAt: '2026-09-30T16:00:00.000Z' },
      { orgId: XIHU, orgName: '西湖区总工会', month: '2026-10', closedAt: '2026-10-31T16:00:00.000Z' },
    ];
    const calls: { path: string; query: Record<string, string> }[] = [];
    taroTest.respondWith(({ path, query }) => {
      calls.push({ path, query: queryOf(query) });
      if (path === '/api/admin/settlements/export') {
        waiting = waiting.filter((item) => item.month !== queryOf(query).month);
        return { statusCode: 200, data: sheet };
      }
      if (path === '/api/admin/settlements/pending-exports') return { statusCode: 200, data: { items: waiting } };
      return { statusCode: 200, data: settlement() };
    });
    render(<BenefitAdminSettlementPage />);

    await screen.findByTestId('settlement-pending');
    expect(calls.find((call) => call.path === '/api/admin/settlements')?.query).toEqual({
      month: '2026-09',
      orgId: XIHU,
    });
    expect(screen.getByTestId('settlement-pending').textContent).toContain('待导出（2）');

    fireEvent.click(screen.getByTestId(`settlement-pending-${XIHU}-2026-10`));
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ month: '2026-10', orgId: XIHU }));
    fireEvent.click(screen.getByTestId('settlement-export'));
    await waitFor(() => expect(screen.getByTestId('settlement-pending').textContent).toContain('待导出（1）'));
    expect(calls.find((call) => call.path === '/api/admin/settlements/export')?.query).toEqual({
      month: '2026-10',
      orgId: XIHU,
    });
    expect(screen.queryByTestId(`settlement-pending-${XIHU}-2026-10`)).toBeNull();
  });
});
