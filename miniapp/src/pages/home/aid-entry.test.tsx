import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { aidProgramme } from '../../../test/aid-fixtures';
import { me, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import HomePage from './index';

describe('首页 · 金秋助学', () => {
  it('names the open programme and leads to it', async () => {
    signIn();
    taroTest.respondWith(({ path }) =>
      path === '/api/aid/programmes'
        ? { statusCode: 200, data: { items: [aidProgramme()] } }
        : { statusCode: 200, data: me() },
    );
    render(<HomePage />);

    const entry = await screen.findByTestId('home-aid');
    await screen.findByText('2026年金秋助学 · 2026-09-30 截止');
    fireEvent.click(entry);

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-aid/programme/index' });
  });
});
