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
  });
});
