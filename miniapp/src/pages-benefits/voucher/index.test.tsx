import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CARD_TOKEN_BATCH_SIZE, type CardQrBatch, type Voucher } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signOut } from '../../services/auth';
import { VOUCHER_CACHE_KEY } from '../../services/session-store';
import { signIn } from '../../../test/fixtures';
import { VOUCHER_ID, paidVoucher, voucher } from '../../../test/offer-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { qrImageDataUrl } from '../../utils/qr-image';
import VoucherPage from './index';

const PHONE_NOW = Date.parse('2026-03-01T08:00:00.000Z');

function batch(fromMs: number, label: string): CardQrBatch {
  return {
    tokens: Array.from({ length: CARD_TOKEN_BATCH_SIZE }, (_, i) => ({
      token: `UV1.${label}-${i}`,
      validFrom: new Date(fromMs + i * 60_000).toISOString(),
      expiresAt: new Date(fromMs + (i + 1) * 60_000).toISOString(),
    })),
  };
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

/** Serves the voucher as `current()` says, its QR batches (from the server's now), and refund requests. */
function serveVoucher(initial: Voucher, serverOffsetMs = 0) {
  let current = initial;
  let online = true;
  const calls: { method: string; path: string; body: unknown }[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (!online) throw new Error('request:fail');
    calls.push({ method, path, body });
    const base = `/api/benefits/vouchers/${VOUCHER_ID}`;
    if (method === 'GET' && path === base) return { statusCode: 200, data: current };
    if (method === 'POST' && path === `${base}/qr`) {
      return { statusCode: 200, data: batch(Date.now() + serverOffsetMs, `qr${calls.length}`) };
    }
    if (method === 'POST' && path === `${base}/refund`) {
      current = { ...current, status: 'refunding', displayStatus: 'refunding', canRefund: false };
      return { statusCode: 200, data: current };
    }
    return { statusCode: 404, data: null };
  });
  return {
    calls,
    change: (next: Partial<Voucher>) => (current = { ...current, ...next }),
    setOnline: (value: boolean) => (online = value),
  };
}

const qrSrc = () => (screen.getByTestId('voucher-qr-image') as HTMLImageElement).getAttribute('src');

