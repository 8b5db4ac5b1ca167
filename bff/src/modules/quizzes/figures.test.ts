/**
 * Quiz participants in the cadres' figures: members who finished an attempt (submitted, replayed
 * in parallel, submitted twice, or graded by the sweep), each once per quiz, by their org, equal
 * the quiz's participation report and a rebuild; an attempt still open is nobody yet.
 */
import { chinaDateOf, chinaDayRange, DAY_MS } from '@union/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { rebuildFigureCounters, settleAllFigures } from '../figures/counters';
import { figureByChild, figureTotal } from '../figures/read';
import { finishExpiredAttempts } from './attempt-finish';
import {
  expireAttempt,
  memberSessions,
  organiser,
  publishedQuiz,
  quizInput,
  startAttempt,
  type MemberSession,
} from './test-support';

const METRIC = 'quizzes.participants';
let api: TestApi;
let orgs: OrgTree;
let staff: string;
let quizId: string;
// From yesterday: the swept paper's deadline was a second ago, maybe just before midnight.
const range = { from: chinaDateOf(Date.now() - DAY_MS), to: chinaDateOf(new Date()) };

const submit = (member: MemberSession, attemptId: string) =>
  api.request('POST', `/api/quiz-attempts/${attemptId}/submit`, { token: member.token, body: {} });

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-quiz-figures');
  quizId = await publishedQuiz(api, staff, quizInput(orgs));
  const tech = await memberSessions(api, orgs.xihuTech, 3);
  const [community] = await memberSessions(api, orgs.xihuCommunity, 1);

  // Submitted three times at once, then a second attempt: one participant.
  const first = (await startAttempt(api, tech[0]!.token, quizId)).body.id;
  expect((await Promise.all([0, 1, 2].map(() => submit(tech[0]!, first)))).map((a) => a.status)).toEqual([
    200, 200, 200,
  ]);
  const second = (await startAttempt(api, tech[0]!.token, quizId)).body.id;
  expect((await submit(tech[0]!, second)).status).toBe(200);
  // Left open past its deadline: the sweep grades it on what it saved.
  const abandoned = (await startAttempt(api, tech[1]!.token, quizId)).body.id;
  await expireAttempt(abandoned);
  expect(await finishExpiredAttempts(new Date())).toBe(1);
  // Still answering: not a participant yet.
  expect((await startAttempt(api, tech[2]!.token, quizId)).status).toBe(200);
  const other = (await startAttempt(api, community!.token, quizId)).body.id;
  expect((await submit(community!, other)).status).toBe(200);
  await settleAllFigures();
}, 120_000);
afterAll(() => api.stop());

describe('quiz participants in the figures', () => {
  it('count each member once per quiz, by org, as the participation report does', async () => {
    const report = await api.request('GET', `/api/staff/quizzes/${quizId}/participation`, { token: staff });
    expect(report.status).toBe(200);
    expect(report.body.totals.participants).toBe(3);
    const xihu = orgs.xihu._id;
    expect(await figureTotal(METRIC, xihu, range)).toBe(report.body.totals.participants);
    expect(await figureTotal(METRIC, xihu, range, { key: quizId })).toBe(3);
    expect(await figureByChild(METRIC, orgs.xixi._id, range)).toEqual(
      new Map([
        [String(orgs.xihuTech._id), 2],
        [String(orgs.xihuCommunity._id), 1],
      ]),
    );
    expect(await figureTotal(METRIC, orgs.binjiang._id, range)).toBe(0);

    await rebuildFigureCounters({ from: chinaDayRange(range.from).start, to: chinaDayRange(range.to).end });
    expect(await figureTotal(METRIC, xihu, range)).toBe(3);
    expect(await figureTotal(METRIC, orgs.xihuTech._id, range)).toBe(2);
  });
});
