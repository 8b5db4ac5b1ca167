import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { me, signIn } from '../../../test/fixtures';
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
