import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it } from 'vitest';
import { adminOffer, MERCHANT_ID, OFFER_ID } from '../../../test/benefit-staff-fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import BenefitAdminOffersPage from './index';

describe('优惠管理', () => {
  it("lists one merchant's offers with stock left, claimed and redeemed, filtered by status", async () => {
    signInAs(unionStaff());
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ query }) => {
      queries.push(queryOf(query));
      return { statusCode: 200, data: { items: [adminOffer()], nextCursor: null } };
    });
    taroTest.setRouterParams({ merchantId: MERCHANT_ID, merchantName: encodeURIComponent('西溪爱心超市') });
    render(<BenefitAdminOffersPage />);

    const item = await screen.findByTestId('admin-offer-item');
    expect(queries[0]).toMatchObject({ merchantId: MERCHANT_ID });
    expect(item.textContent).toContain('工会补贴券 · 12元购100元券');
    expect(item.textContent).toContain('上架中');
    expect(item.textContent).toContain('2026-03-01 至 2026-12-31');
    expect(screen.getByTestId('admin-offer-figures').textContent).toBe('剩余 320/500已领 180已核销 150');

    fireEvent.click(screen.getByTestId('admin-offer-status-paused'));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ merchantId: MERCHANT_ID, status: 'paused' }));
    fireEvent.click(screen.getByTestId('admin-offer-all-merchants'));
    await waitFor(() => expect(queries.at(-1)).toEqual({ limit: '20', status: 'paused' }));

    fireEvent.click(screen.getByTestId('admin-offer-item'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-benefit-admin/offer-edit/index?id=${OFFER_ID}` });
  });
});
