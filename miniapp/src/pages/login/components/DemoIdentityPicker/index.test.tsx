/** The demo sign-in checks what was typed with the contract, loaded on the first tap. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { session } from '../../../../../test/fixtures';
import { taroTest } from '../../../../../test/taro-mock';
import { DemoIdentityPicker } from './index';

describe('体验登录', () => {
  it('refuses an openid the contract does not allow, in Chinese, without calling the BFF', async () => {
    const sent = vi.fn();
    taroTest.respondWith((request) => {
      sent(request);
      return { statusCode: 200, data: session() };
    });
    const onSignedIn = vi.fn();
    render(<DemoIdentityPicker onSignedIn={onSignedIn} />);

    fireEvent.change(screen.getByTestId('demo-openid'), { target: { value: 'a b' } });
    fireEvent.click(screen.getByText('以此身份登录'));

    await waitFor(() =>
      expect(screen.getByTestId('demo-openid-error').textContent).toBe(
        '体验账号标识只能包含字母、数字、下划线和短横线',
      ),
    );
    expect(sent).not.toHaveBeenCalled();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs in as a picked demo identity', async () => {
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      sent.push({ path, body });
      return { statusCode: 200, data: session() };
    });
    const onSignedIn = vi.fn();
    render(<DemoIdentityPicker onSignedIn={onSignedIn} />);

    fireEvent.click(screen.getByTestId('demo-identity-demo-member-li'));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(sent).toEqual([{ path: '/api/auth/dev-login', body: { openid: 'demo-member-li' } }]);
  });
});
