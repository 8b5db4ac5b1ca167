import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Me } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { me, ORG_ID, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import MinePage from './index';

function showMine(account: Me) {
  signIn({ me: account });
  taroTest.respondWith(() => ({ statusCode: 200, data: account }));
  render(<MinePage />);
}

describe('我的', () => {
  it('offers 实名绑定 and 申请入会 to an account that is not bound', async () => {
    showMine(me());

    expect(await screen.findByText('实名绑定')).toBeTruthy();
    expect(screen.getByText('申请入会')).toBeTruthy();
    expect(screen.queryByTestId('staff-entries')).toBeNull();
  });

  it('shows a pending application instead of the two buttons', async () => {
    showMine(
      me({ latestJoinApplication: { id: '64b7f0c2a1b2c3d4e5f6bbbb', status: 'pending', orgName: '西溪街道总工会' } }),
    );

    expect(await screen.findByText('待审核')).toBeTruthy();
    expect(screen.getByText('查看审核进度')).toBeTruthy();
    expect(screen.queryByText('实名绑定')).toBeNull();
  });

  it('summarises a bound member with a way to the card', async () => {
    showMine(
      me({
        member: {
          id: '64b7f0c2a1b2c3d4e5f60718',
          memberNo: 'M2026000123',
          maskedName: '李*',
          orgName: '西溪街道总工会',
          status: 'active',
        },
      }),
    );

    expect((await screen.findByTestId('membership-bound')).textContent).toContain('M2026000123');
    expect(screen.getByText('电子会员卡')).toBeTruthy();
  });

  it('gives staff their tools: verification for keepers, review for union staff', async () => {
    showMine(
      me({
        kind: 'staff',
        roles: [
          { role: 'station_keeper', orgId: ORG_ID, orgName: '西溪街道总工会', orgLevel: 'street' },
          { role: 'union_staff', orgId: ORG_ID, orgName: '西溪街道总工会', orgLevel: 'street' },
        ],
      }),
    );

    expect(await screen.findByText('扫码核验会员卡')).toBeTruthy();
    expect(screen.getByText('入会审核')).toBeTruthy();
    expect(screen.queryByText('实名绑定')).toBeNull();
  });

  it('gives a station keeper verification and station management, but not review', async () => {
    showMine(
      me({
        kind: 'staff',
        roles: [{ role: 'station_keeper', orgId: ORG_ID, orgName: '西溪街道总工会', orgLevel: 'street' }],
      }),
    );

    expect(await screen.findByText('扫码核验会员卡')).toBeTruthy();
    expect(screen.queryByText('入会审核')).toBeNull();
    fireEvent.click(screen.getByTestId('staff-stations-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/stations/list/index' });
  });

  it('does not offer station management to merchant staff', async () => {
    showMine(
      me({
        kind: 'staff',
        roles: [{ role: 'merchant_staff', orgId: ORG_ID, orgName: '西溪街道总工会', orgLevel: 'street' }],
      }),
    );

    expect(await screen.findByText('扫码核验会员卡')).toBeTruthy();
    expect(screen.queryByTestId('staff-stations-entry')).toBeNull();
  });
});
