import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { QuizAttempt } from '@union/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signIn } from '../../../test/fixtures';
import { ATTEMPT_ID, openAttempt, QUESTION_IDS, submittedAttempt } from '../../../test/quiz-fixtures';
import { taroTest } from '../../../test/taro-mock';
import { ROUTES } from '../../routes';
import QuizAnswerPage from './index';
import { SAVE_DELAY_MS } from './use-answer-sync';

const SERVER_NOW = '2026-12-04T02:00:00.000Z';
const ATTEMPT_PATH = `/api/quiz-attempts/${ATTEMPT_ID}`;

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });
}

interface Calls {
  saves: Record<string, string[]>[];
  submits: Record<string, string[]>[];
}

/** The BFF for one attempt: saves answer with the server's time, as the real one does. */
function serveAttempt(attempt: QuizAttempt, options: { saveStatus?: number } = {}): Calls {
  const calls: Calls = { saves: [], submits: [] };
  const serverOffset = Date.parse(attempt.serverNow) - Date.now();
  taroTest.respondWith(({ method, path, body }) => {
    if (method === 'GET' && path === ATTEMPT_PATH) return { statusCode: 200, data: attempt };
    if (method === 'PUT' && path === `${ATTEMPT_PATH}/answers`) {
      const { answers } = body as { answers: Record<string, string[]> };
      calls.saves.push(answers);
      if (options.saveStatus === 409)
        return { statusCode: 409, data: { error: { code: 'quiz_time_up', message: '答题时间已到' } } };
      return {
        statusCode: 200,
        data: {
          savedAt: new Date(Date.now() + serverOffset).toISOString(),
          answeredCount: Object.keys(answers).length,
          deadline: attempt.deadline,
          serverNow: new Date(Date.now() + serverOffset).toISOString(),
        },
      };
    }
    if (method === 'POST' && path === `${ATTEMPT_PATH}/submit`) {
      calls.submits.push((body as { answers: Record<string, string[]> }).answers);
      return { statusCode: 200, data: submittedAttempt() };
    }
    return { statusCode: 404, data: null };
  });
  return calls;
}

const countdown = () => screen.getByTestId('quiz-countdown').textContent;

