import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Organization } from '@union/shared';
import { expect, it, type Mock } from 'vitest';
import { signIn } from '../../../../../test/fixtures';
import { OrgPicker } from './index';

const org = (id: string, name: string, acceptsMembers: boolean): Organization => ({
  id: id.padStart(24, '0'),
  name,
  level: acceptsMembers ? 'grassroots' : 'city',
  kind: 'regional',
  parentId: null,
  acceptsMembers,
  childCount: acceptsMembers ? 0 : 3,
});

it('keeps the search results when the slower tree answer arrives after them', async () => {
  signIn();
  const request = Taro.request as unknown as Mock<(options: { url: string }) => Promise<unknown>>;
  request.mockImplementation(async (options) => {
    const searching = options.url.includes('q=');
    // The tree is slow on a weak connection; the search answers at once.
    if (!searching) await new Promise((resolve) => setTimeout(resolve, 80));
    const items = searching ? [org('2', '新就业形态劳动者工会联合会', true)] : [org('1', '示范市总工会', false)];
    return { statusCode: 200, data: { items } };
  });
  render(<OrgPicker value={null} onChange={() => undefined} />);

  fireEvent.click(screen.getByText('选择'));
  fireEvent.change(screen.getByTestId('org-search'), { target: { value: '新就业' } });
  fireEvent.click(screen.getByText('搜索'));

  await waitFor(() => expect(screen.getByText('新就业形态劳动者工会联合会')).toBeTruthy());
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(screen.queryByText('示范市总工会')).toBeNull();
  expect(screen.getAllByTestId('org-item')).toHaveLength(1);
});
