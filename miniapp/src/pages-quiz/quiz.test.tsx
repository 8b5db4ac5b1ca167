import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { describe, expect, it, vi } from 'vitest';
import { signIn } from '../../test/fixtures';
import { ATTEMPT_ID, QUIZ_ID, quizDetail, ranking, submittedAttempt } from '../../test/quiz-fixtures';
import { queryOf } from '../../test/station-fixtures';
import { taroTest } from '../../test/taro-mock';
import { ROUTES } from '../routes';
import QuizDetailPage from './detail/index';
import QuizListPage from './list/index';
import QuizRankingPage from './ranking/index';
import QuizResultPage from './result/index';

describe('知识竞赛列表', () => {
  it('shows each quiz with its window, size, time limit, attempts left and my best', async () => {
    signIn();
    const states: string[] = [];
    taroTest.respondWith(({ path, query }) => {
      if (path !== '/api/quizzes') return { statusCode: 404, data: null };
      const state = queryOf(query).state ?? '';
      states.push(state);
      if (state === 'ended') return { statusCode: 200, data: { items: [], nextCursor: null } };
      const { attemptsUsed: _, ...summary } = quizDetail();
      return {
        statusCode: 200,
        data: { items: [{ ...summary, attemptsUsed: 1, bestScore: 86 }], nextCursor: null } as unknown,
      };
    });
    render(<QuizListPage />);
    const card = await screen.findByTestId('quiz-card');
    expect(card.textContent).toContain('2026-12-01 09:00 至 2026-12-15 18:00');
    expect(card.textContent).toContain('20题 · 限时15分钟 · 满分100分');
    expect(within(card).getByTestId('quiz-card-state').textContent).toBe('剩余1次 · 最好成绩86分');

    fireEvent.click(screen.getByTestId('quiz-tab-ended'));
    await screen.findByTestId('quiz-list-empty');
    expect(states).toEqual(['open', 'ended']);
  });
});

describe('竞赛详情', () => {
  it('starts an attempt only after the member confirms that the clock starts, then opens the paper', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    const starts: unknown[] = [];
    taroTest.respondWith(({ method, path, body }) => {
      if (method === 'GET' && path === `/api/quizzes/${QUIZ_ID}`) return { statusCode: 200, data: quizDetail() };
      if (method === 'POST' && path === `/api/quizzes/${QUIZ_ID}/attempts`) {
        starts.push(body);
        return { statusCode: 200, data: { id: ATTEMPT_ID } };
      }
      return { statusCode: 404, data: null };
    });
    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<QuizDetailPage />);
    expect((await screen.findByTestId('quiz-rules')).textContent).toContain('安全生产 · 多选题 5题，每题6分');
    expect(screen.getByTestId('quiz-attempts-left').textContent).toBe('已答0次，还可答2次');

    fireEvent.click(screen.getByTestId('quiz-start'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('开始后立即计时') as unknown }),
    );
    expect(starts).toHaveLength(0);

    fireEvent.click(screen.getByTestId('quiz-start'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.quizAnswer}?id=${ATTEMPT_ID}` }));
    expect(starts[0]).toEqual({ requestId: expect.stringMatching(/^quiz-/) as unknown });
  });

  it('offers to continue an attempt still open instead of starting another', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    taroTest.respondWith(() => ({
      statusCode: 200,
      data: quizDetail({ openAttemptId: ATTEMPT_ID, attemptsUsed: 1, attemptsLeft: 1 }),
    }));
    render(<QuizDetailPage />);
    fireEvent.click(await screen.findByTestId('quiz-resume'));
    expect(screen.queryByTestId('quiz-start')).toBeNull();
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${ROUTES.quizAnswer}?id=${ATTEMPT_ID}` });
  });

  it('says why I cannot start', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    taroTest.respondWith(() => ({
      statusCode: 200,
      data: quizDetail({
        attemptsUsed: 2,
        attemptsLeft: 0,
        startProblem: '您的答题次数已用完',
        best: { score: 90, durationSeconds: 401, rank: 3 },
      }),
    }));
    render(<QuizDetailPage />);
    expect((await screen.findByTestId('quiz-start-problem')).textContent).toBe('您的答题次数已用完');
    expect(screen.getByTestId('quiz-best').textContent).toBe('最好成绩：90分，用时6分41秒，总排名第3名');
    expect(screen.queryByTestId('quiz-start')).toBeNull();
  });
});

