/**
 * Taking a quiz over HTTP: the paper (no key before submission), papers per member, the
 * server's deadline, saving and submitting (replays answer the same), the attempt limit under
 * parallel starts, a later attempt drawn from unseen questions, and the result with the key and
 * explanations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishExpiredAttempts } from './attempt-finish';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  expireAttempt,
  generatedKey,
  memberSessions,
  organiser,
  publishedQuiz,
  quizInput,
  requestId,
  startAttempt,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];
let quizId: string;

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [key, ...keysOf(child)]);
}

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-quiz');
  members = await memberSessions(api, orgs.xihuTech, 30);
  quizId = await publishedQuiz(api, staff, quizInput(orgs));
}, 60_000);
afterAll(() => api.stop());

describe('starting an attempt', () => {
  it('hands out a paper drawn by the rules, with no key and no explanation, and the server deadline', async () => {
    const before = Date.now();
    const started = await startAttempt(api, members[0]!.token, quizId);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const attempt = started.body;
    expect(attempt.status).toBe('in_progress');
    expect(attempt.questions.map((q: { type: string }) => q.type).sort()).toEqual([
      'multiple',
      'single',
      'single',
      'true_false',
    ]);
    expect(new Set(attempt.questions.map((q: { id: string }) => q.id)).size).toBe(4);
    const keys = keysOf(attempt);
    expect(keys).not.toContain('answer');
    expect(keys).not.toContain('key');
    expect(keys).not.toContain('explanation');
    expect(JSON.stringify(attempt)).not.toContain('解析');
    expect(attempt.result).toBeNull();
    const deadline = Date.parse(attempt.deadline);
    expect(deadline - Date.parse(attempt.startedAt)).toBe(10 * 60_000);
    expect(Date.parse(attempt.serverNow)).toBeGreaterThanOrEqual(before - 1000);
    const judgement = attempt.questions.find((q: { type: string }) => q.type === 'true_false');
    expect(judgement.options).toEqual([
      { letter: 'A', text: '正确' },
      { letter: 'B', text: '错误' },
    ]);
  });

  it('draws different papers for different members', async () => {
    const papers = await Promise.all(
      members.slice(1, 9).map(async (member) => {
        const started = await startAttempt(api, member.token, quizId);
        expect(started.status).toBe(200);
        return started.body.questions.map((q: { id: string }) => q.id).join(',');
      }),
    );
    expect(new Set(papers).size).toBeGreaterThan(1);
  });

  it('answers a replayed start with the same attempt, and a second start while one is open with the open one', async () => {
    const member = members[10]!;
    const id = requestId();
    const first = await startAttempt(api, member.token, quizId, id);
    const replay = await startAttempt(api, member.token, quizId, id);
    const another = await startAttempt(api, member.token, quizId);
    expect(replay.body.id).toBe(first.body.id);
    expect(another.body.id).toBe(first.body.id);
    expect(replay.body.questions).toEqual(first.body.questions);
    const detail = await api.request('GET', `/api/quizzes/${quizId}`, { token: member.token });
    expect(detail.body.attemptsUsed).toBe(1);
    expect(detail.body.openAttemptId).toBe(first.body.id);
  });

  it('holds the attempt limit under parallel starts: ten at once make one attempt, twice, then none', async () => {
    const member = members[11]!;
    const made = new Set<string>();
    for (let round = 0; round < 2; round++) {
      const starts = await Promise.all(Array.from({ length: 10 }, () => startAttempt(api, member.token, quizId)));
      expect(starts.map((start) => start.status)).toEqual(Array(10).fill(200));
      const ids = new Set(starts.map((start) => start.body.id as string));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      made.add(id!);
      const submitted = await api.request('POST', `/api/quiz-attempts/${id}/submit`, { token: member.token, body: {} });
      expect(submitted.status).toBe(200);
    }
    expect(made.size).toBe(2);
    const third = await Promise.all(Array.from({ length: 10 }, () => startAttempt(api, member.token, quizId)));
    expect(third.map((start) => start.status)).toEqual(Array(10).fill(409));
    expect(third[0]!.body.error.message).toBe('答题次数已用完');
    const detail = await api.request('GET', `/api/quizzes/${quizId}`, { token: member.token });
    expect(detail.body.attemptsUsed).toBe(2);
    expect(detail.body.attempts).toHaveLength(2);
    expect(detail.body.startProblem).toBe('答题次数已用完');
  });
});

describe('a second attempt', () => {
  it('draws questions the member has not seen yet, since the first review showed the keys', async () => {
    const member = members[20]!;
    const first = await startAttempt(api, member.token, quizId);
    await api.request('POST', `/api/quiz-attempts/${first.body.id}/submit`, { token: member.token, body: {} });
    const second = await startAttempt(api, member.token, quizId);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const firstIds = first.body.questions.map((q: { id: string }) => q.id);
    const repeated = second.body.questions.filter((q: { id: string }) => firstIds.includes(q.id));
    expect(repeated).toEqual([]);
  });
});

describe('answering and submitting', () => {
  it('grades the submitted paper, then shows the key, what was chosen and the explanations', async () => {
    const member = members[12]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    const [first, ...rest] = attempt.questions as { id: string; type: string; points: number }[];
    // Saved answer for the first question (right), final answers: all right except one wrong.
    const saved = await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { [first!.id]: generatedKey(first!) } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.answeredCount).toBe(1);
    const wrong = rest[0]!;
    const finalAnswers = Object.fromEntries(
      rest.map((q) => [q.id, q === wrong ? (q.type === 'true_false' ? ['B'] : ['B']) : generatedKey(q)]),
    );
    const submitted = await api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, {
      token: member.token,
      body: { answers: finalAnswers },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const result = submitted.body.result;
    expect(submitted.body.status).toBe('submitted');
    expect(result.score).toBe(15);
    expect(result.totalPoints).toBe(20);
    expect(result.correctCount).toBe(3);
    const reviewOfWrong = result.review.find((row: { questionId: string }) => row.questionId === wrong.id);
    expect(reviewOfWrong).toMatchObject({ chosen: ['B'], key: generatedKey(wrong), correct: false, earned: 0 });
    expect(reviewOfWrong.explanation).toMatch(/^解析/);

    const replay = await api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, {
      token: member.token,
      body: { answers: Object.fromEntries(rest.map((q) => [q.id, ['D']])) },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.result).toEqual(result);
    const read = await api.request('GET', `/api/quiz-attempts/${attempt.id}`, { token: member.token });
    expect(read.body.result).toEqual(result);
  });

  it('counts one submission when the same submit is sent in parallel', async () => {
    const member = members[13]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    const answers = Object.fromEntries(
      attempt.questions.map((q: { id: string; type: string }) => [q.id, generatedKey(q)]),
    );
    const submits = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, { token: member.token, body: { answers } }),
      ),
    );
    expect(new Set(submits.map((s) => `${s.status}:${s.body.result?.score}:${s.body.submittedAt}`)).size).toBe(1);
    expect(submits[0]!.body.result.score).toBe(20);
  });

  it('refuses saving after the deadline and grades only what was saved in time', async () => {
    const member = members[14]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    const questions = attempt.questions as { id: string; type: string }[];
    await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { [questions[0]!.id]: generatedKey(questions[0]!) } },
    });
    await expireAttempt(attempt.id);
    const late = await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { [questions[1]!.id]: generatedKey(questions[1]!) } },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('答题时间已到');
    const lateSubmit = await api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, {
      token: member.token,
      body: { answers: Object.fromEntries(questions.map((q) => [q.id, generatedKey(q)])) },
    });
    expect(lateSubmit.status).toBe(200);
    expect(lateSubmit.body.status).toBe('expired');
    expect(lateSubmit.body.result.correctCount).toBe(1);
    expect(lateSubmit.body.result.score).toBe(5);
    expect(lateSubmit.body.submittedAt).toBe(new Date(Date.parse(lateSubmit.body.deadline)).toISOString());
  });

  it('finishes an attempt left open past its deadline when it is next read, and lets the member start again', async () => {
    const member = members[15]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    await expireAttempt(attempt.id);
    const read = await api.request('GET', `/api/quiz-attempts/${attempt.id}`, { token: member.token });
    expect(read.body.status).toBe('expired');
    expect(read.body.result.score).toBe(0);
    const next = await startAttempt(api, member.token, quizId);
    expect(next.status).toBe(200);
    expect(next.body.id).not.toBe(attempt.id);
  });

  it('has the sweep finish abandoned attempts, so the ranking counts them without their owners coming back', async () => {
    const member = members[18]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    const first = attempt.questions[0] as { id: string; type: string; points: number };
    await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { [first.id]: generatedKey(first) } },
    });
    await expireAttempt(attempt.id);
    expect(await finishExpiredAttempts(new Date())).toBeGreaterThanOrEqual(1);
    const ranking = await api.request('GET', `/api/quizzes/${quizId}/ranking`, { token: member.token });
    expect(ranking.body.me).toMatchObject({ score: first.points });
  });

  it('refuses answers to questions not on the paper, and someone else reading or answering the attempt', async () => {
    const member = members[16]!;
    const { body: attempt } = await startAttempt(api, member.token, quizId);
    const stranger = await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { '0123456789abcdef01234567': ['A'] } },
    });
    expect(stranger.status).toBe(400);
    const other = members[17]!;
    expect((await api.request('GET', `/api/quiz-attempts/${attempt.id}`, { token: other.token })).status).toBe(404);
    const otherSave = await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: other.token,
      body: { answers: {} },
    });
    expect(otherSave.status).toBe(404);
  });
});

describe('who may take a quiz', () => {
  it('hides a quiz from members outside its audience and from another district’s staff', async () => {
    const [outsider] = await memberSessions(api, orgs.binjiangTech, 1);
    expect((await api.request('GET', `/api/quizzes/${quizId}`, { token: outsider!.token })).status).toBe(404);
    expect((await startAttempt(api, outsider!.token, quizId)).status).toBe(404);
    const list = await api.request('GET', '/api/quizzes', { token: outsider!.token });
    expect(list.body.items).toEqual([]);
    const binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-quiz');
    expect((await api.request('GET', `/api/staff/quizzes/${quizId}`, { token: binjiangStaff })).status).toBe(404);
    expect((await api.request('GET', `/api/staff/quizzes/${quizId}/ranking`, { token: binjiangStaff })).status).toBe(
      404,
    );
    const mine = await api.request('GET', '/api/quizzes', { token: members[20]!.token });
    expect(mine.body.items.map((quiz: { id: string }) => quiz.id)).toContain(quizId);
  });

  it('ends the quiz early when the organiser closes it: open attempts are graded on what they saved', async () => {
    const closing = await publishedQuiz(api, staff, quizInput(orgs, { title: '提前结束的竞赛' }));
    const member = members[22]!;
    const { body: attempt } = await startAttempt(api, member.token, closing);
    const first = attempt.questions[0] as { id: string; type: string; points: number };
    await api.request('PUT', `/api/quiz-attempts/${attempt.id}/answers`, {
      token: member.token,
      body: { answers: { [first.id]: generatedKey(first) } },
    });
    const closed = await api.request('POST', `/api/staff/quizzes/${closing}/close`, { token: staff });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', state: 'ended', participants: 1 });
    const read = await api.request('GET', `/api/quiz-attempts/${attempt.id}`, { token: member.token });
    expect(read.body).toMatchObject({ status: 'expired', result: { score: first.points } });
    const late = await startAttempt(api, members[23]!.token, closing);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('竞赛已结束');
  });

  it('refuses starting before the quiz opens', async () => {
    const upcoming = await publishedQuiz(
      api,
      staff,
      quizInput(orgs, { title: '下周的竞赛', opensAt: new Date(Date.now() + 86_400_000).toISOString() }),
    );
    const refused = await startAttempt(api, members[21]!.token, upcoming);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('竞赛尚未开始');
  });
});
