import { act, fireEvent, render, screen } from '@testing-library/react';
import { CARD_TOKEN_BATCH_SIZE, type CardQrBatch } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { card, signIn } from '../../../test/fixtures';
import { taroTest } from '../../../test/taro-mock';
import CardPage from './index';

const PHONE_NOW = Date.parse('2026-03-01T08:00:00.000Z');

/** Which token each 8-digit 核验码 handed out belongs to: the screen shows the code, not the token. */
const tokenOfShortCode = new Map<string, string>();

/** A batch of consecutive one-minute tokens starting at `fromMs` (server time), as the BFF issues them. */
function batch(fromMs: number, label: string, count = CARD_TOKEN_BATCH_SIZE): CardQrBatch {
  return {
    tokens: Array.from({ length: count }, (_, i) => {
      const shortCode = String(20_000_000 + tokenOfShortCode.size);
      tokenOfShortCode.set(shortCode, `UC1.${label}-${i}`);
      return {
        token: `UC1.${label}-${i}`,
        validFrom: new Date(fromMs + i * 60_000).toISOString(),
        expiresAt: new Date(fromMs + (i + 1) * 60_000).toISOString(),
        shortCode,
      };
    }),
  };
}

/**
 * Lets time pass: pending promises (the mocked requests) settle, timers due by then
 * fire, and so do the zero-delay ones that effects scheduled at the very end.
 */
async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

/** The token of the window on screen, told by the 核验码 shown under the QR. */
const tokenText = () => tokenOfShortCode.get(screen.getByTestId('card-short-code').textContent!.replace(/\s/g, ''));

/** Serves GET /api/card with the given server clock; refills start at the server's "now"; `online()` toggles the network. */
function serveCard(serverOffsetMs = 0) {
  const refills: number[] = [];
  let online = true;
  taroTest.respondWith(({ method, path }) => {
    if (!online) throw new Error('request:fail');
    const serverNow = Date.now() + serverOffsetMs;
    if (method === 'GET' && path === '/api/card') {
      return {
        statusCode: 200,
        data: card({ serverTime: new Date(serverNow).toISOString(), qr: batch(serverNow, 'first') }),
      };
    }
    if (method === 'POST' && path === '/api/card/qr') {
      refills.push(Date.now());
      return { statusCode: 200, data: batch(serverNow, `refill${refills.length}`) };
    }
    return { statusCode: 404, data: null };
  });
  return { refills, setOnline: (value: boolean) => (online = value) };
}

describe('电子会员卡', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: PHONE_NOW });
    signIn();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders the QR image and the 核验码 of the current minute', async () => {
    serveCard();
    render(<CardPage />);
    await advance(0);

    const image = screen.getByTestId('card-qr-image') as HTMLImageElement;
    expect(image.src).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/=]{200,}$/);
    expect(tokenText()).toBe('UC1.first-0');
    expect(screen.getByTestId('card-qr-countdown').textContent).toBe('二维码 60 秒后自动更换');
    // The fallback a clerk types: 8 digits in two groups of four, never the long signed token.
    expect(screen.getByTestId('card-short-code').textContent).toMatch(/^\d{4} \d{4}$/);
    expect(screen.getByTestId('card-page').textContent).not.toContain('UC1.');
    expect(screen.getByTestId('card-member-no').textContent).toBe('M2026000123');
  });

  it("moves to the next minute's token by itself, and refills the batch while online", async () => {
    const { refills } = serveCard();
    render(<CardPage />);
    await advance(0);

    await advance(60_000);
    expect(tokenText()).toBe('UC1.first-1');
    await advance(60_000);
    expect(tokenText()).toBe('UC1.first-2');
    expect(refills).toEqual([]);

    // After the third minute fewer than eight windows remain: a fresh batch is fetched.
    await advance(60_000);
    expect(refills).toEqual([PHONE_NOW + 180_000]);
    expect(tokenText()).toBe('UC1.refill1-0');
  });

  it('corrects for a phone clock that runs behind the server', async () => {
    // The phone is 30 s behind: without correction it would show each token 30 s too long.
    serveCard(30_000);
    render(<CardPage />);
    await advance(0);
    expect(tokenText()).toBe('UC1.first-0');

    await advance(60_000);
    expect(tokenText()).toBe('UC1.first-1');
  });

  it('keeps showing the right token from the batch while the network is down', async () => {
    const network = serveCard();
    render(<CardPage />);
    await advance(0);
    network.setOnline(false);

    await advance(4 * 60_000);
    expect(tokenText()).toBe('UC1.first-4');
    expect(screen.getByTestId('card-offline').textContent).toContain('离线二维码还可使用约 6 分钟');

    network.setOnline(true);
    await advance(15_000);
    expect(tokenText()).toBe('UC1.refill1-0');
    expect(screen.queryByTestId('card-offline')).toBeNull();
  });

  it("opens the card from the phone's copy when the app starts without network", async () => {
    const network = serveCard();
    const first = render(<CardPage />);
    await advance(0);
    first.unmount();

    network.setOnline(false);
    await advance(2 * 60_000);
    render(<CardPage />);
    await advance(0);
    expect(tokenText()).toBe('UC1.first-2');
    expect(screen.getByTestId('card-offline')).toBeTruthy();
  });

  it('asks for network once an offline batch is used up', async () => {
    const network = serveCard();
    render(<CardPage />);
    await advance(0);
    network.setOnline(false);

    await advance(CARD_TOKEN_BATCH_SIZE * 60_000);
    expect(screen.queryByTestId('card-short-code')).toBeNull();
    expect(screen.getByTestId('card-qr').textContent).toContain('请连接网络后刷新');
  });

  it('shows a suspended membership without any QR', async () => {
    taroTest.respondWith(() => ({ statusCode: 200, data: card({ status: 'suspended', qr: null }) }));
    render(<CardPage />);
    await advance(0);

    expect(screen.getByTestId('card-inactive').textContent).toContain('会籍已暂停');
    expect(screen.queryByTestId('card-qr-image')).toBeNull();
    expect(screen.queryByTestId('card-short-code')).toBeNull();
  });

  it('switches 大字模式 from its label as well as its switch, and remembers it', async () => {
    serveCard(PHONE_NOW);
    const { unmount } = render(<CardPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('large-text-toggle-label'));
    expect(screen.getByTestId('card-page').className).toContain('large-text');
    expect((screen.getByTestId('large-text-toggle') as HTMLInputElement).checked).toBe(true);
    unmount();

    render(<CardPage />);
    await advance(0);
    expect(screen.getByTestId('card-page').className).toContain('large-text');
    fireEvent.click(screen.getByTestId('large-text-toggle'));
    expect(screen.getByTestId('card-page').className).not.toContain('large-text');
  });
});
