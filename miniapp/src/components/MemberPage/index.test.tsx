import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { LARGE_TEXT_KEY, useLargeText } from '../../hooks/use-large-text';
import { MemberPage } from './index';

/** Stands for the card: the one place with the 大字模式 switch. */
function Switcher() {
  const { largeText, toggleLargeText } = useLargeText();
  return (
    <button type="button" onClick={() => toggleLargeText(!largeText)} data-testid="switch">
      大字模式
    </button>
  );
}

describe('a member page', () => {
  it('is in large text when 大字模式 was switched on earlier', () => {
    Taro.setStorageSync(LARGE_TEXT_KEY, true);
    render(
      <MemberPage className="stations-page" testId="member-page">
        驿站
      </MemberPage>,
    );

    expect(screen.getByTestId('member-page').className).toBe('page stations-page large-text');
  });

  it('follows the switch at once when it is already open under the card', () => {
    render(
      <>
        <MemberPage testId="member-page">我的券</MemberPage>
        <Switcher />
      </>,
    );
    expect(screen.getByTestId('member-page').className).toBe('page');

    fireEvent.click(screen.getByTestId('switch'));
    expect(screen.getByTestId('member-page').className).toBe('page large-text');
    expect(Taro.getStorageSync(LARGE_TEXT_KEY)).toBe(true);

    fireEvent.click(screen.getByTestId('switch'));
    expect(screen.getByTestId('member-page').className).toBe('page');
  });
});
