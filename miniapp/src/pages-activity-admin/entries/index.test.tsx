import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { ACTIVITY_ID, activityGroup, ENTRY_ID, staffActivity, staffEntry } from '../../../test/activity-admin-fixtures';
import { apiError } from '../../../test/fixtures';
import { signInAs, unionStaff } from '../../../test/staff-fixtures';
import { queryOf } from '../../../test/station-fixtures';
import { taroTest, type MockResponse } from '../../../test/taro-mock';
import ActivityEntriesPage from './index';

const BASE = `/api/staff/activities/${ACTIVITY_ID}`;

interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

/** The BFF for one activity; `answer` may take over any call (return undefined to fall through). */
function serve(
  activity = staffActivity(),
  answer: (call: Call) => MockResponse | undefined = () => undefined,
  entries = [staffEntry()],
) {
  const calls: Call[] = [];
  taroTest.respondWith(({ method, path, query, body }) => {
    const call = { method, path, query: queryOf(query), body };
    calls.push(call);
    const taken = answer(call);
    if (taken) return taken;
    if (method === 'GET' && path === BASE) return { statusCode: 200, data: activity };
    if (method === 'GET' && path === `${BASE}/entries`) {
      return { statusCode: 200, data: { items: entries, nextCursor: null } };
    }
    return { statusCode: 200, data: staffEntry({ status: 'cancelled' }) };
  });
  return calls;
}

function open() {
  signInAs(unionStaff());
  taroTest.setRouterParams({ id: ACTIVITY_ID });
  render(<ActivityEntriesPage />);
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('报名名单审核', () => {
  it('asks for a reason before rejecting, then sends it', async () => {
    const calls = serve();
    open();

    fireEvent.click(await screen.findByTestId('entry-reject'));
    fireEvent.click(screen.getByTestId('entry-reject-confirm'));
    expect((await screen.findByTestId('entry-reject-reason-error')).textContent).toBe('请说明不通过的原因');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    type('entry-reject-reason', '不符合年龄要求');
    fireEvent.click(screen.getByTestId('entry-reject-confirm'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        expect.objectContaining({
          path: `${BASE}/entries/${ENTRY_ID}/review`,
          body: { decision: 'reject', reason: '不符合年龄要求' },
        }),
      ]),
    );
  });

  it('filters by group and status together', async () => {
    const calls = serve(
      staffActivity({ groups: [activityGroup(), activityGroup({ id: 'doubles', name: '男子双打' })] }),
    );
    open();

    fireEvent.click(await screen.findByTestId('entry-group-doubles'));
    fireEvent.click(screen.getByTestId('entry-status-waitlisted'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === `${BASE}/entries`).at(-1)?.query).toEqual({
        limit: '20',
        groupId: 'doubles',
        status: 'waitlisted',
      }),
    );
  });
});

describe('报名名单搜索', () => {
  it('searches by member number or name together with the filters and says when nobody matches', async () => {
    const calls = serve(undefined, (call) =>
      call.path === `${BASE}/entries` && call.query.q
        ? { statusCode: 200, data: { items: [], nextCursor: null } }
        : undefined,
    );
    open();

    expect(screen.getByTestId('entry-search').getAttribute('placeholder')).toBe('会员号或姓名');
    fireEvent.click(await screen.findByTestId('entry-status-confirmed'));
    type('entry-search', ' 0042 ');
    fireEvent.click(screen.getByTestId('entry-search-submit'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === `${BASE}/entries`).at(-1)?.query).toEqual({
        limit: '20',
        status: 'confirmed',
        q: '0042',
      }),
    );
    expect((await screen.findByText('没有找到该会员的报名')).className).toContain('notice');
  });

  it('goes back to the whole list when the search is cleared', async () => {
    const calls = serve();
    open();

    type('entry-search', '王建国');
    fireEvent.click(screen.getByTestId('entry-search-submit'));
    await waitFor(() => expect(calls.filter((c) => c.path === `${BASE}/entries`).at(-1)?.query.q).toBe('王建国'));
    type('entry-search', '  ');
    fireEvent.click(screen.getByTestId('entry-search-submit'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === `${BASE}/entries`).at(-1)?.query).toEqual({ limit: '20' }),
    );
    expect(await screen.findByTestId('entry-item')).toBeTruthy();
  });
});

