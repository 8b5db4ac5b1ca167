import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { merchantClerk, redemption } from '../../../test/benefit-staff-fixtures';
import { signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import MerchantTodayPage from './index';

function today(count: number) {
  const items = Array.from({ length: count }, (_, index) =>
    redemption({ id: `64b7f0c2a1b2c3d4e5f6a30${index}`, redeemedAt: `2026-03-07T0${6 - index}:05:00.000Z` }),
  );
  return {
    date: '2026-03-07',
    items,
    totals: { count, faceValueFen: count * 10000, paidFen: count * 1200 },
  };
}

describe('今日核销', () => {
  it("lists today's redemptions with their China times and the day's totals", async () => {
    signIn({ me: merchantClerk() });
    taroTest.respondWith(() => ({ statusCode: 200, data: today(2) }));
    render(<MerchantTodayPage />);

    expect((await screen.findAllByTestId('today-item')).map((item) => item.textContent?.slice(0, 5))).toEqual([
      '14:05',
      '13:05',
    ]);
    expect(screen.getByTestId('today-totals').textContent).toContain('3月7日');
    expect(screen.getByTestId('today-count').textContent).toBe('2');
    expect(screen.getByTestId('today-face').textContent).toBe('¥200.00');
    expect(screen.getByTestId('today-paid').textContent).toBe('¥24.00');
    expect(screen.getAllByTestId('today-item')[0]?.textContent).toContain('1234 5678 9015');
  });

  it('refreshes when pulled down', async () => {
    signIn({ me: merchantClerk() });
    let calls = 0;
    taroTest.respondWith(() => ({ statusCode: 200, data: today(calls++ === 0 ? 0 : 1) }));
    render(<MerchantTodayPage />);
    await screen.findByTestId('today-empty');

    taroTest.pullDown();

    await waitFor(() => expect(screen.getAllByTestId('today-item')).toHaveLength(1));
    expect(screen.getByTestId('today-count').textContent).toBe('1');
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });
});