describe('答题结果', () => {
  it('shows score and time used, each answer against the key, and the explanation when asked', async () => {
    signIn();
    taroTest.setRouterParams({ id: ATTEMPT_ID });
    taroTest.respondWith(() => ({ statusCode: 200, data: submittedAttempt() }));
    render(<QuizResultPage />);
    expect((await screen.findByTestId('quiz-score-value')).textContent).toBe('2分');
    expect(screen.getByTestId('quiz-score-detail').textContent).toBe('答对 1 / 3 题 · 用时 6分12秒');

    const reviews = screen.getAllByTestId('quiz-review');
    expect(reviews.map((r) => r.getAttribute('data-correct'))).toEqual(['true', 'false', 'false']);
    const second = reviews[1]!;
    expect(within(second).getByTestId('quiz-review-answers').textContent).toBe('我的答案：AC，正确答案：ACD');
    expect(within(second).queryByTestId('quiz-review-explanation')).toBeNull();
    fireEvent.click(within(second).getByTestId('quiz-review-toggle'));
    expect(within(second).getByTestId('quiz-review-explanation').textContent).toBe(
      '绝缘手套也是劳动防护用品，多选题须全部选对才得分。',
    );
    expect(within(reviews[2]!).getByTestId('quiz-review-answers').textContent).toBe('我的答案：未作答，正确答案：A');
  });

  it('shows only the score when the organiser keeps the key private', async () => {
    signIn();
    taroTest.setRouterParams({ id: ATTEMPT_ID });
    const attempt = submittedAttempt();
    taroTest.respondWith(() => ({
      statusCode: 200,
      data: { ...attempt, result: { ...attempt.result!, review: null } },
    }));
    render(<QuizResultPage />);
    expect((await screen.findByTestId('quiz-no-review')).textContent).toBe('本次竞赛不公布标准答案与解析');
    expect(screen.queryAllByTestId('quiz-review')).toHaveLength(0);
  });
});

describe('排行榜', () => {
  it('shows masked names, pins my own rank, and switches to my org', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    const scopes: (string | undefined)[] = [];
    taroTest.respondWith(({ query }) => {
      const orgId = queryOf(query).orgId;
      scopes.push(orgId);
      return {
        statusCode: 200,
        data: orgId ? ranking({ scope: { orgId, orgName: '西湖区总工会' }, participants: 12 }) : ranking(),
      };
    });
    render(<QuizRankingPage />);
    const rows = await screen.findAllByTestId('quiz-rank-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      '1王*西溪街道总工会100分5分01秒',
      '2李*西溪街道总工会95分5分02秒',
    ]);
    expect(screen.getByTestId('quiz-rank-me').textContent).toContain('37张*（我）');

    fireEvent.click(screen.getByTestId('quiz-rank-scope-64b7f0c2a1b2c3d4e5f60101'));
    await waitFor(() =>
      expect(screen.getByTestId('quiz-rank-participants').textContent).toBe('西湖区总工会 · 共12人参赛'),
    );
    expect(scopes).toEqual([undefined, '64b7f0c2a1b2c3d4e5f60101']);
  });

  it('marks my row in the list instead of pinning it when I am among the top', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    const top = ranking().items[0]!;
    taroTest.respondWith(() => ({ statusCode: 200, data: ranking({ me: top }) }));
    render(<QuizRankingPage />);
    const rows = await screen.findAllByTestId('quiz-rank-row');
    expect(rows[0]!.textContent).toContain('王*（我）');
    expect(rows[1]!.textContent).not.toContain('（我）');
    expect(screen.queryByTestId('quiz-rank-me')).toBeNull();
  });

  it('does not offer the whole audience twice: 总排名 is that org', async () => {
    signIn();
    taroTest.setRouterParams({ id: QUIZ_ID });
    const overall = ranking().scope;
    taroTest.respondWith(() => ({ statusCode: 200, data: ranking({ scopes: [overall, ...ranking().scopes] }) }));
    render(<QuizRankingPage />);
    await screen.findAllByTestId('quiz-rank-row');
    expect(screen.queryByTestId(`quiz-rank-scope-${overall.orgId}`)).toBeNull();
    expect(screen.getByTestId('quiz-rank-scope-64b7f0c2a1b2c3d4e5f60101')).toBeTruthy();
  });
});