describe('答题', () => {
  beforeEach(() => {
    signIn();
    taroTest.setRouterParams({ id: ATTEMPT_ID });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down from the server’s deadline even when the phone’s clock is five minutes slow', async () => {
    // The phone reads 09:55 while the server reads 10:00; the deadline is 10:15 server time.
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) - 5 * 60_000 });
    serveAttempt(openAttempt(SERVER_NOW, 15 * 60));
    render(<QuizAnswerPage />);
    await advance(0);

    expect(countdown()).toBe('15:00');
    await advance(10_000);
    expect(countdown()).toBe('14:50');
  });

  it('hands in what it has at zero, with a phone clock running fast, and shows the result', async () => {
    // Five minutes fast: by its own clock the deadline passed long ago, yet 30 s remain.
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) + 5 * 60_000 });
    const calls = serveAttempt(openAttempt(SERVER_NOW, 30));
    render(<QuizAnswerPage />);
    await advance(0);
    expect(countdown()).toBe('00:30');
    expect(calls.submits).toHaveLength(0);

    fireEvent.click(screen.getByTestId('quiz-option-C'));
    await advance(29_000);
    // Answers left unsaved go up before the deadline: a submission arriving after it counts only what was saved.
    expect(calls.saves).toEqual([{ [QUESTION_IDS[0]]: ['C'] }]);
    expect(calls.submits).toHaveLength(0);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '距答题结束还剩1分钟，请抓紧时间' }));

    await advance(1_000);
    expect(calls.submits).toEqual([{ [QUESTION_IDS[0]]: ['C'] }]);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.quizResult}?id=${ATTEMPT_ID}` });
  });

  it('saves changed answers in one batch, not on every tap, and at once when moving on', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    const calls = serveAttempt(openAttempt(SERVER_NOW, 15 * 60));
    render(<QuizAnswerPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('quiz-option-A'));
    fireEvent.click(screen.getByTestId('quiz-option-B'));
    await advance(1_000);
    expect(calls.saves).toHaveLength(0);
    expect(screen.getByTestId('quiz-save-state').textContent).toBe('待保存');

    fireEvent.click(screen.getByTestId('quiz-next'));
    await advance(0);
    expect(calls.saves).toEqual([{ [QUESTION_IDS[0]]: ['B'] }]);
    expect(screen.getByTestId('quiz-save-state').textContent).toBe('已保存');

    // 多选: each tap toggles an option; the batch leaves a few seconds after the first change.
    fireEvent.click(screen.getByTestId('quiz-option-D'));
    fireEvent.click(screen.getByTestId('quiz-option-A'));
    expect(screen.getByTestId('quiz-option-A').getAttribute('aria-checked')).toBe('true');
    await advance(SAVE_DELAY_MS);
    expect(calls.saves).toEqual([{ [QUESTION_IDS[0]]: ['B'] }, { [QUESTION_IDS[1]]: ['A', 'D'] }]);
  });

  it('marks answered questions on the answer sheet and jumps to one', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    serveAttempt(openAttempt(SERVER_NOW, 15 * 60));
    render(<QuizAnswerPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('quiz-option-A'));
    fireEvent.click(screen.getByTestId('quiz-sheet-toggle'));
    const cells = screen.getAllByTestId('answer-sheet-cell');
    expect(cells.map((cell) => cell.getAttribute('data-state'))).toEqual(['answered', 'unanswered', 'unanswered']);
    expect(screen.getByTestId('answer-sheet').textContent).toContain('已答 1 / 3');

    fireEvent.click(cells[2]!);
    await advance(0);
    expect(screen.getByTestId('quiz-stem').textContent).toBe('工会会员有权对工会工作提出批评和建议。');
  });

  it('resumes an open attempt after a reload: the server’s answers, plus changes it had not yet received', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    taroTest.storage.set(`union.quiz.unsaved.${ATTEMPT_ID}`, { [QUESTION_IDS[2]]: ['B'] });
    const calls = serveAttempt(openAttempt(SERVER_NOW, 8 * 60, { saved: { [QUESTION_IDS[0]]: ['A'] } }));
    render(<QuizAnswerPage />);
    await advance(0);

    expect(countdown()).toBe('08:00');
    expect(screen.getByTestId('quiz-option-A').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('quiz-sheet-toggle'));
    expect(screen.getAllByTestId('answer-sheet-cell').map((cell) => cell.getAttribute('data-state'))).toEqual([
      'answered',
      'unanswered',
      'answered',
    ]);

    await advance(SAVE_DELAY_MS);
    expect(calls.saves).toEqual([{ [QUESTION_IDS[2]]: ['B'] }]);
    expect(taroTest.storage.has(`union.quiz.unsaved.${ATTEMPT_ID}`)).toBe(false);
  });

  it('asks before handing in, naming how many questions are unanswered', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    const calls = serveAttempt(openAttempt(SERVER_NOW, 15 * 60));
    vi.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    render(<QuizAnswerPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('quiz-option-B'));
    fireEvent.click(screen.getByTestId('quiz-submit'));
    await advance(0);
    expect(Taro.showModal).toHaveBeenCalledWith({
      title: '交卷',
      content: '还有 2 题未作答，交卷后不能修改。确定交卷吗？',
    });
    expect(calls.submits).toHaveLength(0);

    fireEvent.click(screen.getByTestId('quiz-submit'));
    await advance(0);
    expect(calls.submits).toEqual([{ [QUESTION_IDS[0]]: ['B'] }]);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.quizResult}?id=${ATTEMPT_ID}` });
  });

  it('hands in when the server says time is up on a save', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    const calls = serveAttempt(openAttempt(SERVER_NOW, 15 * 60), { saveStatus: 409 });
    render(<QuizAnswerPage />);
    await advance(0);

    fireEvent.click(screen.getByTestId('quiz-option-A'));
    fireEvent.click(screen.getByTestId('quiz-next'));
    await advance(0);
    expect(calls.submits).toHaveLength(1);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.quizResult}?id=${ATTEMPT_ID}` });
  });

  it('goes to the result when the attempt was already handed in', async () => {
    vi.useFakeTimers({ now: Date.parse(SERVER_NOW) });
    serveAttempt(submittedAttempt());
    render(<QuizAnswerPage />);
    await advance(0);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.quizResult}?id=${ATTEMPT_ID}` });
  });
});
