import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { statusesInTab, type ActivityEntry, type EntryTab } from '@union/shared';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID, detail, ENTRY_ID, entry, team, TEAM_ID, teamGroup } from '../../test/activity-fixtures';
import { signIn } from '../../test/fixtures';
import { taroTest } from '../../test/taro-mock';
import { ROUTES } from '../routes';
import ActivityDetailPage from './detail/index';
import EntryPage from './entry/index';
import MyActivitiesPage from './mine/index';

const teamOnEntry = (role: 'captain' | 'member'): NonNullable<ActivityEntry['team']> => ({
  id: TEAM_ID,
  name: '飞鹰队',
  code: 'K7M2QX',
  size: 1,
  min: 3,
  max: 5,
  role,
});

const teamEntry = (role: 'captain' | 'member', overrides: Partial<ActivityEntry> = {}) =>
  entry({
    groupId: 'relay',
    groupName: '接力团体赛',
    team: teamOnEntry(role),
    canCancel: role === 'captain',
    ...overrides,
  });

const detailPath = `/api/activities/${ACTIVITY_ID}`;
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('组队报名', () => {
  it('offers only 创建队伍 / 加入队伍 in a team group, and shows the new team’s code to copy', async () => {
    signIn();
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    let created = false;
    const calls: { path: string; body: unknown }[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'POST') calls.push({ path, body });
      if (method === 'GET' && path === detailPath) {
        return {
          statusCode: 200,
          data: detail({
            groups: [teamGroup()],
            ...(created ? { myEntry: teamEntry('captain'), signUpProblem: '您已报名本活动' } : {}),
          }),
        };
      }
      if (method === 'POST' && path === `/api/activities/${ACTIVITY_ID}/teams`) {
        created = true;
        return { statusCode: 200, data: team() };
      }
      if (path === '/api/activities/teams/mine' && created) return { statusCode: 200, data: team() };
      return { statusCode: 404, data: { error: { code: 'not_found', message: '您在本活动中没有队伍' } } };
    });
    render(<ActivityDetailPage />);
    expect((await screen.findByTestId('sign-up-team-rule')).textContent).toBe(
      '需 3–5 人，报名截止时锁定，届时不足3人的队伍将被取消',
    );
    expect(screen.getByTestId('sign-up-submit').textContent).toBe('创建队伍');
    expect(screen.queryByText('提交报名')).toBeNull();

    fireEvent.click(screen.getByTestId('answer-size-L'));
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('error-name')).textContent).toBe('请填写队伍名称');
    expect(calls).toHaveLength(0);

    type('team-name', '飞鹰队');
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('team-code')).textContent).toBe('K7M2QX');
    expect(calls).toEqual([
      {
        path: `/api/activities/${ACTIVITY_ID}/teams`,
        body: expect.objectContaining({ groupId: 'relay', name: '飞鹰队', answers: { size: 'L' } }),
      },
    ]);
    expect(screen.queryByTestId('sign-up-form')).toBeNull();
    expect(screen.getByTestId('team-name').textContent).toBe('我的队伍：飞鹰队（队长）');
    expect(screen.getByTestId('team-share-hint').textContent).toContain('加入队伍');
    expect(screen.queryByTestId('team-leave')).toBeNull();

    fireEvent.click(screen.getByTestId('team-copy'));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: expect.stringContaining('K7M2QX') });
  });

  it('joins by code, showing a bad code’s error in Chinese beside the field', async () => {
    signIn();
    taroTest.setRouterParams({ id: ACTIVITY_ID });
    let joined = false;
    const codes: string[] = [];
    const joiner = team({
      role: 'member',
      size: 2,
      members: [
        { memberId: '64b7f0c2a1b2c3d4e5f60701', name: '张*', captain: true },
        { memberId: '64b7f0c2a1b2c3d4e5f60718', name: '李**', captain: false },
      ],
    });
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'GET' && path === detailPath) {
        return {
          statusCode: 200,
          data: detail({
            groups: [teamGroup()],
            ...(joined ? { myEntry: teamEntry('member'), signUpProblem: '您已加入本活动的队伍' } : {}),
          }),
        };
      }
      if (method === 'POST' && path === '/api/activities/teams/join') {
        const { code } = body as { code: string };
        codes.push(code);
        if (code === 'ZZZZ22') {
          return {
            statusCode: 422,
            data: {
              error: {
                code: 'validation_failed',
                message: '请检查填写的信息',
                details: [{ path: 'code', message: '邀请码无效' }],
              },
            },
          };
        }
        if (code === 'FULL22') {
          return { statusCode: 409, data: { error: { code: 'team_full', message: '队伍已满（最多5人）' } } };
        }
        joined = true;
        return { statusCode: 200, data: joiner };
      }
      if (path === '/api/activities/teams/mine' && joined) return { statusCode: 200, data: joiner };
      return { statusCode: 404, data: { error: { code: 'not_found', message: '不存在' } } };
    });
    render(<ActivityDetailPage />);
    fireEvent.click(await screen.findByTestId('sign-up-mode-join'));
    expect(screen.getByTestId('sign-up-submit').textContent).toBe('加入队伍');
    fireEvent.click(screen.getByTestId('answer-size-M'));

    type('team-code-input', 'ab1');
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('error-code')).textContent).toBe('邀请码为6位字母或数字');
    expect(codes).toHaveLength(0);

    type('team-code-input', 'zzzz22');
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    await waitFor(() => expect(screen.getByTestId('error-code').textContent).toBe('邀请码无效'));
    expect(codes).toEqual(['ZZZZ22']);

    type('team-code-input', 'FULL22');
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('sign-up-failure')).textContent).toBe('队伍已满（最多5人）');

    type('team-code-input', ' k7m2qx ');
    fireEvent.click(screen.getByTestId('sign-up-submit'));
    expect((await screen.findByTestId('team-name')).textContent).toBe('我的队伍：飞鹰队（队员）');
    expect(codes.at(-1)).toBe('K7M2QX');
    expect(screen.getByTestId('team-code').textContent).toBe('K7M2QX');
    expect(screen.getByTestId('team-leave')).toBeTruthy();
  });
});

