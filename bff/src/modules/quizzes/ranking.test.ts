/**
 * Rankings and the report: best attempt per member, ordered by score then time, names masked,
 * the member's own rank, a street's ranking, and the staff's participation per child org.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { MemberModel } from '../membership/member.model';
import { AttemptModel } from './attempt.model';
import {
  generatedKey,
  memberSessions,
  organiser,
  publishedQuiz,
  quizInput,
  startAttempt,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let quizId: string;
let xixi: MemberSession[];
let binjiang: MemberSession[];

/** Starts and submits with `right` questions answered correctly, `seconds` after starting. */
async function take(member: MemberSession, right: number, seconds: number): Promise<string> {
  const { body: attempt } = await startAttempt(api, member.token, quizId);
  // Taking `seconds`: move the start back, as the clock cannot be.
  await AttemptModel.updateOne({ _id: attempt.id }, { $set: { startedAt: new Date(Date.now() - seconds * 1000) } });
  const answers = Object.fromEntries(
    attempt.questions.map((q: { id: string; type: string }, index: number) => [
      q.id,
      index < right ? generatedKey(q) : ['B'],
    ]),
  );
  const submitted = await api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, {
    token: member.token,
    body: { answers },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  return attempt.id;
}

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.city, 'city-ranking');
  xixi = await memberSessions(api, orgs.xihuTech, 4);
  binjiang = await memberSessions(api, orgs.binjiangTech, 3);
  await memberSessions(api, orgs.xihuCommunity, 2); // members who never take part
  await MemberModel.updateOne({ _id: xixi[0]!.memberId }, { $set: { name: '欧阳修文' } });
  quizId = await publishedQuiz(api, staff, quizInput(orgs, { orgId: orgs.city.id, attemptsPerMember: 3 }));
  // Scores (4 questions × 5): x0 20 in 300 s; x1 20 in 100 s; x2 10; b0 15; b1 20 in 100 s (ties x1).
  await take(xixi[0]!, 2, 500);
  await take(xixi[0]!, 4, 300); // a better second attempt replaces the first
  await take(xixi[0]!, 1, 50); // a worse third one does not
  await take(xixi[1]!, 4, 100);
  await take(xixi[2]!, 2, 100);
  await take(binjiang[0]!, 3, 100);
  await take(binjiang[1]!, 4, 100);
}, 90_000);
afterAll(() => api.stop());

describe('the ranking', () => {
  it('ranks each member by their best attempt, score then time, ties sharing a rank, names masked', async () => {
    const ranking = await api.request('GET', `/api/quizzes/${quizId}/ranking`, { token: xixi[0]!.token });
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    expect(ranking.body.participants).toBe(5);
    expect(
      ranking.body.items.map((row: { rank: number; score: number; durationSeconds: number }) => [
        row.rank,
        row.score,
        row.durationSeconds,
      ]),
    ).toEqual([
      [1, 20, 100],
      [1, 20, 100],
      [3, 20, 300],
      [4, 15, 100],
      [5, 10, 100],
    ]);
    expect(ranking.body.me).toMatchObject({ rank: 3, score: 20, name: maskName('欧阳修文') });
    expect(ranking.body.items[2].name).toBe('欧**文');
    expect(JSON.stringify(ranking.body)).not.toContain('欧阳修文');
    expect(ranking.body.items[2].orgName).toBe('杭州西溪科技有限公司工会');
  });

  it('narrows to the member’s own district, and refuses an org the member is not in', async () => {
    const scopes = (await api.request('GET', `/api/quizzes/${quizId}/ranking`, { token: xixi[2]!.token })).body.scopes;
    expect(scopes.map((scope: { orgName: string }) => scope.orgName)).toEqual([
      '杭州市总工会',
      '西湖区总工会',
      '西溪街道总工会',
      '杭州西溪科技有限公司工会',
    ]);
    const district = await api.request('GET', `/api/quizzes/${quizId}/ranking?orgId=${orgs.xihu.id}`, {
      token: xixi[2]!.token,
    });
    expect(district.body.participants).toBe(3);
    expect(district.body.items.map((row: { score: number }) => row.score)).toEqual([20, 20, 10]);
    expect(district.body.me.rank).toBe(3);
    const elsewhere = await api.request('GET', `/api/quizzes/${quizId}/ranking?orgId=${orgs.binjiang.id}`, {
      token: xixi[2]!.token,
    });
    expect(elsewhere.status).toBe(400);
  });

  it('shows the member’s best and overall rank on the quiz page', async () => {
    const detail = await api.request('GET', `/api/quizzes/${quizId}`, { token: xixi[0]!.token });
    expect(detail.body.best).toEqual({ score: 20, durationSeconds: 300, rank: 3 });
    expect(detail.body.attemptsUsed).toBe(3);
    expect(detail.body.attemptsLeft).toBe(0);
  });
});

describe('the report', () => {
  it('gives staff participation per district: members, participants, rate and average best score', async () => {
    const report = await api.request('GET', `/api/staff/quizzes/${quizId}/participation`, { token: staff });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.totals).toMatchObject({ members: 9, participants: 5, averageScore: 17 });
    expect(report.body.totals.participationRate).toBeCloseTo(5 / 9, 3);
    const rows = Object.fromEntries(report.body.items.map((row: { orgName: string }) => [row.orgName, row]));
    expect(rows['西湖区总工会']).toMatchObject({ members: 6, participants: 3, participationRate: 0.5 });
    expect(rows['西湖区总工会'].averageScore).toBeCloseTo(50 / 3, 2);
    expect(rows['滨江区总工会']).toMatchObject({ members: 3, participants: 2, averageScore: 17.5 });
    const staffRanking = await api.request('GET', `/api/staff/quizzes/${quizId}/ranking?orgId=${orgs.binjiang.id}`, {
      token: staff,
    });
    expect(staffRanking.body.items.map((row: { score: number }) => row.score)).toEqual([20, 15]);
    expect(staffRanking.body.me).toBeNull();
    const notThere = await api.request('GET', `/api/staff/quizzes/${quizId}/ranking?orgId=${new Types.ObjectId()}`, {
      token: staff,
    });
    expect(notThere.status).toBe(400);
  });
});
