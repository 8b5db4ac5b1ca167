import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Organization } from '@union/shared';
import { expect, it, type Mock } from 'vitest';
import { signIn } from '../../../../../test/fixtures';
import { OrgPicker } from './index';

const org = (
  id: string,
  name: string,
  acceptsMembers: boolean,
  overrides: Partial<Organization> = {},
): Organization => ({
  id: id.padStart(24, '0'),
  name,
  level: acceptsMembers ? 'grassroots' : 'city',
  kind: 'regional',
  parentId: null,
  acceptsMembers,
  childCount: acceptsMembers ? 0 : 3,
  acceptingBelow: acceptsMembers ? 0 : 3,
  ...overrides,
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

it('offers a rider the new-employment-form unions first, and drills only where a union can be chosen', async () => {
  signIn();
  const urls: string[] = [];
  const request = Taro.request as unknown as Mock<(options: { url: string }) => Promise<unknown>>;
  request.mockImplementation(async (options) => {
    urls.push(options.url);
    if (options.url.includes('kind=industry')) {
      return {
        statusCode: 200,
        data: { items: [org('9', '杭州市新就业形态劳动者工会联合会', true, { kind: 'industry' })] },
      };
    }
    const items = [
      org('1', '西湖区总工会', false, { acceptingBelow: 2 }),
      org('2', '滨江区快递行业工会', true, { childCount: 2, acceptingBelow: 0 }),
    ];
    return { statusCode: 200, data: { items } };
  });
  const chosen: Organization[] = [];
  render(<OrgPicker value={null} onChange={(picked) => chosen.push(picked)} occupation="rider" />);

  fireEvent.click(screen.getByText('选择'));

  const shortcut = await screen.findByTestId('org-industry');
  expect(shortcut.textContent).toContain('新就业形态工会');
  expect(screen.getByTestId('org-industry-item').textContent).toContain('杭州市新就业形态劳动者工会联合会');
  const rows = await screen.findAllByTestId('org-item');
  expect(rows.map((row) => row.textContent)).toEqual([
    expect.stringContaining('下级有 2 个可受理入会的工会'),
    expect.not.stringContaining('下级'),
  ]);
  expect(rows[0]!.textContent).not.toContain('不直接受理入会');

  fireEvent.click(screen.getByTestId('org-industry-item').querySelector('.btn--primary')!);
  expect(chosen.map((picked) => picked.name)).toEqual(['杭州市新就业形态劳动者工会联合会']);
});

it('does not offer the industry shortcut to an employee', async () => {
  signIn();
  const request = Taro.request as unknown as Mock<(options: { url: string }) => Promise<unknown>>;
  request.mockImplementation(async (options) => ({
    statusCode: 200,
    data: { items: options.url.includes('kind=') ? [org('9', '行业工会', true)] : [org('1', '西湖区总工会', false)] },
  }));
  render(<OrgPicker value={null} onChange={() => undefined} occupation="employee" />);
  fireEvent.click(screen.getByText('选择'));
  await screen.findAllByTestId('org-item');
  expect(screen.queryByTestId('org-industry')).toBeNull();
});
