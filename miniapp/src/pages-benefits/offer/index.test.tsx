import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { OfferDetail } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { apiError, me, signIn } from '../../../test/fixtures';
import {
  OFFER_ID,
  ORDER_ID,
  PAID_OFFER_ID,
  VOUCHER_ID,
  offerDetail,
  orderPayment,
  paidOfferSummary,
  voucher,
} from '../../../test/offer-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { orderTicket, takeHandoff } from '../pending-orders';
import OfferPage from './index';

type Call = { method: string; path: string; query: string; body: unknown };

/** Serves one offer; `act` answers the claim or order request (throw for a dropped connection). */
function serveOffer(
  offer: OfferDetail,
  act: (call: Call) => { statusCode: number; data: unknown } = () => ({
    statusCode: 404,
    data: null,
  }),
) {
  const calls: Call[] = [];
  taroTest.respondWith((call) => {
    calls.push(call);
    if (call.method === 'GET' && call.path === `/api/benefits/offers/${offer.id}`)
      return { statusCode: 200, data: offer };
    return act(call);
  });
  return calls;
}

const actionButton = () => screen.getByTestId('offer-action') as HTMLButtonElement;

describe('优惠详情', () => {
  it('shows the terms, stock, limit with what the member holds, and the merchant with 导航 and 电话', async () => {
    signIn();
    taroTest.setRouterParams({ id: OFFER_ID, lat: '30.27', lng: '120.15' });
    const calls = serveOffer(offerDetail({ eligibility: { canClaim: true, reasons: [], claimedInPeriod: 0 } }));
    const openSpy = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<OfferPage />);

    expect((await screen.findByTestId('offer-headline')).textContent).toBe('满100减20');
    expect(queryOf(calls[0]!.query)).toEqual({ lat: '30.27', lng: '120.15' });
    expect(screen.getByTestId('offer-stock').textContent).toBe('剩余 37 张 / 共 100 张');
    expect(screen.getByTestId('offer-limit').textContent).toBe('每人每月限 1 张，您已领 0 张');
    expect(screen.getByTestId('offer-merchant-name').textContent).toBe('好邻居便利店');
    expect(screen.getByTestId('offer-distance').textContent).toBe('距您 420米');
    expect(screen.getAllByTestId('merchant-photo')).toHaveLength(1);
    expect(actionButton().textContent).toBe('立即领取');

    fireEvent.click(screen.getByTestId('offer-navigate'));
    expect(openSpy.mock.calls[0]?.[0]).toContain('https://uri.amap.com/marker?position=120.1402,30.2775');
    fireEvent.click(screen.getByTestId('offer-call'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0571-87651234' });
    openSpy.mockRestore();
  });

  it('navigates with WeChat’s map in weapp', async () => {
    process.env.TARO_ENV = 'weapp';
    signIn();
    taroTest.setRouterParams({ id: OFFER_ID });
    serveOffer(offerDetail());
    render(<OfferPage />);

    fireEvent.click(await screen.findByTestId('offer-navigate'));
    expect(Taro.openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 30.2775, longitude: 120.1402, name: '好邻居便利店' }),
    );
  });

  it('claims with one requestId per tap, reused when retrying after a dropped connection, then opens the voucher', async () => {
    signIn();
    taroTest.setRouterParams({ id: OFFER_ID });
    let attempts = 0;
    const calls = serveOffer(offerDetail(), (call) => {
      if (call.method !== 'POST' || call.path !== `/api/benefits/offers/${OFFER_ID}/claims`)
        return { statusCode: 404, data: null };
      attempts += 1;
      if (attempts === 1) throw new Error('request:fail timeout');
      return { statusCode: 200, data: voucher() };
    });
    render(<OfferPage />);
    await screen.findByTestId('offer-headline');

    fireEvent.click(actionButton());
    expect((await screen.findByTestId('offer-action-error')).textContent).toContain('不会重复领取');
    expect(Taro.navigateTo).not.toHaveBeenCalled();

    fireEvent.click(actionButton());
    await waitFor(() =>
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-benefits/voucher/index?id=${VOUCHER_ID}` }),
    );
    const claims = calls
      .filter((call) => call.method === 'POST')
      .map((call) => (call.body as { requestId: string }).requestId);
    expect(claims).toHaveLength(2);
    expect(claims[0]).toMatch(/^claim-/);
    expect(claims[1]).toBe(claims[0]);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功' }));
  });

  it('uses a new requestId after a definite refusal, and shows the offer as it is now', async () => {
    signIn();
    taroTest.setRouterParams({ id: OFFER_ID });
    const calls = serveOffer(offerDetail(), () => apiError(409, 'sold_out', '已领完'));
    render(<OfferPage />);
    await screen.findByTestId('offer-headline');

    fireEvent.click(actionButton());
    expect((await screen.findByTestId('offer-action-error')).textContent).toBe('已领完');
    await waitFor(() => expect(calls.filter((call) => call.method === 'GET')).toHaveLength(2));
    fireEvent.click(actionButton());
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2));
    const [first, second] = calls.filter((call) => call.method === 'POST').map((call) => call.body);
    expect(second).not.toEqual(first);
  });

  it('says why a member cannot claim, and shows the way in to someone not yet a member', async () => {
    signIn({ me: me({ member: null }) });
    taroTest.setRouterParams({ id: OFFER_ID });
    serveOffer(offerDetail({ eligibility: { canClaim: false, reasons: ['请先实名绑定会员'], claimedInPeriod: 0 } }));
    render(<OfferPage />);

    expect((await screen.findByTestId('offer-ineligible')).textContent).toContain('暂不能领取：请先实名绑定会员');
    expect(actionButton().disabled).toBe(true);
    fireEvent.click(screen.getByText('实名绑定'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages-member/bind/index' });
    fireEvent.click(screen.getByText('申请入会'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages-member/join/index' });
  });

  it('buys a paid voucher: creates the order and opens the payment page with it', async () => {
    signIn();
    taroTest.setRouterParams({ id: PAID_OFFER_ID });
    const calls = serveOffer(offerDetail({}, paidOfferSummary()), (call) =>
      call.method === 'POST' && call.path === `/api/benefits/offers/${PAID_OFFER_ID}/orders`
        ? { statusCode: 200, data: orderPayment({ simulated: true, payment: null }) }
        : { statusCode: 404, data: null },
    );
    render(<OfferPage />);

    expect((await screen.findByTestId('offer-price')).textContent).toBe('¥12 购 ¥100 券');
    expect(actionButton().textContent).toBe('立即购买 ¥12');
    fireEvent.click(actionButton());

    await waitFor(() =>
      expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-benefits/order/index?id=${ORDER_ID}` }),
    );
    const requestId = (calls.find((call) => call.method === 'POST')!.body as { requestId: string }).requestId;
    expect(orderTicket(ORDER_ID)).toEqual({ orderId: ORDER_ID, offerId: PAID_OFFER_ID, requestId });
    expect(takeHandoff(ORDER_ID)?.simulated).toBe(true);
  });

  it('does not sell when online payment is not enabled', async () => {
    signIn();
    taroTest.setRouterParams({ id: PAID_OFFER_ID });
    serveOffer(offerDetail({ paymentsEnabled: false }, paidOfferSummary()));
    render(<OfferPage />);

    expect((await screen.findByTestId('offer-payments-disabled')).textContent).toContain('在线支付暂未开通');
    expect(actionButton().disabled).toBe(true);
  });
});
