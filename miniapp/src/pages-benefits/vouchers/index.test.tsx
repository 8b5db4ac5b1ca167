import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Voucher } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { VOUCHER_ID, paidVoucher, voucher } from '../../../test/offer-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import MyVouchersPage from './index';

const OTHER_ID = '64b7f0c2a1b2c3d4e5f6e299';

/** Serves 我的券 by view; the unused view has a second page. */
function serveVouchers(byView: Record<string, Voucher[]>) {
  const queries: Record<string, string>[] = [];
  taroTest.respondWith(({ path, query }) => {
    if (path !== '/api/benefits/vouchers') return { statusCode: 404, data: null };
    const q = queryOf(query);
    queries.push(q);
    if (q.view === 'unused' && !q.cursor)
      return { statusCode: 200, data: { items: byView.unused ?? [], nextCursor: 'c2' } };
    if (q.view === 'unused')
      return { statusCode: 200, data: { items: [paidVoucher({ id: OTHER_ID })], nextCursor: null } };
    return { statusCode: 200, data: { items: byView[q.view ?? ''] ?? [], nextCursor: null } };
  });
  return queries;
}

describe('我的券', () => {
  it('opens on 未使用, pages on, and opens a voucher', async () => {
    signIn();
    const queries = serveVouchers({ unused: [voucher()] });
    render(<MyVouchersPage />);

    const first = await screen.findByTestId('voucher-item');
    expect(within(first).getByTestId('voucher-item-status').textContent).toBe('未使用');
    expect(queries[0]).toMatchObject({ view: 'unused', limit: '20' });
    expect(screen.getByTestId('voucher-tab-unused').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByTestId('vouchers-more'));
    await waitFor(() => expect(screen.getAllByTestId('voucher-item')).toHaveLength(2));
    expect(queries[1]).toMatchObject({ view: 'unused', cursor: 'c2' });
    expect(screen.queryByTestId('vouchers-more')).toBeNull();

    fireEvent.click(first);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-benefits/voucher/index?id=${VOUCHER_ID}` });
  });

  it('switches between 已使用, 已过期 and 已退款', async () => {
    signIn();
    const queries = serveVouchers({
      unused: [],
      used: [voucher({ status: 'used', displayStatus: 'used', redeemedAt: '2026-03-02T02:00:00.000Z' })],
      refunded: [],
    });
    render(<MyVouchersPage />);
    await screen.findByTestId('vouchers-empty');

    fireEvent.click(screen.getByTestId('voucher-tab-used'));
    const used = await screen.findByTestId('voucher-item');
    expect(within(used).getByTestId('voucher-item-status').textContent).toBe('已使用');
    expect(queries.at(-1)?.view).toBe('used');

    fireEvent.click(screen.getByTestId('voucher-tab-refunded'));
    expect((await screen.findByTestId('vouchers-empty')).textContent).toContain('暂无已退款的券');
    expect(queries.at(-1)?.view).toBe('refunded');
    expect(screen.getByTestId('voucher-tab-expired').textContent).toBe('已过期');
  });
});
