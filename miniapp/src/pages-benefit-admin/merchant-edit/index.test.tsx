import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MerchantInput } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { adminMerchant, CLERK_ACCOUNT_ID, MERCHANT_ID } from '../../../test/benefit-staff-fixtures';
import { apiError } from '../../../test/fixtures';
import { DISTRICT_ORG, signInAs, STREET_ORG, unionStaff } from '../../../test/staff-fixtures';
import { taroTest, type MockResponse } from '../../../test/taro-mock';
import BenefitAdminMerchantEditPage from './index';

// Not in the shared Taro stand-in: the invitation's 复制 is the only page using the clipboard.
const setClipboardData = vi.fn(async (_options: { data: string }) => ({}));
Object.assign(Taro, { setClipboardData });

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('商家信息（签约与编辑）', () => {
  it('says what is missing or wrong next to each field before sending anything', async () => {
    signInAs(unionStaff([DISTRICT_ORG, STREET_ORG]));
    const sent: unknown[] = [];
    taroTest.respondWith(({ body }) => {
      sent.push(body);
      return { statusCode: 200, data: adminMerchant() };
    });
    render(<BenefitAdminMerchantEditPage />);

    type('admin-merchant-name', '店');
    type('admin-merchant-phone', '12345');
    fireEvent.click(screen.getByTestId('admin-merchant-save'));

    expect(screen.getByTestId('admin-merchant-name-error').textContent).toBe('商家名称至少 2 个字');
    expect(screen.getByTestId('admin-merchant-category-error').textContent).toBe('请选择商家类别');
    expect(screen.getByTestId('admin-merchant-address-error').textContent).toBe('请填写详细地址');
    expect(screen.getByTestId('admin-merchant-location-error').textContent).toBe('请在地图上选择位置，或填写经纬度');
    expect(screen.getByTestId('admin-merchant-phone-error').textContent).toBe('联系电话应为手机号或带区号的固定电话');
    expect(screen.getByTestId('admin-merchant-org-error').textContent).toBe('请选择签约工会');
    expect(sent).toEqual([]);
  });

  it("signs a merchant, shows the BFF's field error next to its field, then opens the new merchant", async () => {
    signInAs(unionStaff());
    const sent: MerchantInput[] = [];
    let answer: MockResponse = apiError(400, 'validation_failed', '请检查填写的信息', [
      { path: 'body.address', message: '地址不在签约工会的辖区内' },
    ]);
    taroTest.respondWith(({ body }) => {
      sent.push(body as MerchantInput);
      return answer;
    });
    render(<BenefitAdminMerchantEditPage />);

    type('admin-merchant-name', '西溪爱心超市');
    fireEvent.click(screen.getByTestId('admin-merchant-category-supermarket'));
    type('admin-merchant-address', '西湖区西溪路 520 号');
    type('admin-merchant-lat', '30.2741');
    type('admin-merchant-lng', '120.1351');
    type('admin-merchant-phone', '0571-88880000');
    fireEvent.click(screen.getByTestId('admin-merchant-save'));

    expect((await screen.findByTestId('admin-merchant-address-error')).textContent).toBe('地址不在签约工会的辖区内');
    expect(sent[0]).toEqual({
      name: '西溪爱心超市',
      category: 'supermarket',
      address: '西湖区西溪路 520 号',
      location: { lat: 30.2741, lng: 120.1351 },
      phone: '0571-88880000',
      description: '',
      orgId: DISTRICT_ORG.id,
    });

    answer = { statusCode: 200, data: adminMerchant() };
    fireEvent.click(screen.getByTestId('admin-merchant-save'));
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({
        url: `/pages-benefit-admin/merchant-edit/index?id=${MERCHANT_ID}`,
      }),
    );
  });

  it('places the merchant on the WeChat map in weapp, taking its address too', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    vi.mocked(Taro.chooseLocation).mockResolvedValue({
      name: '西溪爱心超市',
      address: '浙江省杭州市西湖区西溪路 520 号',
      latitude: 30.2741,
      longitude: 120.1351,
    } as Awaited<ReturnType<typeof Taro.chooseLocation>>);
    render(<BenefitAdminMerchantEditPage />);

    expect(screen.queryByTestId('admin-merchant-location-paste')).toBeNull();
    fireEvent.click(screen.getByTestId('admin-merchant-location-choose'));

    await waitFor(() => expect((screen.getByTestId('admin-merchant-lat') as HTMLInputElement).value).toBe('30.2741'));
    expect((screen.getByTestId('admin-merchant-lng') as HTMLInputElement).value).toBe('120.1351');
    expect((screen.getByTestId('admin-merchant-address') as HTMLInputElement).value).toBe(
      '浙江省杭州市西湖区西溪路 520 号',
    );
  });

  it('in a browser, looks the address up on Tencent’s coordinate picker and takes the pasted pair in either order', () => {
    signInAs(unionStaff());
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    render(<BenefitAdminMerchantEditPage />);

    expect(screen.queryByTestId('admin-merchant-location-choose')).toBeNull();
    fireEvent.click(screen.getByTestId('admin-merchant-location-search'));
    expect(open).toHaveBeenCalledWith('https://lbs.qq.com/getPoint/', '_blank', 'noopener');

    // Amap copies "lng,lat"; it lands the right way round.
    type('admin-merchant-location-paste', '120.1351,30.2741');
    expect((screen.getByTestId('admin-merchant-lat') as HTMLInputElement).value).toBe('30.2741');
    expect((screen.getByTestId('admin-merchant-lng') as HTMLInputElement).value).toBe('120.1351');

    type('admin-merchant-location-paste', '西溪路 520 号');
    expect(screen.getByTestId('admin-merchant-location-paste-hint').textContent).toContain('未识别出坐标');
    expect((screen.getByTestId('admin-merchant-lat') as HTMLInputElement).value).toBe('30.2741');
  });

  it('offers Tencent’s map picker in a browser built with a map key', () => {
    vi.stubGlobal('LOCATION_APIKEY', 'TEST-KEY');
    try {
      signInAs(unionStaff());
      render(<BenefitAdminMerchantEditPage />);
      expect(screen.getByTestId('admin-merchant-location-choose').textContent).toBe('在地图上选择');
      expect(screen.queryByTestId('admin-merchant-location-search')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('generates an invitation code shown once with its expiry and 复制, and releases a clerk', async () => {
    signInAs(unionStaff());
    const calls: string[] = [];
    let staff = [{ accountId: CLERK_ACCOUNT_ID, displayName: '王**', boundAt: '2026-03-01T02:00:00.000Z' }];
    taroTest.respondWith(({ method, path }) => {
      calls.push(`${method} ${path}`);
      if (path.endsWith('/invitations')) {
        return {
          statusCode: 200,
          data: { code: 'K7M2P9QX', expiresAt: '2026-03-14T02:00:00.000Z', maxUses: 5 },
        };
      }
      if (path.endsWith('/revoke')) {
        staff = [];
        return { statusCode: 200, data: { ok: true } };
      }
      if (path.endsWith('/staff')) return { statusCode: 200, data: { items: staff } };
      return { statusCode: 200, data: adminMerchant() };
    });
    taroTest.setRouterParams({ id: MERCHANT_ID });
    render(<BenefitAdminMerchantEditPage />);

    expect(((await screen.findByTestId('admin-merchant-name')) as HTMLInputElement).value).toBe('西溪爱心超市');
    fireEvent.click(screen.getByTestId('admin-invitation-create'));
    expect((await screen.findByTestId('admin-invitation-code')).textContent).toBe('K7M2P9QX');
    expect(screen.getByTestId('admin-invitation').textContent).toContain('2026-03-14 10:00 前有效，最多 5 人使用');
    fireEvent.click(screen.getByTestId('admin-invitation-copy'));
    expect(setClipboardData).toHaveBeenCalledWith({ data: 'K7M2P9QX' });

    fireEvent.click(await screen.findByTestId('admin-clerk-revoke'));
    await waitFor(() => expect(screen.queryByTestId('admin-clerk')).toBeNull());
    expect(calls).toContain(`POST /api/admin/merchants/${MERCHANT_ID}/staff/${CLERK_ACCOUNT_ID}/revoke`);
  });

  it('suspends the partnership after asking', async () => {
    signInAs(unionStaff());
    const patches: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (path.endsWith('/staff')) return { statusCode: 200, data: { items: [] } };
      if (method === 'PATCH') {
        patches.push(body);
        return { statusCode: 200, data: adminMerchant({ status: 'suspended' }) };
      }
      return { statusCode: 200, data: adminMerchant() };
    });
    taroTest.setRouterParams({ id: MERCHANT_ID });
    render(<BenefitAdminMerchantEditPage />);

    fireEvent.click(await screen.findByTestId('admin-merchant-toggle-status'));

    await waitFor(() => expect(screen.getByTestId('admin-merchant-status').textContent).toBe('已暂停'));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(patches).toEqual([{ status: 'suspended' }]);
  });
});
