import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { OfferInput } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { adminMerchant, adminOffer, MERCHANT_ID, OFFER_ID } from '../../../test/benefit-staff-fixtures';
import { apiError } from '../../../test/fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import BenefitAdminOfferEditPage from './index';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

function serveOffers(answer?: () => { statusCode: number; data: unknown }) {
  const saved: { method: string; path: string; body: Record<string, unknown> }[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET' && path === `/api/admin/offers/${OFFER_ID}`) return { statusCode: 200, data: adminOffer() };
    if (method === 'GET' && path === '/api/admin/merchants') {
      return { statusCode: 200, data: { items: [adminMerchant()], nextCursor: null } };
    }
    saved.push({ method, path, body: body as Record<string, unknown> });
    return answer?.() ?? { statusCode: 200, data: adminOffer() };
  });
  return saved;
}

function openForMerchant() {
  signInAs(unionStaff());
  taroTest.setRouterParams({ merchantId: MERCHANT_ID, merchantName: encodeURIComponent('西溪爱心超市') });
  render(<BenefitAdminOfferEditPage />);
}

function fillCommonFields() {
  type('offer-title', '爱心超市购物卡');
  type('offer-valid-from-input', '2026-03-01');
  type('offer-valid-until-input', '2026-12-31');
  type('offer-stock-total', '500');
}

