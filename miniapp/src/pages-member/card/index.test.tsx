import { act, fireEvent, render, screen } from '@testing-library/react';
import type { CardQr } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { card, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import CardPage from './index';

const PHONE_NOW = Date.parse('2026-03-01T08:00:00.000Z');

function qrValidFor(seconds: number, from: number, label: string): CardQr {
  return { token: `UC1.token-${label}`, expiresAt: new Date(from + seconds * 1000).toISOString() };
}

/** Lets pending promises (the mocked requests) settle and timers due by then fire. */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Serves GET /api/card with the given server clock, and counts QR renewals. */
function serveCard(serverNow: number) {
  const renewals: number[] = [];
  taroTest.respondWith(({ method, path }) => {
    if (method === 'GET' && path === '/api/card') {
      return {
        statusCode: 200,
        data: card({ serverTime: new Date(serverNow).toISOString(), qr: qrValidFor(60, serverNow, 'first') }),
      };
    }
    if (method === 'POST' && path === '/api/card/qr') {
      renewals.push(Date.now());
      return { statusCode: 200, data: qrValidFor(60, serverNow + 40_000, 'second') };
    }
    return { statusCode: 404, data: null };
  });
  return renewals;
}

describe('电子会员卡', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: PHONE_NOW });
    signIn();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders the QR image and its 核验码 text', async () => {
    serveCard(PHONE_NOW);
    render(<CardPage />);
    await advance(0);

    const image = screen.getByTestId('card-qr-image') as HTMLImageElement;
    expect(image.src).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/=]{200,}$/);
    expect(screen.getByTestId('card-token').textContent).toBe('UC1.token-first');
    expect(screen.getByTestId('card-member-no').textContent).toBe('M2026000123');
  });

  it('renews the QR 20 seconds before it expires and shows the new token', async () => {
    const renewals = serveCard(PHONE_NOW);
    render(<CardPage />);
    await advance(0);
    expect(screen.getByTestId('card-qr-countdown').textContent).toBe('40 秒后自动刷新');

    await advance(39_000);
    expect(renewals).toEqual([]);

    await advance(1_000);
    expect(renewals).toEqual([PHONE_NOW + 40_000]);
    expect(screen.getByTestId('card-token').textContent).toBe('UC1.token-second');
  });

  it('corrects for a phone clock that runs behind the server', async () => {
    // The phone is 30 s behind: without correction it would renew 30 s too late, after expiry.
    const renewals = serveCard(PHONE_NOW + 30_000);
    render(<CardPage />);
    await advance(0);

    await advance(40_000);
    expect(renewals).toEqual([PHONE_NOW + 40_000]);
  });

  it('retries a renewal that failed for lack of network, keeping the current QR meanwhile', async () => {
    let failNext = true;
    taroTest.respondWith(({ method, path }) => {
      if (method === 'GET')
        return {
          statusCode: 200,
          data: card({ serverTime: new Date(PHONE_NOW).toISOString(), qr: qrValidFor(60, PHONE_NOW, 'first') }),
        };
      if (path === '/api/card/qr' && failNext) {
        failNext = false;
        throw new Error('request:fail');
      }
      return { statusCode: 200, data: qrValidFor(60, PHONE_NOW + 45_000, 'second') };
    });
    render(<CardPage />);
    await advance(40_000);
    await advance(0);

    expect(screen.getByTestId('card-token').textContent).toBe('UC1.token-first');
    expect(screen.getByTestId('card-qr-countdown').textContent).toContain('网络不可用');

    await advance(5_000);
    expect(screen.getByTestId('card-token').textContent).toBe('UC1.token-second');
  });

  it('shows a suspended membership without any QR', async () => {
    taroTest.respondWith(() => ({ statusCode: 200, data: card({ status: 'suspended', qr: null }) }));
    render(<CardPage />);
    await advance(0);

    expect(screen.getByTestId('card-inactive').textContent).toContain('会籍已暂停');
    expect(screen.queryByTestId('card-qr-image')).toBeNull();
    expect(screen.queryByTestId('card-token')).toBeNull();
  });

  it('remembers 大字模式', async () => {
    serveCard(PHONE_NOW);
    const { unmount } = render(<CardPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('large-text-toggle'));
    expect(screen.getByTestId('card-page').className).toContain('card-page--large');
    unmount();

    render(<CardPage />);
    await advance(0);
    expect(screen.getByTestId('card-page').className).toContain('card-page--large');
  });
});
