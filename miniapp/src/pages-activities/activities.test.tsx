import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { commitmentOf, drawLottery } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID, detail, ENTRY_ID, entry, summary } from '../../test/activity-fixtures';
import { signIn } from '../../test/fixtures';
import { queryOf } from '../../test/station-fixtures';
import { taroTest } from '../../test/taro-mock';
import ActivityDetailPage from './detail/index';
import ActivityListPage from './list/index';
import { verifyPublishedDraw } from './lottery-verify';
import MyActivitiesPage from './mine/index';

describe('活动列表', () => {
  it('shows each activity with its kind, places and fee, and filters by kind', async () => {
    signIn();
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path !== '/api/activities') return { statusCode: 404, data: null };
      const q = queryOf(query);
      queries.push(q);
      if (q.kind === 'training') return { statusCode: 200, data: { items: [], nextCursor: null } };
      return {
        statusCode: 200,
        data: {
          items: [summary(), summary({ id: '64b7f0c2a1b2c3d4e5f6a002', signUpState: 'closed' })],
          nextCursor: null,
        },
      };
    });
    render(<ActivityListPage />);
    const cards = await screen.findAllByTestId('activity-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByTestId('activity-card-state').textContent).toBe('剩余5个名额 · ¥30.00');
    expect(within(cards[1]!).getByTestId('activity-card-state').textContent).toContain('已截止');

    fireEvent.click(screen.getByTestId('activity-tab-training'));
    await screen.findByTestId('activities-empty');
    expect(queries.at(-1)?.kind).toBe('training');
  });
});

describe('活动详情', () => {
  it('shows sessions, fee and groups, and checks the questions before signing up', async () => {
    signIn();
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const bodies: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'GET' && path === `/api/activities/${ACTIVITY_ID}`) return { statusCode: 200, data: detail() };
      if (method === 'POST' && path === `/api/activities/${ACTIVITY_ID}/entries`) {
        bodies.push(body);
        return {
          statusCode: 422,
          data: {
            error: {
              code: 'validation_failed',
              message: '请检查填写的信息',
              details: [{ path: 'answers.note', message: '备注不合适' }],
            },
          },
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<ActivityDetailPage />);
    expect((await screen.findByTestId('activity-sessions')).textContent).toContain('2026-12-12 09:00–11:00');
    expect(screen.getByTestId('activity-fee').textContent).toBe('费用会员实付 ¥30.00，工会补贴 ¥20.00');
    expect(screen.getByTestId('activity-group-men').textContent).toContain('剩余5个，候补2人');

    fireEvent.click(screen.getByTestId('activity-navigate'));
    expect(Taro.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 30.27, longitude: 120.13 }));

    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect(await screen.findByTestId('error-size')).toBeTruthy();
    expect(bodies).toHaveLength(0);

    fireEvent.click(screen.getByTestId('answer-size-L'));
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('error-note')).textContent).toBe('备注不合适');
    expect(bodies[0]).toMatchObject({ groupId: 'men', answers: { size: 'L' } });
  });

  it('shows why I cannot sign up instead of the form', async () => {
    signIn();
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    taroTest.respondWith(() => ({ statusCode: 200, data: detail({ signUpProblem: '本活动仅限女职工报名' }) }));
    render(<ActivityDetailPage />);
    expect((await screen.findByTestId('activity-sign-up-problem')).textContent).toBe('本活动仅限女职工报名');
    expect(screen.queryByTestId('sign-up-form')).toBeNull();
  });
});