describe('发布优惠', () => {
  it('sends a union-subsidised voucher in fen and shows the merchant’s share live', async () => {
    const saved = serveOffers();
    openForMerchant();
    expect(screen.getByTestId('offer-merchant').textContent).toContain('西溪爱心超市');

    fireEvent.click(screen.getByTestId('offer-kind-subsidised_voucher'));
    type('offer-price', '12');
    type('offer-face-value', '100');
    type('offer-subsidy', '76.5');
    expect(screen.getByTestId('offer-money-split').textContent).toContain('12元购100元券');
    expect(screen.getByTestId('offer-owed').textContent).toBe('工会核销后应付商户 ¥88.50');
    expect(screen.getByTestId('offer-merchant-share').textContent).toBe('商户让利 ¥11.50（面值 ¥100.00）');
    fillCommonFields();
    fireEvent.click(screen.getByTestId('offer-occupation-rider'));
    fireEvent.click(screen.getByTestId('offer-hardship-only'));
    fireEvent.click(screen.getByTestId('offer-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.path).toBe('/api/admin/offers');
    expect(saved[0]?.body).toMatchObject({
      merchantId: MERCHANT_ID,
      kind: 'subsidised_voucher',
      coupon: null,
      priceFen: 1200,
      faceValueFen: 10000,
      unionSubsidyFen: 7650,
      stockTotal: 500,
      limitPerMember: 1,
      limitPeriod: 'month',
      validFrom: '2026-03-01T00:00:00+08:00',
      validUntil: '2026-12-31T23:59:59+08:00',
      audience: { occupations: ['rider'], hardshipFamiliesOnly: true },
      status: 'active',
    } satisfies Partial<OfferInput>);
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });

  it('sends a 满减 coupon as threshold and reduction in fen, and a 折扣 coupon as the percent paid', async () => {
    const saved = serveOffers();
    openForMerchant();

    fireEvent.click(screen.getByTestId('offer-coupon-threshold'));
    type('offer-threshold', '100');
    type('offer-reduction', '20');
    expect(screen.getByTestId('offer-money-split').textContent).toBe('会员看到：满100减20');
    fillCommonFields();
    fireEvent.click(screen.getByTestId('offer-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.body).toMatchObject({
      kind: 'coupon',
      coupon: { type: 'threshold', thresholdFen: 10000, reductionFen: 2000 },
      priceFen: 0,
      faceValueFen: 0,
      unionSubsidyFen: 0,
    });

    fireEvent.click(screen.getByTestId('offer-coupon-discount'));
    type('offer-discount', '8.8');
    fireEvent.click(screen.getByTestId('offer-status-draft'));
    fireEvent.click(screen.getByTestId('offer-save'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]?.body).toMatchObject({ coupon: { type: 'discount', payPercent: 88 }, status: 'draft' });
  });

  it('checks the money rules on the phone, by field', async () => {
    const saved = serveOffers();
    openForMerchant();

    fireEvent.click(screen.getByTestId('offer-coupon-threshold'));
    type('offer-threshold', '50');
    type('offer-reduction', '60');
    fillCommonFields();
    fireEvent.click(screen.getByTestId('offer-save'));
    expect(screen.getByTestId('offer-reduction-error').textContent).toBe('减免金额应小于门槛金额');

    fireEvent.click(screen.getByTestId('offer-kind-member_price'));
    type('offer-price', '19.999');
    type('offer-face-value', '29.9');
    fireEvent.click(screen.getByTestId('offer-save'));
    expect(screen.getByTestId('offer-price-error').textContent).toBe('请输入金额（元），最多两位小数');
    expect(saved).toEqual([]);
  });

  it("shows the BFF's field errors next to the field they are about", async () => {
    serveOffers(() =>
      apiError(400, 'validation_failed', '请检查填写的信息', [
        { path: 'body.unionSubsidyFen', message: '工会补贴超出本年度预算' },
      ]),
    );
    openForMerchant();
    fireEvent.click(screen.getByTestId('offer-kind-subsidised_voucher'));
    type('offer-price', '12');
    type('offer-face-value', '100');
    type('offer-subsidy', '76');
    fillCommonFields();

    fireEvent.click(screen.getByTestId('offer-save'));

    expect((await screen.findByTestId('offer-subsidy-error')).textContent).toBe('工会补贴超出本年度预算');
  });

  it('picks the merchant when opened without one', async () => {
    const saved = serveOffers();
    signInAs(unionStaff());
    render(<BenefitAdminOfferEditPage />);

    fireEvent.click(screen.getByTestId('offer-save'));
    expect(screen.getByTestId('offer-merchant-error').textContent).toBe('请选择商家');
    fireEvent.click(await screen.findByTestId(`offer-merchant-${MERCHANT_ID}`));
    fireEvent.click(screen.getByTestId('offer-coupon-discount'));
    type('offer-discount', '9');
    fillCommonFields();
    fireEvent.click(screen.getByTestId('offer-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.body).toMatchObject({ merchantId: MERCHANT_ID, coupon: { type: 'discount', payPercent: 90 } });
  });
});

describe('修改优惠', () => {
  it('keeps money fixed and sends only the changes: less stock, paused, a later end date', async () => {
    const saved = serveOffers();
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: OFFER_ID });
    render(<BenefitAdminOfferEditPage />);

    expect((await screen.findByTestId('offer-published-money')).textContent).toContain('¥76.00');
    expect(screen.queryByTestId('offer-price')).toBeNull();
    expect(screen.getByTestId('offer-stock').textContent).toContain('320 / 500');

    fireEvent.click(screen.getByTestId('offer-stock-decrease'));
    type('offer-stock-change', '400');
    fireEvent.click(screen.getByTestId('offer-save'));
    expect(screen.getByTestId('offer-stock-change-error').textContent).toBe('最多减少 320 张（剩余库存）');

    type('offer-stock-change', '20');
    fireEvent.click(screen.getByTestId('offer-status-paused'));
    type('offer-valid-until-input', '2027-01-31');
    fireEvent.click(screen.getByTestId('offer-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ method: 'PATCH', path: `/api/admin/offers/${OFFER_ID}` });
    expect(saved[0]?.body).toMatchObject({
      stockChange: -20,
      status: 'paused',
      validUntil: '2027-01-31T23:59:59+08:00',
    });
    expect(saved[0]?.body).not.toHaveProperty('validFrom');
    expect(saved[0]?.body).not.toHaveProperty('priceFen');
  });
});