describe('移除报名', () => {
  it('sends nothing until a reason of at least two characters is given', async () => {
    const calls = serve(undefined, undefined, [staffEntry({ status: 'confirmed', statusText: '已报名' })]);
    open();

    fireEvent.click(await screen.findByTestId('entry-remove'));
    type('entry-remove-reason', '重');
    fireEvent.click(screen.getByTestId('entry-remove-confirm'));
    expect(screen.getByTestId('entry-remove-reason-error').textContent).toBe('请说明移除的原因（至少2个字）');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    type('entry-remove-reason', '重复报名');
    fireEvent.click(screen.getByTestId('entry-remove-confirm'));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        expect.objectContaining({ path: `${BASE}/entries/${ENTRY_ID}/remove`, body: { reason: '重复报名' } }),
      ]),
    );
  });

  it('offers no removal for an entry that has already ended', async () => {
    serve(undefined, undefined, [staffEntry({ status: 'completed', statusText: '已完成' })]);
    open();

    await screen.findByTestId('entry-item');
    expect(screen.queryByTestId('entry-remove')).toBeNull();
  });
});

describe('导出名单', () => {
  const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
  const rosterAnswer = (call: Call) => (call.path === `${BASE}/roster` ? { statusCode: 200, data: sheet } : undefined);

  it('exports masked by default, without any reason', async () => {
    process.env.TARO_ENV = 'weapp';
    const calls = serve(undefined, rosterAnswer);
    open();

    fireEvent.click(await screen.findByTestId('roster-export-masked'));
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(calls.filter((c) => c.path === `${BASE}/roster`).map((c) => c.query)).toEqual([{ status: 'all' }]);
  });

  it('asks why before downloading the full names and numbers, and sends the reason', async () => {
    process.env.TARO_ENV = 'weapp';
    const calls = serve(undefined, rosterAnswer);
    open();

    fireEvent.click(await screen.findByTestId('roster-reveal'));
    fireEvent.click(screen.getByTestId('roster-reveal-confirm'));
    expect(screen.getByTestId('roster-reveal-reason-error').textContent).toBe('查看完整信息请说明原因（至少2个字）');
    type('roster-reveal-reason', '保');
    fireEvent.click(screen.getByTestId('roster-reveal-confirm'));
    expect(screen.getByTestId('roster-reveal-reason-error').textContent).toBe('查看完整信息请说明原因（至少2个字）');
    expect(calls.filter((c) => c.path === `${BASE}/roster`)).toHaveLength(0);

    type('roster-reveal-reason', '购买活动保险');
    fireEvent.click(screen.getByTestId('roster-reveal-confirm'));
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(calls.filter((c) => c.path === `${BASE}/roster`).map((c) => c.query)).toEqual([
      { status: 'all', revealReason: '购买活动保险' },
    ]);
    const filePath = vi.mocked(Taro.openDocument).mock.calls[0]![0].filePath;
    expect(taroTest.files.get(filePath)).toBe(sheet);
  });
});

describe('开奖', () => {
  const closedLottery = () =>
    staffActivity({
      signUpState: 'closed',
      groups: [activityGroup({ allocation: 'lottery', allocationLabel: '抽签' })],
    });
  const draws = (calls: Call[]) => calls.filter((c) => c.path === `${BASE}/lottery/draw`);

  it('is offered only for a lottery group once sign-up has closed', async () => {
    serve(staffActivity({ groups: [activityGroup({ allocation: 'lottery', allocationLabel: '抽签' })] }));
    open();
    await screen.findByTestId('entry-item');
    expect(screen.queryByTestId('lottery-draw-button')).toBeNull();
  });

  it('draws only after the organiser confirms, and shows how many were drawn', async () => {
    const calls = serve(closedLottery(), (call) =>
      call.path === `${BASE}/lottery/draw`
        ? { statusCode: 200, data: { drawnAt: '2026-12-10T10:05:00.000Z', drawn: 57, winners: 32 } }
        : undefined,
    );
    open();

    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    fireEvent.click(await screen.findByTestId('lottery-draw-button'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(draws(calls)).toHaveLength(0);

    fireEvent.click(screen.getByTestId('lottery-draw-button'));
    expect((await screen.findByTestId('lottery-draw-result')).textContent).toBe(
      '已开奖：共 57 条报名参与抽签，中签 32 人',
    );
    expect(draws(calls)).toHaveLength(1);
  });

  it("shows the BFF's message when the lottery was already drawn (409)", async () => {
    serve(closedLottery(), (call) =>
      call.path === `${BASE}/lottery/draw` ? apiError(409, 'lottery_drawn', '本活动已开奖，不能重复开奖') : undefined,
    );
    open();

    fireEvent.click(await screen.findByTestId('lottery-draw-button'));
    expect((await screen.findByTestId('lottery-draw-notice')).textContent).toBe('本活动已开奖，不能重复开奖');
    expect(screen.queryByTestId('lottery-draw-result')).toBeNull();
  });
});

describe('代报名入口', () => {
  it('opens the on-behalf form for this activity', async () => {
    serve();
    open();
    fireEvent.click(await screen.findByTestId('entries-on-behalf'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages-activity-admin/on-behalf/index?id=${ACTIVITY_ID}` });
  });
});
