import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { me, signIn } from '../../../test/fixtures';
import { signInAs, stationKeeper, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import MinePage from './index';

describe('我的 · 金秋助学', () => {
  it('links to 我的助学申请 and shows how many messages are unread', async () => {
    const account = me();
    signIn({ me: account });
    taroTest.respondWith(({ path }) =>
      path === '/api/notifications'
        ? { statusCode: 200, data: { items: [], unreadCount: 2 } }
        : { statusCode: 200, data: account },
    );
    render(<MinePage />);

    expect((await screen.findByTestId('mine-unread-count')).textContent).toBe('2');
    fireEvent.click(screen.getByTestId('mine-aid-applications'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-aid/applications/index' });
    fireEvent.click(screen.getByTestId('mine-messages'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-aid/messages/index' });
  });

  it('offers 助学审核 to union office staff only', async () => {
    const staff = unionStaff();
    signInAs(staff);
    taroTest.respondWith(() => ({ statusCode: 200, data: staff }));
    const { unmount } = render(<MinePage />);

    fireEvent.click(await screen.findByTestId('staff-aid-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/aid/queue/index' });
    fireEvent.click(screen.getByTestId('staff-aid-programmes-entry'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-staff/aid/programmes/index' });
    unmount();

    const keeper = stationKeeper();
    signInAs(keeper);
    taroTest.respondWith(() => ({ statusCode: 200, data: keeper }));
    render(<MinePage />);
    await screen.findByTestId('staff-entries');
    expect(screen.queryByTestId('staff-aid-entry')).toBeNull();
    expect(screen.queryByTestId('staff-aid-programmes-entry')).toBeNull();
  });
});
