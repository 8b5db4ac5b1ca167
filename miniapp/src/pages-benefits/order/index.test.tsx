import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Order } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { ORDER_ID, PAID_OFFER_ID, VOUCHER_ID, order, orderPayment } from '../../../test/offer-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { orderTicket, rememberOrder, takeHandoff } from '../pending-orders';
import OrderPage from './index';

// The shared Taro stand-in has no requestPayment; the payment tests program it.
const requestPayment = vi.fn<(options: unknown) => Promise<unknown>>();
Object.assign(Taro, { requestPayment });

const paid = order({ status: 'paid', paidAt: '2026-03-01T02:01:00.000Z', voucherId: VOUCHER_ID });

/** Lets pending requests settle and due timers (the polling delays) fire. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Serves the order endpoints; `states` are what successive order reads answer (the last one repeats). */
function serveOrder(states: Order[]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let reads = 0;
  taroTest.respondWith(({ method, path, body }) => {
    calls.push({ method, path, body });
    const base = `/api/benefits/orders/${ORDER_ID}`;
    if ((method === 'GET' && path === base) || (method === 'POST' && path === `${base}/confirm`)) {
      const state = states[Math.min(reads, states.length - 1)]!;
      reads += 1;
      return { statusCode: 200, data: state };
    }
    if (method === 'POST' && path === `/api/dev/wechat-pay/orders/${ORDER_ID}/pay`)
      return { statusCode: 200, data: { ok: true } };
    if (method === 'POST' && path === `${base}/cancel`) {
      return { statusCode: 200, data: order({ status: 'closed', closedAt: '2026-03-01T02:03:00.000Z' }) };
    }
    if (method === 'POST' && path === `/api/benefits/offers/${PAID_OFFER_ID}/orders`) {
      return { statusCode: 200, data: orderPayment({ simulated: true, payment: null }) };
    }
    return { statusCode: 404, data: null };
  });
  return calls;
}

function arriveFromOffer(simulated: boolean) {
  rememberOrder(
    { orderId: ORDER_ID, offerId: PAID_OFFER_ID, requestId: 'order-abc-123' },
    orderPayment(simulated ? { simulated: true, payment: null } : {}),
  );
}

describe('订单支付', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T02:00:30.000Z') });
    signIn();
    taroTest.setRouterParams({ id: ORDER_ID });
    requestPayment.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pays through the clearly marked simulated payment, polls until paid and opens the voucher', async () => {
    arriveFromOffer(true);
    const calls = serveOrder([order(), order(), paid]);
    render(<OrderPage />);
    await advance(0);

    expect(screen.getByTestId('simulated-payment').textContent).toContain('演示环境 · 模拟支付（不产生真实扣款）');
    expect(screen.getByTestId('order-amount').textContent).toBe('¥12.00');
    expect(requestPayment).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('simulate-pay'));
    await advance(0);
    expect(calls.some((call) => call.path === `/api/dev/wechat-pay/orders/${ORDER_ID}/pay`)).toBe(true);
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    // The notification arrives a moment later: the page keeps asking until the order is paid.
    await advance(3000);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages-benefits/voucher/index?id=${VOUCHER_ID}` });
    expect(calls.filter((call) => call.method === 'GET')).toHaveLength(3);
    expect(orderTicket(ORDER_ID)).toBeNull();
  });

  it('pays with WeChat Pay in weapp, then confirms until the voucher is issued', async () => {
    process.env.TARO_ENV = 'weapp';
    arriveFromOffer(false);
    requestPayment.mockResolvedValue({ errMsg: 'requestPayment:ok' });
    const calls = serveOrder([order({ status: 'paid', voucherId: null }), paid]);
    render(<OrderPage />);
    await advance(0);

    expect(requestPayment).toHaveBeenCalledWith(orderPayment().payment);
    await advance(1000);
    expect(calls.filter((call) => call.path.endsWith('/confirm'))).toHaveLength(2);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages-benefits/voucher/index?id=${VOUCHER_ID}` });
  });

  it('keeps the order when the member closes the WeChat Pay sheet, and cancels it on request', async () => {
    process.env.TARO_ENV = 'weapp';
    arriveFromOffer(false);
    requestPayment.mockRejectedValue({ errMsg: 'requestPayment:fail cancel' });
    const calls = serveOrder([order()]);
    render(<OrderPage />);
    await advance(0);

    expect(screen.getByTestId('order-notice').textContent).toContain('您已取消支付');
    expect(screen.getByTestId('order-status').textContent).toBe('待支付');
    expect(screen.getByTestId('order-pay').textContent).toBe('微信支付 ¥12.00');

    fireEvent.click(screen.getByTestId('order-cancel'));
    await advance(0);
    expect(calls.some((call) => call.path === `/api/benefits/orders/${ORDER_ID}/cancel`)).toBe(true);
    expect(screen.getByTestId('order-status').textContent).toBe('已关闭');
    expect(screen.getByTestId('order-note').textContent).toContain('未产生扣款');
    expect(screen.queryByTestId('order-pay')).toBeNull();
    expect(orderTicket(ORDER_ID)).toBeNull();
  });

  it('pays an order opened again later by replaying its createOrder request', async () => {
    rememberOrder({ orderId: ORDER_ID, offerId: PAID_OFFER_ID, requestId: 'order-abc-123' }, orderPayment());
    // An earlier visit used up the payment handed over in memory.
    takeHandoff(ORDER_ID);
    const calls = serveOrder([order()]);
    render(<OrderPage />);
    await advance(0);
    expect(screen.getByTestId('order-status').textContent).toBe('待支付');

    fireEvent.click(screen.getByTestId('order-pay'));
    await advance(0);
    const replay = calls.find((call) => call.path === `/api/benefits/offers/${PAID_OFFER_ID}/orders`);
    expect(replay?.body).toEqual({ requestId: 'order-abc-123' });
    expect(screen.getByTestId('simulated-payment')).toBeTruthy();
  });

  it('shows what the voucher is worth, the union subsidy and what the member pays', async () => {
    arriveFromOffer(true);
    serveOrder([order()]);
    render(<OrderPage />);
    await advance(0);

    expect(screen.getByTestId('order-face-value').textContent).toBe('¥100.00');
    expect(screen.getByTestId('order-union-subsidy').textContent).toBe('-¥88.00');
    expect(screen.getByTestId('order-paid').textContent).toBe('¥12.00');
    expect(screen.queryByTestId('order-merchant-discount')).toBeNull();
  });

  it('shows the merchant’s own discount beside the subsidy, and no breakdown for a full-price order', async () => {
    serveOrder([order({ totalFen: 5000, unionSubsidyFen: 1000, amountFen: 3000 })]);
    const { unmount } = render(<OrderPage />);
    await advance(0);
    expect(screen.getByTestId('order-merchant-discount').textContent).toBe('-¥10.00');
    expect(screen.getByTestId('order-union-subsidy').textContent).toBe('-¥10.00');
    unmount();

    serveOrder([order({ totalFen: 1200, unionSubsidyFen: 0, amountFen: 1200 })]);
    render(<OrderPage />);
    await advance(0);
    expect(screen.queryByTestId('order-money')).toBeNull();
    expect(screen.getByTestId('order-amount').textContent).toBe('¥12.00');
  });
});
