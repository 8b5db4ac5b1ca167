import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { merchantClerk, workbench } from '../../../test/benefit-staff-fixtures';
import { apiError, me, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import MerchantBindPage from './index';

const type = (value: string) =>
  fireEvent.change(screen.getByTestId('merchant-invitation-input'), { target: { value } });

describe('商户店员绑定', () => {
  it('binds with the invitation code, shows the merchant, refreshes the account and goes to the counter', async () => {
    signIn({ me: me() });
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      if (path === '/api/merchant/bind') {
        sent.push(body);
        return { statusCode: 200, data: workbench(0, 0) };
      }
      return { statusCode: 200, data: merchantClerk() };
    });
    render(<MerchantBindPage />);

    type('k7m2p9qx');
    fireEvent.click(screen.getByTestId('merchant-bind'));

    expect((await screen.findByTestId('merchant-bound-name')).textContent).toBe('西溪爱心超市');
    expect(sent).toEqual([{ invitationCode: 'K7M2P9QX' }]);
    await waitFor(() =>
      expect((taroTest.storage.get('union.session') as { me: { merchant: unknown } }).me.merchant).toEqual({
        id: merchantClerk().merchant!.id,
        name: '西溪爱心超市',
      }),
    );
    fireEvent.click(screen.getByTestId('merchant-start-redeem'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages-merchant/redeem/index' });
  });

  it('checks the code locally, then shows the field error the server gives for a wrong or expired one', async () => {
    signIn({ me: me() });
    const sent: unknown[] = [];
    taroTest.respondWith(({ body }) => {
      sent.push(body);
      return apiError(400, 'validation_failed', '请检查填写的信息', [
        { path: 'invitationCode', message: '邀请码无效或已过期' },
      ]);
    });
    render(<MerchantBindPage />);

    type('ABC');
    fireEvent.click(screen.getByTestId('merchant-bind'));
    expect(screen.getByTestId('merchant-invitation-error').textContent).toBe('邀请码为 8 位字母或数字');
    expect(sent).toEqual([]);

    type('ABCD2345');
    fireEvent.click(screen.getByTestId('merchant-bind'));
    await waitFor(() => expect(screen.getByTestId('merchant-invitation-error').textContent).toBe('邀请码无效或已过期'));
  });

  it('says which merchant the account already belongs to', () => {
    signIn({ me: merchantClerk() });
    render(<MerchantBindPage />);

    expect(screen.getByTestId('merchant-already-bound').textContent).toContain('西溪爱心超市');
  });
});
