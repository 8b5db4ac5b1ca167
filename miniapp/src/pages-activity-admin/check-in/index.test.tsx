import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { taroTest } from '../../../test/taro-mock';
import ActivityCheckInPage, { SESSION_CODE_REFRESH_MS } from './index';

const ACTIVITY_ID = '64b7f0c2a1b2c3d4e5f6a001';

afterEach(() => vi.useRealTimers());

describe('活动签到', () => {
  it('queues card scans while offline and syncs them once when the network is back', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    let online = false;
    const syncs: { items: { clientId: string; cardToken: string }[] }[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (!online) throw new Error('offline');
      if (method === 'POST' && path === `/api/staff/activities/${ACTIVITY_ID}/check-ins/sync`) {
        const batch = body as { items: { clientId: string; cardToken: string }[] };
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

    for (const token of ['card-a', 'card-b']) {
      fireEvent.change(screen.getByTestId('check-in-token'), { target: { value: token } });
      fireEvent.click(screen.getByTestId('check-in-submit'));
      await waitFor(() => expect(screen.getByTestId('check-in-result').textContent).toContain('已暂存'));
    }
    expect(screen.getByTestId('check-in-queued').textContent).toBe('2 条离线签到待同步');

    online = true;
    // Two reconnect events close together still send the batch once.
    act(() => {
      taroTest.networkBack();
      taroTest.networkBack();
    });
    await waitFor(() => expect(screen.queryByTestId('check-in-queued')).toBeNull());
    expect(syncs).toHaveLength(1);
    expect(syncs[0]?.items.map((item) => item.cardToken)).toEqual(['card-a', 'card-b']);
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
});
