import { ed25519 } from '@noble/curves/ed25519.js';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { asciiBytes, cardTokenSigningInput, encodeCardToken, type CardTokenClaims } from '@union/shared';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { staffActivity } from '../../../test/activity-admin-fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import ActivityCheckInPage, { SESSION_CODE_REFRESH_MS } from './index';

const ACTIVITY_ID = '64b7f0c2a1b2c3d4e5f6a001';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

const KEY_ID = 'k2026a';
const secretKey = ed25519.utils.randomSecretKey();
const publicKeys = [{ keyId: KEY_ID, publicKey: Buffer.from(ed25519.getPublicKey(secretKey)).toString('base64url') }];

/** A member card QR signed as the BFF signs it, fresh for a minute. */
function signedCard(): string {
  const claims: CardTokenClaims = {
    memberId: '64b7f0c2a1b2c3d4e5f6a0ff',
    validFrom: Math.floor(Date.now() / 1000),
    expiresAt: Math.floor(Date.now() / 1000) + 60,
    keyId: KEY_ID,
  };
  return encodeCardToken(claims, ed25519.sign(asciiBytes(cardTokenSigningInput(claims)), secretKey));
}

afterEach(() => vi.useRealTimers());

describe('活动签到', () => {
  it('queues genuine card scans offline for the session under way, refuses a forged one, and syncs once', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const now = Date.now();
    // The second session is the one open for check-in now.
    const sessions = [
      { date: '', start: '', end: '', startsAt: iso(now - 25 * HOUR), endsAt: iso(now - 24 * HOUR) },
      { date: '', start: '', end: '', startsAt: iso(now - 10 * MINUTE), endsAt: iso(now + HOUR) },
    ];
    let online = true;
    let activityServed = false;
    const syncs: { items: { clientId: string; cardToken: string; sessionIndex: number }[] }[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (!online) throw new Error('offline');
      if (path === '/api/card/public-keys') return { statusCode: 200, data: { keys: publicKeys } };
      if (method === 'GET' && path === `/api/staff/activities/${ACTIVITY_ID}`) {
        activityServed = true;
        return { statusCode: 200, data: staffActivity({ sessions }) };
      }
      if (method === 'POST' && path === `/api/staff/activities/${ACTIVITY_ID}/check-ins/sync`) {
        const batch = body as { items: { clientId: string; cardToken: string; sessionIndex: number }[] };
        syncs.push(batch);
        return {
          statusCode: 200,
          data: {
            results: batch.items.map((item) => ({
              clientId: item.clientId,
              result: 'checked_in',
              reason: null,
              maskedName: '张*',
            })),
          },
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<ActivityCheckInPage />);
    await waitFor(() => expect(taroTest.storage.get('union.card.publicKeys')).toEqual(publicKeys));
    await waitFor(() => expect(activityServed).toBe(true));
    online = false;

    const cards = [signedCard(), signedCard()];
    for (const token of cards) {
      fireEvent.change(screen.getByTestId('check-in-token-input'), { target: { value: token } });
      fireEvent.click(screen.getByTestId('check-in-submit'));
      await waitFor(() => expect(screen.getByTestId('check-in-result').textContent).toContain('已暂存'));
    }
    const forged = `${cards[0]!.slice(0, -4)}AAAA`;
    fireEvent.change(screen.getByTestId('check-in-token-input'), { target: { value: forged } });
    fireEvent.click(screen.getByTestId('check-in-submit'));
    await waitFor(() => expect(screen.getByTestId('check-in-notice').textContent).toContain('无效'));
    expect(screen.getByTestId('check-in-queued').textContent).toBe('2 条离线签到待同步');

    online = true;
    // Two reconnect events close together still send the batch once.
    act(() => {
      taroTest.networkBack();
      taroTest.networkBack();
    });
    await waitFor(() => expect(screen.queryByTestId('check-in-queued')).toBeNull());
    expect(syncs).toHaveLength(1);
    expect(syncs[0]?.items.map((item) => [item.cardToken, item.sessionIndex])).toEqual([
      [cards[0], 1],
      [cards[1], 1],
    ]);
    expect(screen.getByTestId('check-in-notice').textContent).toBe('已同步 2 条离线签到');
  });

  it('shows the session QR and fetches a new code every 30 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    let served = 0;
    taroTest.respondWith(({ path }) => {
      if (path !== `/api/staff/activities/${ACTIVITY_ID}/session-code`) return { statusCode: 404, data: null };
      served += 1;
      return {
        statusCode: 200,
        data: { code: `code-${served}`, sessionIndex: 0, validUntil: '2026-12-20T01:00:30.000Z' },
      };
    });
    render(<ActivityCheckInPage />);
    fireEvent.click(screen.getByTestId('check-in-mode-code'));

    await waitFor(() => expect(screen.getByTestId('check-in-session-qr').getAttribute('data-code')).toBe('code-1'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SESSION_CODE_REFRESH_MS);
    });
    await waitFor(() => expect(screen.getByTestId('check-in-session-qr').getAttribute('data-code')).toBe('code-2'));
  });

  it("marks a member by hand from the chosen session's roster, after confirming", async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const sessions = [
      {
        date: '2026-12-20',
        start: '09:00',
        end: '11:00',
        startsAt: '2026-12-20T01:00:00.000Z',
        endsAt: '2026-12-20T03:00:00.000Z',
      },
      {
        date: '2026-12-27',
        start: '09:00',
        end: '11:00',
        startsAt: '2026-12-27T01:00:00.000Z',
        endsAt: '2026-12-27T03:00:00.000Z',
      },
    ];
    const marked = new Set<string>();
    const sent: unknown[] = [];
    taroTest.respondWith(({ method, path, query, body }) => {
      if (method === 'GET' && path === `/api/staff/activities/${ACTIVITY_ID}`) {
        return { statusCode: 200, data: staffActivity({ sessions }) };
      }
      if (path === `/api/staff/activities/${ACTIVITY_ID}/attendance`) {
        const sessionIndex = Number(new URLSearchParams(query).get('sessionIndex'));
        const items = ['e1', 'e2'].map((entryId, i) => ({
          entryId,
          maskedName: i === 0 ? '张*' : '李*',
          groupName: '男子单打',
          checkedIn: marked.has(`${sessionIndex}:${entryId}`),
          statusText: marked.has(`${sessionIndex}:${entryId}`) ? '已签到' : '未签到',
          checkedInAt: null,
        }));
        return {
          statusCode: 200,
          data: { sessionIndex, items, total: 2, checkedIn: items.filter((item) => item.checkedIn).length },
        };
      }
      if (method === 'POST' && path === `/api/staff/activities/${ACTIVITY_ID}/check-ins`) {
        sent.push(body);
        const { entryId, sessionIndex } = body as { entryId: string; sessionIndex: number };
        marked.add(`${sessionIndex}:${entryId}`);
        return {
          statusCode: 200,
          data: {
            alreadyCheckedIn: false,
            entryId,
            maskedName: '李*',
            groupName: '男子单打',
            sessionIndex,
            attendedSessions: 1,
            checkedInAt: '2026-12-27T01:05:00.000Z',
          },
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<ActivityCheckInPage />);
    fireEvent.click(screen.getByTestId('check-in-mode-manual'));
    fireEvent.click(await screen.findByTestId('check-in-session-1'));
    await waitFor(() => expect(screen.getAllByTestId('check-in-manual-mark')).toHaveLength(2));

    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    fireEvent.click(screen.getAllByTestId('check-in-manual-mark')[1]!);
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(sent).toHaveLength(0);

    fireEvent.click(screen.getAllByTestId('check-in-manual-mark')[1]!);
    await waitFor(() => expect(screen.getByTestId('check-in-manual-total').textContent).toBe('已签到 1 / 2 人'));
    expect(sent).toEqual([{ entryId: 'e2', sessionIndex: 1 }]);
    expect(screen.getAllByTestId('check-in-manual-mark')).toHaveLength(1);
  });
});
