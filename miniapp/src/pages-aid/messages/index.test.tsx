import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Notification } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../test/aid-fixtures';
import { signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import MessagesPage from './index';

const UNREAD: Notification = {
  id: '64b7f0c2a1b2c3d4e5f6a001',
  kind: 'aid_status',
  title: '助学申请被退回补充',
  body: '录取通知书照片不清晰，请重新拍摄',
  link: `/pages-aid/application/index?id=${APPLICATION_ID}`,
  createdAt: '2026-07-05T06:30:00.000Z',
  read: false,
};

describe('消息', () => {
  it('marks a message read when opened and goes to its page', async () => {
    signIn();
    const calls: string[] = [];
    taroTest.respondWith(({ method, path }) => {
      calls.push(`${method} ${path}`);
      if (method === 'POST') return { statusCode: 200, data: { ok: true } };
      return {
        statusCode: 200,
        data: { items: [UNREAD, { ...UNREAD, id: '64b7f0c2a1b2c3d4e5f6a002', read: true }], unreadCount: 1 },
      };
    });
    render(<MessagesPage />);

    const items = await screen.findAllByTestId('message-item');
    expect(items.map((item) => item.getAttribute('data-read'))).toEqual(['false', 'true']);
    expect(screen.getAllByTestId('message-unread')).toHaveLength(1);

    fireEvent.click(items[0]!);

    await waitFor(() => expect(calls).toContain(`POST /api/notifications/${UNREAD.id}/read`));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: UNREAD.link });
    expect(screen.queryByTestId('message-unread')).toBeNull();
  });
});
