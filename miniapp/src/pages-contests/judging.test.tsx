import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { CONTEST_ID, ENTRANT_ID, judgeContest, judgeRound, SHEET_PATH, scoreSheet } from '../../test/contest-fixtures';
import { apiError, signIn } from '../../test/fixtures';
import { taroTest, type MockResponse } from '../../test/taro-mock';
import JudgeBindPage from './judge-bind/index';
import JudgingPage from './judging/index';
import ScoreSheetPage from './score-sheet/index';

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

interface Call {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** Serves the sheet page: GET answers `current()`, writes go to `write` (default: echo as saved). */
function serveSheet(current: () => MockResponse, write?: (call: Call) => MockResponse) {
  const writes: Call[] = [];
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET' && path === SHEET_PATH) return current();
    if (path.startsWith(SHEET_PATH)) {
      const call = { method, path, body: body as Record<string, unknown> };
      writes.push(call);
      return write?.(call) ?? { statusCode: 200, data: scoreSheet() };
    }
    return { statusCode: 404, data: null };
  });
  return writes;
}

function openSheet() {
  signIn();
  taroTest.setRouterParams({ id: CONTEST_ID, roundId: 'practice', entrantId: ENTRANT_ID });
  render(<ScoreSheetPage />);
}

describe('评委绑定与竞赛列表', () => {
  it('checks the code before sending and opens the contest once bound', async () => {
    signIn();
    const sent: unknown[] = [];
    taroTest.respondWith(({ path, body }) => {
      sent.push(body);
      return path === '/api/contest-judging/bind'
        ? { statusCode: 200, data: judgeContest() }
        : { statusCode: 404, data: null };
    });
    render(<JudgeBindPage />);
    fireEvent.click(screen.getByTestId('judge-bind'));
    expect(screen.getByTestId('judge-code-error').textContent).toBe('邀请码格式不正确');
    expect(sent).toHaveLength(0);

    type('judge-code-input', 'k7m2p9qx');
    type('judge-name-input', '吴');
    fireEvent.click(screen.getByTestId('judge-bind'));
    expect(screen.getByTestId('judge-name-input-error').textContent).toBe('姓名至少2个字');
    expect(sent).toHaveLength(0);

    type('judge-name-input', '吴建国');
    fireEvent.click(screen.getByTestId('judge-bind'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
    expect(sent).toEqual([{ code: 'K7M2P9QX', displayName: '吴建国' }]);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/pages-contests/judging/index?id=${CONTEST_ID}` });
  });

  it('lists my rounds with how many sheets I have submitted', async () => {
    signIn();
    taroTest.respondWith(() => ({ statusCode: 200, data: { items: [judgeContest()] } }));
    render(<JudgingPage />);
    const round = await screen.findByTestId('judging-round-practice');
    expect(round.textContent).toContain('实操（评分中）');
    expect(round.textContent).toContain('已交 1/3');
    fireEvent.click(round);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-contests/judge-round/index?id=${CONTEST_ID}&roundId=practice`,
    });
  });
});