describe('抽签验证', () => {
  const seed = 'a'.repeat(63) + '1';
  const ids = ['64b7f0c2a1b2c3d4e5f6c001', '64b7f0c2a1b2c3d4e5f6c002', '64b7f0c2a1b2c3d4e5f6c003'];
  const drawn = drawLottery({ seed, entries: ids.map((id) => ({ id, weight: 1 })), places: 1 });
  const published = {
    commitment: commitmentOf(seed),
    committedAt: null,
    drawnAt: '2026-12-10T01:00:00.000Z',
    seed,
    groups: [
      {
        groupId: 'men',
        groupName: '男子单打',
        places: 1,
        entries: drawn.order.map((line) => ({ id: line.id, weight: 1, tags: [], rank: line.rank })),
        winners: [{ rank: 1, maskedName: '张*' }],
      },
    ],
    weightRules: {},
  };

  it('passes for the published draw and fails for a tampered seed or rank', () => {
    expect(verifyPublishedDraw(published)).toBe(true);
    expect(verifyPublishedDraw({ ...published, seed: 'b'.repeat(64) })).toBe(false);
    const swapped = published.groups[0]!.entries.map((e) => ({
      ...e,
      rank: e.rank === 1 ? 2 : e.rank === 2 ? 1 : e.rank,
    }));
    expect(verifyPublishedDraw({ ...published, groups: [{ ...published.groups[0]!, entries: swapped }] })).toBe(false);
  });

  it('验证 on the detail page recomputes on the phone', async () => {
    signIn();
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    const lottery = detail().groups.map((g) => ({ ...g, allocation: 'lottery' as const, allocationLabel: '抽签' }));
    let served = published;
    taroTest.respondWith(({ path }) => {
      if (path === `/api/activities/${ACTIVITY_ID}/lottery`) return { statusCode: 200, data: served };
      return { statusCode: 200, data: detail({ groups: lottery }) };
    });
    const { unmount } = render(<ActivityDetailPage />);
    fireEvent.click(await screen.findByTestId('lottery-verify'));
    expect(screen.getByTestId('lottery-verdict').textContent).toBe('验证通过');
    unmount();

    served = { ...published, seed: 'c'.repeat(64) };
    render(<ActivityDetailPage />);
    fireEvent.click(await screen.findByTestId('lottery-verify'));
    expect(screen.getByTestId('lottery-verdict').textContent).toBe('不一致');
  });
});

describe('我的活动', () => {
  it('shows the statuses the BFF words and cancels after asking', async () => {
    signIn();
    let cancelled = false;
    taroTest.respondWith(({ method, path }) => {
      if (method === 'POST' && path === `/api/activities/entries/${ENTRY_ID}/cancel`) {
        cancelled = true;
        return { statusCode: 200, data: entry({ status: 'cancelled', statusText: '已取消', canCancel: false }) };
      }
      if (path === '/api/activities/entries/mine') {
        const first = cancelled ? entry({ status: 'cancelled', statusText: '已取消', canCancel: false }) : entry();
        return {
          statusCode: 200,
          data: {
            items: [
              first,
              entry({
                id: '64b7f0c2a1b2c3d4e5f6b002',
                status: 'waitlisted',
                statusText: '候补第3位',
                waitlistPosition: 3,
                canCancel: true,
              }),
            ],
            nextCursor: null,
          },
        };
      }
      return { statusCode: 404, data: null };
    });
    render(<MyActivitiesPage />);
    const rows = await screen.findAllByTestId('my-entry');
    expect(rows.map((row) => within(row).getByTestId('my-entry-status').textContent)).toEqual(['已报名', '候补第3位']);
    expect(within(rows[0]!).getByTestId('entry-check-in')).toBeTruthy();

    fireEvent.click(within(rows[0]!).getByTestId('entry-cancel'));
    await waitFor(() => expect(screen.getAllByTestId('my-entry-status')[0]!.textContent).toBe('已取消'));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(cancelled).toBe(true);
  });
});

describe('离我最近', () => {
  it('sorts the loaded activities by the venue distance from the member', async () => {
    signIn();
    const far = '64b7f0c2a1b2c3d4e5f6a009';
    const venue = (lat: number) => ({
      kind: 'place' as const,
      name: '场馆',
      address: '路',
      location: { lat, lng: 120 },
    });
    vi.mocked(Taro.getLocation).mockResolvedValue({ latitude: 30, longitude: 120 } as Awaited<
      ReturnType<typeof Taro.getLocation>
    >);
    taroTest.respondWith(({ path }) => {
      if (path === '/api/activities')
        return {
          statusCode: 200,
          data: { items: [summary({ id: far, title: '远' }), summary({ title: '近' })], nextCursor: null },
        };
      if (path === `/api/activities/${far}`) return { statusCode: 200, data: detail({ id: far, venue: venue(31) }) };
      return { statusCode: 200, data: detail({ venue: venue(30.01) }) };
    });
    render(<ActivityListPage />);
    await screen.findAllByTestId('activity-card');
    fireEvent.click(screen.getByTestId('activity-nearest'));
    await waitFor(() =>
      expect(screen.getAllByTestId('activity-card').map((c) => c.textContent?.slice(0, 1))).toEqual(['近', '远']),
    );
  });
});
