import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { JoinApplication } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { joinApplication, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import JoinStatusPage from './index';

describe('入会申请进度', () => {
  it('shows each status in Chinese, the member number once approved and the reason when not', async () => {
    signIn();
    const items: JoinApplication[] = [
      joinApplication({ id: '64b7f0c2a1b2c3d4e5f60003', status: 'approved', memberNo: 'M2026000777' }),
      joinApplication({
        id: '64b7f0c2a1b2c3d4e5f60002',
        status: 'rejected',
        rejectReason: '请选择您工作单位所在的基层工会',
      }),
      joinApplication({ id: '64b7f0c2a1b2c3d4e5f60001', status: 'withdrawn' }),
    ];
    taroTest.respondWith(() => ({ statusCode: 200, data: { items } }));
    render(<JoinStatusPage />);

    await waitFor(() =>
      expect(screen.getAllByTestId('join-application-status').map((el) => el.textContent)).toEqual([
        '已批准',
        '未通过',
        '已撤回',
      ]),
    );
    expect(screen.getByTestId('join-application-member-no').textContent).toBe('M2026000777');
    expect(screen.getByText('未通过原因：请选择您工作单位所在的基层工会')).toBeTruthy();
    // Only a pending application still waits for someone.
    expect(screen.queryByTestId('join-application-reviewer')).toBeNull();
  });

  it('says who reviews a pending application', async () => {
    signIn();
    const pending = joinApplication({ status: 'pending', orgName: '杭州市新就业形态劳动者工会联合会' });
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [pending] } }));
    render(<JoinStatusPage />);
    expect((await screen.findByTestId('join-application-reviewer')).textContent).toBe(
      '由「杭州市新就业形态劳动者工会联合会」或其上级工会的工作人员审核，结果会显示在这里',
    );
  });

  it('withdraws a pending application after confirmation', async () => {
    signIn();
    let current = joinApplication({ status: 'pending' });
    const withdrawn: string[] = [];
    taroTest.respondWith(({ method, path }) => {
      if (method === 'POST') {
        withdrawn.push(path);
        current = { ...current, status: 'withdrawn' };
        return { statusCode: 200, data: current };
      }
      return { statusCode: 200, data: { items: [current] } };
    });
    render(<JoinStatusPage />);

    fireEvent.click(await screen.findByText('撤回申请'));

    await waitFor(() => expect(screen.getByTestId('join-application-status').textContent).toBe('已撤回'));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(withdrawn).toEqual([`/api/join-applications/${current.id}/withdraw`]);
    expect(screen.getByText('重新申请')).toBeTruthy();
  });
});