describe('评分表', () => {
  it('shows each item with its maximum, adds up as the judge types and flags a score over the maximum', async () => {
    serveSheet(() => ({ statusCode: 200, data: scoreSheet() }));
    openSheet();
    expect((await screen.findByTestId('sheet-quality-max')).textContent).toBe('满分 40');
    expect(screen.getByTestId('sheet-total').textContent).toBe('—');

    type('sheet-norms', '25');
    type('sheet-quality', '38.5');
    type('sheet-time', '18');
    expect(screen.getByTestId('sheet-total').textContent).toBe('—');
    type('sheet-safety', '9');
    expect(screen.getByTestId('sheet-total').textContent).toBe('90.5');

    type('sheet-quality', '45');
    expect(screen.getByTestId('sheet-quality-error').textContent).toBe('分数不能超过满分40');
    type('sheet-quality', '40');
    expect(screen.queryByTestId('sheet-quality-error')).toBeNull();
    expect(screen.getByTestId('sheet-total').textContent).toBe('92');
  });

  it('asks before submitting, sends nothing when the judge backs out, and submits the scores with the revision', async () => {
    const writes = serveSheet(
      () => ({ statusCode: 200, data: scoreSheet({ revision: 2 }) }),
      () => ({
        statusCode: 200,
        data: scoreSheet({ status: 'submitted', revision: 3, canEdit: false, canCorrect: true, total: 80 }),
      }),
    );
    openSheet();
    await screen.findByTestId('sheet-norms');
    fireEvent.click(screen.getByTestId('sheet-submit'));
    expect(screen.getByTestId('sheet-safety-error').textContent).toBe('请填写分数');
    expect(Taro.showModal).not.toHaveBeenCalled();

    type('sheet-norms', '20');
    type('sheet-quality', '30');
    type('sheet-time', '20');
    type('sheet-safety', '10');
    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    fireEvent.click(screen.getByTestId('sheet-submit'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(writes).toHaveLength(0);

    fireEvent.click(screen.getByTestId('sheet-submit'));
    await waitFor(() => expect(screen.getByTestId('sheet-status').textContent).toBe('已提交'));
    expect(Taro.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '提交评分', content: expect.stringContaining('更正原因') }),
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]!.path).toBe(`${SHEET_PATH}/submit`);
    expect(writes[0]!.body).toMatchObject({
      items: { norms: 20, quality: 30, time: 20, safety: 10 },
      revision: 2,
      requestId: expect.stringMatching(/^sheet-/),
    });
    expect(screen.queryByTestId('sheet-submit')).toBeNull();
    expect(screen.getByTestId('sheet-correct')).toBeTruthy();
  });

  it('sends the same request id again when the first submit got no answer', async () => {
    let attempts = 0;
    const writes = serveSheet(
      () => ({
        statusCode: 200,
        data: scoreSheet({ scores: { items: { norms: 1, quality: 2, time: 3, safety: 4 }, value: null } }),
      }),
      () => {
        attempts += 1;
        if (attempts === 1) throw new Error('timeout');
        return { statusCode: 200, data: scoreSheet({ status: 'submitted', canEdit: false }) };
      },
    );
    openSheet();
    await screen.findByTestId('sheet-norms');
    fireEvent.click(screen.getByTestId('sheet-submit'));
    expect((await screen.findByTestId('sheet-notice')).textContent).toContain('网络不可用');
    fireEvent.click(screen.getByTestId('sheet-submit'));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]!.body.requestId).toBe(writes[0]!.body.requestId);
  });

  it('reloads the latest sheet and says so when another device saved it first', async () => {
    let latest = scoreSheet({ revision: 1, status: 'draft', scores: { items: { norms: 10 }, value: null } });
    const writes = serveSheet(
      () => ({ statusCode: 200, data: latest }),
      () => {
        latest = scoreSheet({
          revision: 2,
          status: 'draft',
          scores: { items: { norms: 28, quality: 35 }, value: null },
        });
        return apiError(409, 'sheet_changed', '评分表已在其他设备更新');
      },
    );
    openSheet();
    expect(((await screen.findByTestId('sheet-norms')) as HTMLInputElement).value).toBe('10');
    type('sheet-norms', '12');
    fireEvent.click(screen.getByTestId('sheet-save'));

    expect((await screen.findByTestId('sheet-notice')).textContent).toBe(
      '这张评分表已在其他设备保存，已载入最新内容，请核对后再操作',
    );
    expect((screen.getByTestId('sheet-norms') as HTMLInputElement).value).toBe('28');
    expect((screen.getByTestId('sheet-quality') as HTMLInputElement).value).toBe('35');
    expect(writes[0]!.body).toMatchObject({ revision: 1, items: { norms: 12 } });
  });

  it('corrects a submitted sheet only with a reason of at least four characters', async () => {
    const submitted = scoreSheet({
      status: 'submitted',
      canEdit: false,
      canCorrect: true,
      revision: 4,
      scores: { items: { norms: 20, quality: 30, time: 20, safety: 10 }, value: null },
      total: 80,
    });
    const writes = serveSheet(
      () => ({ statusCode: 200, data: submitted }),
      () => ({
        statusCode: 200,
        data: {
          ...submitted,
          revision: 5,
          scores: { items: { norms: 25, quality: 30, time: 20, safety: 10 }, value: null },
          corrections: [
            {
              at: '2026-12-04T08:00:00.000Z',
              by: '吴评委',
              reason: '录入错误',
              before: { ...submitted.scores, total: 80 },
              after: { items: { norms: 25, quality: 30, time: 20, safety: 10 }, value: null, total: 85 },
            },
          ],
        },
      }),
    );
    openSheet();
    await screen.findByTestId('sheet-norms');
    expect(screen.queryByTestId('sheet-save')).toBeNull();
    expect(screen.queryByTestId('sheet-submit')).toBeNull();
    fireEvent.click(screen.getByTestId('sheet-correct'));
    type('sheet-norms', '25');
    type('sheet-correct-reason', '错了');
    fireEvent.click(screen.getByTestId('sheet-correct-confirm'));
    expect(screen.getByTestId('sheet-correct-reason-error').textContent).toBe('更正原因至少4个字');
    expect(writes).toHaveLength(0);

    fireEvent.click(screen.getByTestId('sheet-correct-reason-pick-0'));
    fireEvent.click(screen.getByTestId('sheet-correct-confirm'));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]!.path).toBe(`${SHEET_PATH}/correct`);
    expect(writes[0]!.body).toMatchObject({ reason: '录入错误', revision: 4, items: { norms: 25 } });
    expect((await screen.findByTestId('sheet-corrections')).textContent).toContain('80 → 85');
  });

  it("shows other judges' scores only when the server gives them", async () => {
    const submitted = { status: 'submitted' as const, canEdit: false, round: judgeRound() };
    serveSheet(() => ({ statusCode: 200, data: scoreSheet(submitted) }));
    openSheet();
    await screen.findByTestId('sheet-others-hidden');
    expect(screen.queryByTestId('sheet-other')).toBeNull();
    expect(screen.queryByText('郑评委')).toBeNull();

    taroTest.reset();
    serveSheet(() => ({
      statusCode: 200,
      data: scoreSheet({
        ...submitted,
        others: [
          { judgeId: '64b7f0c2a1b2c3d4e5f6c0d2', judgeName: '郑评委', total: 86.5, items: {}, corrected: false },
        ],
      }),
    }));
    openSheet();
    expect((await screen.findAllByTestId('sheet-other')).at(-1)!.textContent).toBe('郑评委86.5');
  });
});