describe('出示券码', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: PHONE_NOW });
    signIn();
    taroTest.setRouterParams({ id: VOUCHER_ID });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows the current minute's QR and the code in groups of four, and moves on each minute", async () => {
    // The phone runs 30 s behind the server: the batch's own clock decides the minute.
    const server = serveVoucher(voucher(), 30_000);
    render(<VoucherPage />);
    await advance(0);

    const first = server.calls.find((call) => call.path.endsWith('/qr'));
    expect(first).toBeTruthy();
    const label = `qr${server.calls.indexOf(first!) + 1}`;
    expect(qrSrc()).toBe(qrImageDataUrl(`UV1.${label}-0`));
    expect(screen.getByTestId('voucher-code').textContent).toBe('1234 5678 9015');
    expect(screen.getByTestId('voucher-qr-countdown').textContent).toContain('60 秒后自动更换');

    await advance(60_000);
    expect(qrSrc()).toBe(qrImageDataUrl(`UV1.${label}-1`));
  });

  it('keeps showing the batch while offline', async () => {
    const server = serveVoucher(voucher());
    render(<VoucherPage />);
    await advance(0);
    server.setOnline(false);

    await advance(4 * 60_000);
    expect(screen.getByTestId('voucher-qr-image')).toBeTruthy();
    expect(screen.getByTestId('voucher-offline').textContent).toContain('离线二维码还可使用约 6 分钟');
  });

  it('switches at once to a big 已使用 when the clerk redeems it', async () => {
    const server = serveVoucher(voucher());
    render(<VoucherPage />);
    await advance(0);
    expect(screen.getByTestId('voucher-qr-image')).toBeTruthy();

    server.change({ status: 'used', displayStatus: 'used', redeemedAt: '2026-03-01T08:00:02.000Z' });
    await advance(3000);
    expect(screen.queryByTestId('voucher-qr-image')).toBeNull();
    expect(screen.queryByTestId('voucher-code')).toBeNull();
    expect(screen.getByTestId('voucher-state-title').textContent).toBe('已使用');
    expect(screen.getByTestId('voucher-state-detail').textContent).toMatch(/^核销时间 2026-03-01 \d\d:00$/);

    // Nothing left to change: polling stops.
    const reads = server.calls.length;
    await advance(9000);
    expect(server.calls.length).toBe(reads);
  });

  it('shows a used, expired or refunded voucher without any QR', async () => {
    const server = serveVoucher(voucher({ status: 'unused', displayStatus: 'expired' }));
    render(<VoucherPage />);
    await advance(0);

    expect(screen.getByTestId('voucher-state-title').textContent).toBe('已过期');
    expect(screen.queryByTestId('voucher-qr')).toBeNull();
    expect(server.calls.some((call) => call.path.endsWith('/qr'))).toBe(false);
  });

  it('requests a refund of an unused paid voucher, and follows it to 已退款', async () => {
    const server = serveVoucher(paidVoucher());
    render(<VoucherPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('refund-open'));
    fireEvent.click(screen.getByTestId('refund-submit'));
    expect(screen.getByTestId('refund-error').textContent).toBe('请说明退款原因');

    fireEvent.change(screen.getByTestId('refund-reason'), { target: { value: '计划有变，不去了' } });
    fireEvent.click(screen.getByTestId('refund-submit'));
    await advance(0);
    const refund = server.calls.find((call) => call.path.endsWith('/refund'));
    expect(refund?.body).toEqual({ reason: '计划有变，不去了', requestId: expect.stringMatching(/^refund-/) });
    expect(Taro.showModal).toHaveBeenCalled();
    expect(screen.getByTestId('voucher-state-title').textContent).toBe('退款中');
    expect(screen.queryByTestId('voucher-qr')).toBeNull();

    server.change({ status: 'refunded', displayStatus: 'refunded', refundedAt: '2026-03-01T08:00:05.000Z' });
    await advance(3000);
    expect(screen.getByTestId('voucher-state-title').textContent).toBe('已退款');
  });

  it("reopens offline from the phone's copy at the current minute, and keeps watching the status", async () => {
    const server = serveVoucher(voucher());
    const first = render(<VoucherPage />);
    await advance(0);
    const label = `qr${server.calls.findIndex((call) => call.path.endsWith('/qr')) + 1}`;
    first.unmount();

    server.setOnline(false);
    await advance(2 * 60_000);
    render(<VoucherPage />);
    await advance(0);
    expect(qrSrc()).toBe(qrImageDataUrl(`UV1.${label}-2`));
    expect(screen.getByTestId('voucher-code').textContent).toBe('1234 5678 9015');
    expect(screen.getByTestId('voucher-offline').textContent).toContain('离线二维码还可使用约 8 分钟');

    // Still asks about the status every few seconds: the clerk's scan shows as soon as there is signal.
    const asked = vi.mocked(Taro.request).mock.calls.length;
    await advance(3000);
    expect(vi.mocked(Taro.request).mock.calls.length).toBeGreaterThan(asked);
    server.setOnline(true);
    server.change({ status: 'used', displayStatus: 'used', redeemedAt: '2026-03-01T08:02:02.000Z' });
    await advance(3000);
    expect(screen.getByTestId('voucher-state-title').textContent).toBe('已使用');
    expect(taroTest.storage.has(VOUCHER_CACHE_KEY)).toBe(false);
  });

  it("drops a used voucher's copy, so it is never shown again offline", async () => {
    const server = serveVoucher(voucher());
    const first = render(<VoucherPage />);
    await advance(0);
    first.unmount();
    expect(taroTest.storage.has(VOUCHER_CACHE_KEY)).toBe(true);

    server.change({ status: 'used', displayStatus: 'used', redeemedAt: '2026-03-01T08:00:30.000Z' });
    const second = render(<VoucherPage />);
    await advance(0);
    expect(screen.getByTestId('voucher-state-title').textContent).toBe('已使用');
    second.unmount();
    expect(taroTest.storage.has(VOUCHER_CACHE_KEY)).toBe(false);

    server.setOnline(false);
    render(<VoucherPage />);
    await advance(0);
    expect(screen.queryByTestId('voucher-qr')).toBeNull();
  });

  it("clears the phone's copy at sign-out, as the card's is", async () => {
    const server = serveVoucher(voucher());
    const first = render(<VoucherPage />);
    await advance(0);
    first.unmount();
    expect(taroTest.storage.has(VOUCHER_CACHE_KEY)).toBe(true);

    server.setOnline(false);
    await signOut();
    expect(taroTest.storage.has(VOUCHER_CACHE_KEY)).toBe(false);

    signIn();
    render(<VoucherPage />);
    await advance(0);
    expect(screen.queryByTestId('voucher-qr')).toBeNull();
    expect(screen.queryByTestId('voucher-page')).toBeNull();
  });

  it('offers no refund for a free coupon', async () => {
    serveVoucher(voucher());
    render(<VoucherPage />);
    await advance(0);
    expect(screen.queryByTestId('refund-open')).toBeNull();
  });
});
