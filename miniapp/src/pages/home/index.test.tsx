import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { merchantClerk } from '../../../test/benefit-staff-fixtures';
import { me, signIn } from '../../../test/fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import HomePage from './index';

describe('首页', () => {
  it('leads to the nearby stations tab', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: me() }));
    render(<HomePage />);

    fireEvent.click(await screen.findByTestId('home-find-stations'));

    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/stations/index' });
  });
});

describe('首页 · 工作台', () => {
  it('puts a merchant clerk’s 核销优惠券 first, above the member services', async () => {
    const clerk = merchantClerk();
    signIn({ me: clerk });
    taroTest.respondWith(({ path }) =>
      path === '/api/aid/programmes' ? { statusCode: 200, data: { items: [] } } : { statusCode: 200, data: clerk },
    );
    render(<HomePage />);

    const workbench = await screen.findByTestId('home-workbench');
    const first = workbench.querySelector('[data-testid]');
    expect(first?.getAttribute('data-testid')).toBe('home-staff-merchant-redeem-entry');
    expect(first?.textContent).toContain('核销优惠券');
    const panels = screen.getAllByText(/^(工作台|会员服务)$/).map((title) => title.textContent);
    expect(panels).toEqual(['工作台', '会员服务']);

    fireEvent.click(first!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-merchant/redeem/index' });
  });

  it('shows a union cadre the 助学项目与发放 entry beside 助学审核', async () => {
    signInAs(unionStaff());
    taroTest.respondWith(() => ({ statusCode: 200, data: unionStaff() }));
    render(<HomePage />);

    expect(await screen.findByTestId('home-staff-aid-entry')).toBeTruthy();
    fireEvent.click(screen.getByTestId('home-staff-aid-programmes-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/aid/programmes/index' });
    expect(screen.queryByText('会员服务')).toBeNull();
  });
});