describe('报名详情中的队伍', () => {
  function serveEntry(shown: ActivityEntry, served: ReturnType<typeof team>, onLeave?: () => void) {
    taroTest.respondWith(({ method, path }) => {
      if (path === '/api/activities/entries/mine')
        return { statusCode: 200, data: { items: [shown], nextCursor: null } };
      if (path === detailPath) return { statusCode: 200, data: detail({ groups: [teamGroup()] }) };
      if (path === '/api/activities/teams/mine') return { statusCode: 200, data: served };
      if (method === 'POST' && path === `/api/activities/teams/${TEAM_ID}/leave`) {
        onLeave?.();
        return { statusCode: 200, data: { ok: true } };
      }
      return { statusCode: 404, data: null };
    });
  }

  it('shows a joiner the team, its code, masked members and size against the rule, and lets them leave', async () => {
    signIn();
    taroTest.setRouterParams({ id: ENTRY_ID });
    let left = false;
    serveEntry(
      teamEntry('member'),
      team({
        role: 'member',
        size: 2,
        members: [
          { memberId: '64b7f0c2a1b2c3d4e5f60701', name: '张*', captain: true },
          { memberId: '64b7f0c2a1b2c3d4e5f60718', name: '李**', captain: false },
        ],
      }),
      () => (left = true),
    );
    render(<EntryPage />);
    expect((await screen.findByTestId('team-name')).textContent).toBe('我的队伍：飞鹰队（队员）');
    expect(screen.getByTestId('team-code').textContent).toBe('K7M2QX');
    expect(screen.getByTestId('team-size').textContent).toBe('人数：2人（需3–5人）');
    expect(screen.getAllByTestId('team-member').map((m) => m.textContent)).toEqual(['张*（队长）', '李**']);
    expect(screen.getByTestId('team-state').textContent).toBe('组队中，报名截止时锁定');
    expect(screen.queryByTestId('entry-cancel')).toBeNull();

    fireEvent.click(screen.getByTestId('team-leave'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: ROUTES.myActivities }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出队伍' }));
    expect(left).toBe(true);
  });

  it('shows a locked team without leave or copy', async () => {
    signIn();
    taroTest.setRouterParams({ id: ENTRY_ID });
    serveEntry(teamEntry('member'), team({ role: 'member', size: 3, status: 'locked', locked: true }));
    render(<EntryPage />);
    expect((await screen.findByTestId('team-state')).textContent).toBe('已锁定（报名已截止）');
    expect(screen.queryByTestId('team-leave')).toBeNull();
    expect(screen.queryByTestId('team-copy')).toBeNull();
  });

  it('lets the captain take a member off the team before it locks', async () => {
    signIn();
    taroTest.setRouterParams({ id: ENTRY_ID });
    const captain = { memberId: '64b7f0c2a1b2c3d4e5f60701', name: '张*', captain: true };
    const joiner = { memberId: '64b7f0c2a1b2c3d4e5f60718', name: '李**', captain: false };
    const posted: string[] = [];
    taroTest.respondWith(({ method, path }) => {
      if (method === 'POST') {
        posted.push(path);
        return { statusCode: 200, data: team({ size: 1, members: [captain] }) };
      }
      if (path === '/api/activities/entries/mine')
        return { statusCode: 200, data: { items: [teamEntry('captain')], nextCursor: null } };
      if (path === '/api/activities/teams/mine')
        return { statusCode: 200, data: team({ size: 2, members: [captain, joiner] }) };
      return { statusCode: 200, data: detail({ groups: [teamGroup()] }) };
    });
    render(<EntryPage />);
    await screen.findByTestId('team-panel');
    // Only the joiner can be taken off; the captain leaves by cancelling.
    expect(screen.getAllByTestId('team-remove')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('team-remove'));
    await waitFor(() => expect(screen.getByTestId('team-size').textContent).toBe('人数：1人（需3–5人）'));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '确定将李**移出队伍吗？' }));
    expect(posted).toEqual([`/api/activities/teams/${TEAM_ID}/members/${joiner.memberId}/remove`]);
    expect(screen.queryByTestId('team-remove')).toBeNull();
  });

  it('warns a captain that cancelling dissolves the team, and does nothing when they decline', async () => {
    signIn();
    taroTest.setRouterParams({ id: ENTRY_ID });
    const posted: string[] = [];
    taroTest.respondWith(({ method, path }) => {
      if (method === 'POST') posted.push(path);
      if (path === '/api/activities/entries/mine')
        return { statusCode: 200, data: { items: [teamEntry('captain')], nextCursor: null } };
      if (path === '/api/activities/teams/mine') return { statusCode: 200, data: team() };
      return { statusCode: 200, data: detail({ groups: [teamGroup()] }) };
    });
    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<EntryPage />);
    await screen.findByTestId('team-panel');
    fireEvent.click(screen.getByTestId('entry-cancel'));
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ content: expect.stringContaining('取消后队伍将解散') }),
      ),
    );
    expect(posted).toHaveLength(0);
  });
});

