import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { PrivacyPopup } from './index';
import { AGREE_BUTTON_ID, watchPrivacyAuthorization } from './privacy-request';

/** Registers the listener as app launch does and returns WeChat's side of it. */
function launchInWeapp() {
  process.env.TARO_ENV = 'weapp';
  watchPrivacyAuthorization();
  const listener = vi.mocked(Taro.onNeedPrivacyAuthorization).mock.calls[0]?.[0];
  if (!listener) throw new Error('no privacy listener registered');
  return listener;
}

describe('用户隐私保护提示', () => {
  it('stays hidden until WeChat asks, then agrees with the agree button id', () => {
    const askWeChat = launchInWeapp();
    render(<PrivacyPopup />);
    expect(screen.queryByTestId('privacy-popup')).toBeNull();

    const resolve = vi.fn();
    act(() => askWeChat(resolve, { referrer: 'getLocation' }));
    expect(screen.getByText('《用户隐私保护指引》')).toBeTruthy();

    fireEvent.click(screen.getByText('同意并继续'));
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: AGREE_BUTTON_ID });
    expect(screen.queryByTestId('privacy-popup')).toBeNull();
  });

  it('passes a refusal on to WeChat', () => {
    const askWeChat = launchInWeapp();
    render(<PrivacyPopup />);
    const resolve = vi.fn();
    act(() => askWeChat(resolve, { referrer: 'getLocation' }));

    fireEvent.click(screen.getByText('拒绝'));

    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  });

  it('opens the privacy contract from the link', () => {
    const askWeChat = launchInWeapp();
    render(<PrivacyPopup />);
    act(() => askWeChat(vi.fn(), { referrer: 'getLocation' }));

    fireEvent.click(screen.getByText('《用户隐私保护指引》'));

    expect(Taro.openPrivacyContract).toHaveBeenCalled();
  });

  it('registers nothing in H5', () => {
    process.env.TARO_ENV = 'h5';
    watchPrivacyAuthorization();
    expect(Taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled();
  });
});
