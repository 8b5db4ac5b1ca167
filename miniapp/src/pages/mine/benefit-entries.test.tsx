import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Me } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { merchantClerk } from '../../../test/benefit-staff-fixtures';
import { me, signIn } from '../../../test/fixtures';
import { stationKeeper, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import MinePage from './index';

async function showMine(account: Me) {
  signIn({ me: account });
  taroTest.respondWith(({ path }) =>
    path === '/api/notifications'
      ? { statusCode: 200, data: { items: [], unreadCount: 0 } }
      : { statusCode: 200, data: account },
  );
  render(<MinePage />);
  // The account is refreshed on show; wait for the page to settle on it.
  await screen.findByText('退出登录');
}

const BENEFIT_ADMIN_ENTRIES = [
  'staff-benefit-merchants-entry',
  'staff-benefit-offers-entry',
  'staff-benefit-settlement-entry',
];
const CLERK_ENTRIES = ['staff-merchant-redeem-entry', 'staff-merchant-today-entry'];
const present = (testIds: string[]) => testIds.filter((testId) => screen.queryByTestId(testId) !== null);

describe('我的 · 普惠工作台', () => {
  it('gives a bound clerk the counter: 核销优惠券 and 今日核销 for their merchant', async () => {
    await showMine(merchantClerk());

    expect(screen.getByTestId('staff-merchant-name').textContent).toBe('西溪爱心超市');
    expect(present(CLERK_ENTRIES)).toEqual(CLERK_ENTRIES);
    expect(present(BENEFIT_ADMIN_ENTRIES)).toEqual([]);
    expect(screen.queryByTestId('mine-merchant-bind')).toBeNull();
    fireEvent.click(screen.getByTestId('staff-merchant-redeem-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-merchant/redeem/index' });
    fireEvent.click(screen.getByTestId('staff-merchant-today-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-merchant/today/index' });
  });

  it('gives union staff 普惠商家, 优惠管理 and 月度结算, and no clerk tools', async () => {
    await showMine(unionStaff());

    expect(present(BENEFIT_ADMIN_ENTRIES)).toEqual(BENEFIT_ADMIN_ENTRIES);
    expect(present(CLERK_ENTRIES)).toEqual([]);
    fireEvent.click(screen.getByTestId('staff-benefit-merchants-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-benefit-admin/merchants/index' });
    fireEvent.click(screen.getByTestId('staff-benefit-offers-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-benefit-admin/offers/index' });
    fireEvent.click(screen.getByTestId('staff-benefit-settlement-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-benefit-admin/settlement/index' });
  });

  it('offers 商户店员绑定 to a WeChat user without a merchant', async () => {
    await showMine(me());
    expect(present([...CLERK_ENTRIES, ...BENEFIT_ADMIN_ENTRIES])).toEqual([]);
    fireEvent.click(screen.getByTestId('mine-merchant-bind'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-merchant/bind/index' });
  });

  it('shows nothing 普惠 to a station keeper', async () => {
    await showMine(stationKeeper());
    expect(present([...CLERK_ENTRIES, ...BENEFIT_ADMIN_ENTRIES, 'mine-merchant-bind'])).toEqual([]);
    expect(screen.getByTestId('staff-stations-entry')).toBeTruthy();
  });
});