describe('我的活动的分类', () => {
  it('files each status under its tab and shows it in the member’s words', async () => {
    signIn();
    const id = (n: number) => `64b7f0c2a1b2c3d4e5f6b1${String(n).padStart(2, '0')}`;
    const items: ActivityEntry[] = [
      teamEntry('member', { id: id(1), status: 'confirmed', statusText: '已报名' }),
      entry({ id: id(2), status: 'waitlisted', statusText: '候补第2位', waitlistPosition: 2 }),
      entry({ id: id(3), status: 'awaiting_draw', statusText: '待抽签' }),
      entry({ id: id(4), status: 'confirmed', statusText: '中签' }),
      entry({ id: id(5), status: 'not_drawn', statusText: '未中签', canCancel: false }),
      entry({
        id: id(6),
        status: 'offered',
        statusText: '待确认（截止 12月3日 18:00）',
        offeredUntil: '2026-12-03T10:00:00.000Z',
      }),
      entry({ id: id(7), status: 'cancelled', statusText: '已取消', canCancel: false }),
      entry({ id: id(8), status: 'checked_in', statusText: '已签到', canCancel: false }),
      entry({ id: id(9), status: 'completed', statusText: '已完成', canCancel: false }),
    ];
    // The BFF filters by tab (statusesInTab); this stand-in does the same with the shared rule.
    const asked: string[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path !== '/api/activities/entries/mine') return { statusCode: 200, data: { items: [] } };
      const tab = (new URLSearchParams(query).get('tab') ?? 'all') as EntryTab;
      asked.push(tab);
      const listed = items.filter((item) => statusesInTab(tab).includes(item.status));
      return { statusCode: 200, data: { items: listed, nextCursor: null } };
    });
    render(<MyActivitiesPage />);
    const shown = () => screen.queryAllByTestId('my-entry-status').map((s) => s.textContent);
    await screen.findAllByTestId('my-entry');
    expect(shown()).toEqual(items.map((item) => item.statusText));
    expect(within(screen.getAllByTestId('my-entry')[0]!).getByTestId('my-entry-team').textContent).toBe(
      '队伍「飞鹰队」· 队员 · 1人（需3–5人） · 邀请码 K7M2QX',
    );

    fireEvent.click(screen.getByTestId('my-activities-tab-active'));
    await waitFor(() => expect(shown()).toEqual(['已报名', '中签', '待确认（截止 12月3日 18:00）', '已签到']));
    fireEvent.click(screen.getByTestId('my-activities-tab-waiting'));
    await waitFor(() => expect(shown()).toEqual(['候补第2位', '待抽签']));
    fireEvent.click(screen.getByTestId('my-activities-tab-ended'));
    await waitFor(() => expect(shown()).toEqual(['未中签', '已取消', '已完成']));
    expect(asked).toEqual(['all', 'active', 'waiting', 'ended']);
  });
});
