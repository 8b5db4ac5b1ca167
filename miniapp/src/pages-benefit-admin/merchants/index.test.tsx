import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { adminMerchant, MERCHANT_ID, OTHER_MERCHANT_ID } from '../../../test/benefit-staff-fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import BenefitAdminMerchantsPage from './index';

describe('普惠商家', () => {
  it('lists merchants in scope with their clerks and live offers, and filters by category, status and name', async () => {
    signInAs(unionStaff());
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ query }) => {
      queries.push(queryOf(query));
      return {
        statusCode: 200,
        data: {
          items: [
            adminMerchant(),
            adminMerchant({ id: OTHER_MERCHANT_ID, name: '文三路药房', category: 'pharmacy', status: 'suspended' }),
          ],
          nextCursor: null,
        },
      };
    });
    render(<BenefitAdminMerchantsPage />);

    const items = await screen.findAllByTestId('admin-merchant-item');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('西溪爱心超市');
    expect(items[0]?.textContent).toContain('合作中');
    expect(screen.getAllByTestId('admin-merchant-figures')[0]?.textContent).toBe('店员 2 人在售优惠 1 个');
    expect(items[1]?.textContent).toContain('已暂停');

    fireEvent.click(screen.getByTestId('admin-category-pharmacy'));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ category: 'pharmacy' }));
    fireEvent.click(screen.getByTestId('admin-merchant-status-suspended'));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ category: 'pharmacy', status: 'suspended' }));
    fireEvent.change(screen.getByTestId('admin-merchant-search'), { target: { value: ' 药房 ' } });
    fireEvent.click(screen.getByTestId('admin-merchant-search-submit'));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ q: '药房', status: 'suspended' }));

    fireEvent.click(screen.getAllByTestId('admin-merchant-item')[0]!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-benefit-admin/merchant-edit/index?id=${MERCHANT_ID}`,
    });
    expect(queries.every((query) => !('needsClerk' in query))).toBe(true);
    expect(screen.queryByTestId('admin-merchant-needs-clerk-hint')).toBeNull();
  });

  it('opens from the workbench’s 商户邀请待处理 with 待邀请店员 on, marks those merchants and says how to invite', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ needsClerk: '1' });
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ query }) => {
      queries.push(queryOf(query));
      const waiting = adminMerchant({ staffCount: 0, needsClerk: true });
      const items = queryOf(query).needsClerk ? [waiting] : [waiting, adminMerchant({ id: OTHER_MERCHANT_ID })];
      return { statusCode: 200, data: { items, nextCursor: null } };
    });
    render(<BenefitAdminMerchantsPage />);

    const items = await screen.findAllByTestId('admin-merchant-item');
    expect(items).toHaveLength(1);
    expect(queries[0]).toMatchObject({ needsClerk: 'true' });
    expect(screen.getByTestId('admin-merchant-needs-clerk').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('admin-merchant-needs-clerk-tag').textContent).toBe('待邀请店员');
    expect(screen.getByTestId('admin-merchant-needs-clerk-hint').textContent).toContain('生成店员邀请码');

    fireEvent.click(screen.getByTestId('admin-merchant-needs-clerk'));
    await waitFor(() => expect(screen.getAllByTestId('admin-merchant-item')).toHaveLength(2));
    expect('needsClerk' in queries.at(-1)!).toBe(false);
    expect(screen.getByTestId('admin-merchant-needs-clerk').getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByTestId('admin-merchant-needs-clerk-hint')).toBeNull();
    expect(screen.getAllByTestId('admin-merchant-needs-clerk-tag')).toHaveLength(1);
  });
});
