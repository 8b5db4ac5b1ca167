import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { apiError, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import BindPage from './index';

const VALID_ID = '11010519491231002X';

function fill(name: string, idNumber: string, mobile: string) {
  fireEvent.change(screen.getByTestId('bind-name'), { target: { value: name } });
  fireEvent.change(screen.getByTestId('bind-id-number'), { target: { value: idNumber } });
  fireEvent.change(screen.getByTestId('bind-mobile'), { target: { value: mobile } });
  fireEvent.click(screen.getByTestId('bind-submit'));
}

describe('实名绑定', () => {
  it('shows the checksum error under the ID field without calling the API', async () => {
    signIn();
    render(<BindPage />);

    fill('张伟', '110105194912310021', '13800138000');

    expect((await screen.findByTestId('bind-id-number-error')).textContent).toBe(
      '身份证号校验位不正确，请核对后重新输入',
    );
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('submits the normalized identity and returns to 我的 when bound', async () => {
    signIn();
    const bodies: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      bodies.push(body);
      expect(path).toBe('/api/membership/bind');
      return { statusCode: 200, data: {} };
    });
    render(<BindPage />);

    fill('张伟', '11010519491231002x', '13800138000');

    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' }));
    expect(bodies).toEqual([{ name: '张伟', idNumber: VALID_ID, mobile: '13800138000' }]);
  });

  it('offers 申请入会 when no member matches', async () => {
    signIn();
    taroTest.respondWith(() =>
      apiError(404, 'not_found', '会员名册中没有找到您的信息。如果您还不是工会会员，可以在线申请入会'),
    );
    render(<BindPage />);

    fill('张伟', VALID_ID, '13800138000');

    expect((await screen.findByTestId('bind-failure')).textContent).toContain('会员名册中没有找到您的信息');
    fireEvent.click(screen.getByText('申请入会'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-member/join/index' });
  });

  it.each([
    [400, 'identity_mismatch', '身份信息与会员登记不一致'],
    [409, 'member_already_bound', '该会员已绑定其他微信账号'],
    [409, 'account_already_bound', '您的账号已绑定会员'],
  ])('shows the BFF message for %i %s, without offering to join', async (status, code, message) => {
    signIn();
    taroTest.respondWith(() => apiError(status, code, message));
    render(<BindPage />);

    fill('张伟', VALID_ID, '13800138000');

    expect((await screen.findByTestId('bind-failure')).textContent).toBe(message);
    expect(screen.queryByText('申请入会')).toBeNull();
  });

  it('puts field errors from the BFF next to their fields', async () => {
    signIn();
    taroTest.respondWith(() =>
      apiError(400, 'validation_failed', '请检查填写的信息', [{ path: 'mobile', message: '该手机号与登记不符' }]),
    );
    render(<BindPage />);

    fill('张伟', VALID_ID, '13800138000');

    expect((await screen.findByTestId('bind-mobile-error')).textContent).toBe('该手机号与登记不符');
  });
});
