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

  it('fails when an entry’s weight is not what its tags give by the published weights', () => {
    const entries = published.groups[0]!.entries.map((e, index) =>
      index === 0 ? { ...e, tags: ['new_employment_form' as const] } : e,
    );
    const group = { ...published.groups[0]!, entries };
    expect(verifyPublishedDraw({ ...published, groups: [group], weightRules: { new_employment_form: 1 } })).toBe(true);
    expect(verifyPublishedDraw({ ...published, groups: [group], weightRules: { new_employment_form: 2 } })).toBe(false);
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

describe('离我最近 and 本周', () => {
  it('asks the server to sort every activity by distance from the member, and shows each distance', async () => {
    signIn();
    vi.mocked(Taro.getLocation).mockResolvedValue({ latitude: 30, longitude: 120 } as Awaited<
      ReturnType<typeof Taro.getLocation>
    >);
    const queries: Record<string, string>[] = [];
    const paths: string[] = [];
    taroTest.respondWith(({ path, query }) => {
      paths.push(path);
      if (path !== '/api/activities') return { statusCode: 404, data: null };
      const q = queryOf(query);
      queries.push(q);
      const items = q.near
        ? [
            summary({ title: '近', distanceMetres: 850 }),
            summary({ id: '64b7f0c2a1b2c3d4e5f6a009', title: '远', distanceMetres: 12_345 }),
          ]
        : [summary({ id: '64b7f0c2a1b2c3d4e5f6a009', title: '远' }), summary({ title: '近' })];
      return { statusCode: 200, data: { items, nextCursor: null } };
    });
    render(<ActivityListPage />);
    await screen.findAllByTestId('activity-card');
    fireEvent.click(screen.getByTestId('activity-nearest'));
    await waitFor(() =>
      expect(screen.getAllByTestId('activity-card').map((c) => c.textContent?.slice(0, 1))).toEqual(['近', '远']),
    );
    // The browser's WGS-84 point, shifted to GCJ-02 (a few hundred metres) like the venues.
    const [lat, lng] = (queries.at(-1)?.near ?? '').split(',').map(Number);
    expect(Math.abs(lat! - 30)).toBeLessThan(0.01);
    expect(Math.abs(lng! - 120)).toBeLessThan(0.01);
    expect(screen.getAllByTestId('activity-card')[0]!.textContent).toContain('市体育馆 · 850米');
    expect(screen.getAllByTestId('activity-card')[1]!.textContent).toContain('市体育馆 · 12.3公里');
    // The venue comes with the list: no activity's detail is fetched to sort it.
    expect(paths.every((path) => path === '/api/activities')).toBe(true);

    fireEvent.click(screen.getByTestId('activity-nearest'));
    await waitFor(() => expect(queries.at(-1)?.near).toBeUndefined());
  });

  it('asks the server for this week’s activities, keeping the chosen kind', async () => {
    signIn();
    const queries: Record<string, string>[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path !== '/api/activities') return { statusCode: 404, data: null };
      const q = queryOf(query);
      queries.push(q);
      const items =
        q.thisWeek === 'true'
          ? [summary({ title: '本周的活动' })]
          : [summary(), summary({ id: '64b7f0c2a1b2c3d4e5f6a002' })];
      return { statusCode: 200, data: { items, nextCursor: null } };
    });
    render(<ActivityListPage />);
    expect(await screen.findAllByTestId('activity-card')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('activity-tab-training'));
    fireEvent.click(screen.getByTestId('activity-this-week'));
    await waitFor(() => expect(screen.getAllByTestId('activity-card')).toHaveLength(1));
    expect(queries.at(-1)).toMatchObject({ thisWeek: 'true', kind: 'training' });
  });
});

describe('活动卡片的名额', () => {
  it('says 抽签 / 审核制 / 可候补 instead of a place count for those groups', async () => {
    signIn();
    taroTest.respondWith(({ path }) =>
      path === '/api/activities'
        ? {
            statusCode: 200,
            data: {
              items: [
                summary({ placesLeft: 100, allocationState: 'lottery', memberPaysFen: 0 }),
                summary({
                  id: '64b7f0c2a1b2c3d4e5f6a002',
                  placesLeft: 100,
                  allocationState: 'review',
                  memberPaysFen: 0,
                }),
                summary({
                  id: '64b7f0c2a1b2c3d4e5f6a003',
                  placesLeft: 0,
                  allocationState: 'waitlist',
                  memberPaysFen: 0,
                }),
              ],
              nextCursor: null,
            },
          }
        : { statusCode: 404, data: null },
    );
    render(<ActivityListPage />);
    const cards = await screen.findAllByTestId('activity-card');
    expect(cards.map((card) => within(card).getByTestId('activity-card-state').textContent)).toEqual([
      '抽签 · 免费',
      '审核制 · 免费',
      '名额已满，可候补 · 免费',
    ]);
  });
});
