import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Workbench } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
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

describe('首页 · 待办与提醒', () => {
  const PROGRAMME = '64b000000000000000000001';
  const workbench: Workbench = {
    todos: [
      {
        key: 'joinReview',
        label: '待审核入会申请',
        count: 2,
        oldestAt: '2026-01-01T00:00:00.000Z',
        oldestAgeLabel: '最早 3 天前',
      },
      {
        key: 'aidReview',
        label: '助学待审 · 2026年金秋助学 · 街道工会审核',
        count: 1,
        oldestAt: null,
        params: { programmeId: PROGRAMME, step: '0' },
      },
      {
        key: 'aidReview',
        label: '助学待审 · 2026年金秋助学 · 区总工会复审',
        count: 3,
        oldestAt: null,
        params: { programmeId: PROGRAMME, step: '1' },
      },
      { key: 'activityReview', label: '报名待审核的活动', count: 0, oldestAt: null },
      { key: 'merchantInvitations', label: '商户邀请待处理', count: 1, oldestAt: null },
    ],
    notices: [
      {
        key: 'stationsIdle',
        label: '7 天无人到访的驿站',
        count: 1,
        items: [{ id: PROGRAMME, title: '西溪驿站', detail: '尚无到访记录' }],
      },
      { key: 'offersLowStock', label: '库存将尽的优惠', count: 0, items: [] },
    ],
  };

  function showHome() {
    signInAs(unionStaff());
    taroTest.respondWith(({ path }) =>
      path === '/api/staff/workbench' ? { statusCode: 200, data: workbench } : { statusCode: 200, data: unionStaff() },
    );
    render(<HomePage />);
  }

  it('shows each to-do with its count and oldest age above the entries, and opens its queue', async () => {
    showHome();
    const join = await screen.findByTestId('workbench-todo-joinReview');
    expect(join.textContent).toBe('待审核入会申请最早 3 天前2');
    const panels = screen.getAllByText(/^(待办|提醒|工作台)$/).map((title) => title.textContent);
    expect(panels).toEqual(['待办', '提醒', '工作台']);

    fireEvent.click(join);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/join-review/list/index' });
    // 助学待审 by step: each opens its programme's queue at that step.
    const district = screen.getByTestId(`workbench-todo-aidReview-${PROGRAMME}-1`);
    expect(district.textContent).toBe('助学待审 · 2026年金秋助学 · 区总工会复审3');
    fireEvent.click(district);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-staff/aid/queue/index?programmeId=${PROGRAMME}&step=1`,
    });
    fireEvent.click(screen.getByTestId(`workbench-todo-aidReview-${PROGRAMME}-0`));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: `/pages-staff/aid/queue/index?programmeId=${PROGRAMME}&step=0`,
    });
    fireEvent.click(screen.getByTestId('workbench-todo-activityReview'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-activity-admin/list/index?todo=review' });
    fireEvent.click(screen.getByTestId('workbench-todo-merchantInvitations'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-benefit-admin/merchants/index?needsClerk=1' });
  });

  it('lists the notices that have items', async () => {
    showHome();
    const idle = await screen.findByTestId('workbench-notice-stationsIdle');
    expect(idle.textContent).toContain('7 天无人到访的驿站（1）');
    expect(idle.textContent).toContain('西溪驿站 · 尚无到访记录');
    expect(screen.queryByTestId('workbench-notice-offersLowStock')).toBeNull();
  });

  it('does not ask for a workbench for a member', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: me() }));
    render(<HomePage />);
    await screen.findByTestId('home-find-stations');
    const paths = vi.mocked(Taro.request).mock.calls.map(([options]) => options.url);
    expect(paths.some((url) => url.includes('/api/staff/workbench'))).toBe(false);
    expect(screen.queryByTestId('workbench-todos')).toBeNull();
  });
});
