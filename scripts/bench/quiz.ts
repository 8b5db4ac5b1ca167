/**
 * A knowledge contest under load: the real BFF started in this process on the embedded
 * database, driven over HTTP. A quiz with a 2,000-question bank and a 40-question paper
 * (20 single + 10 multiple + 10 true/false); 2,000 members start an attempt (a paper drawn for
 * each) and then submit it, 100 requests in flight. Plus drawPaper in-process. Numbers, never
 * pass/fail — but errors should be 0.
 */
import { randomUUID } from 'node:crypto';
import { drawPaper, seededQuizRandom, type BankQuestionRef, type PaperRule } from '@union/shared';
import { AttemptModel } from '../../bff/src/modules/quizzes/attempt.model';
import { StandingModel } from '../../bff/src/modules/quizzes/standing.model';
import {
  generatedKey,
  generatedQuestions,
  memberSessions,
  organiser,
  publishedQuiz,
  quizInput,
} from '../../bff/src/modules/quizzes/test-support';
import { createOrgTree } from '../../bff/test/fixtures';
import { startInProcessBff } from './in-process-bff';
import { opsPerSecond, percentile, pool } from './measure';

// QUIZ_BENCH_MEMBERS: a smaller run while working on the code; the table in the README is 2,000.
const MEMBERS = Number(process.env.QUIZ_BENCH_MEMBERS ?? 2000);
const IN_FLIGHT = 100;
const RULES: PaperRule[] = [
  { type: 'single', category: null, count: 20, points: 2 },
  { type: 'multiple', category: null, count: 10, points: 4 },
  { type: 'true_false', category: null, count: 10, points: 2 },
];
const BANK = { single: 1000, multiple: 500, trueFalse: 500 };

function drawRow() {
  const bank: BankQuestionRef[] = [];
  for (let i = 0; i < BANK.single; i++)
    bank.push({ id: `s${i}`, type: 'single', category: i % 2 ? '安全生产' : '工会法' });
  for (let i = 0; i < BANK.multiple; i++) bank.push({ id: `m${i}`, type: 'multiple', category: '安全生产' });
  for (let i = 0; i < BANK.trueFalse; i++) bank.push({ id: `t${i}`, type: 'true_false', category: '工会法' });
  const random = seededQuizRandom(2026);
  return opsPerSecond('drawPaper: 40 of 2,000 questions (20 + 10 + 10)', () => drawPaper(bank, RULES, random));
}

interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

export async function quizBench() {
  console.log('\ndrawPaper in-process (shared, pure JS)');
  console.table([drawRow()]);

  const api = await startInProcessBff({
    // Sessions are minted before the 2,000-question import; keep them alive through the whole run.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
  });
  const timed = async <T>(call: () => Promise<{ status: number; body: T }>): Promise<Timed<T>> => {
    const begin = performance.now();
    try {
      const response = await call();
      return { status: response.status, body: response.body, ms: performance.now() - begin };
    } catch (error) {
      // A dropped connection or a timeout counts as an error, with what the client saw.
      return { status: 0, body: String(error) as T, ms: performance.now() - begin };
    }
  };
  try {
    const orgs = await createOrgTree();
    const staff = await organiser(api, orgs.city, 'bench-quiz');
    let started = performance.now();
    const members = await memberSessions(api, orgs.xihuTech, MEMBERS);
    const quizId = await publishedQuiz(
      api,
      staff,
      quizInput(orgs, { orgId: orgs.city.id, rules: RULES, timeLimitMinutes: 30, attemptsPerMember: 1 }),
      generatedQuestions(BANK),
    );
    const setupSeconds = (performance.now() - started) / 1000;

    // Database operations per request: what a real MongoDB pays (about a millisecond each), since
    // the embedded one's writes slow down as a collection grows and its times are not the server's.
    let operations = 0;
    const mongoose = AttemptModel.base; // the BFF's mongoose instance
    mongoose.set('debug', () => {
      operations += 1;
    });
    started = performance.now();
    const starts = await pool(
      IN_FLIGHT,
      members.map(
        (member) => () =>
          timed(() =>
            api.request('POST', `/api/quizzes/${quizId}/attempts`, {
              token: member.token,
              body: { requestId: randomUUID() },
            }),
          ),
      ),
    );
    const startSeconds = (performance.now() - started) / 1000;
    const startOperations = operations;
    operations = 0;

    started = performance.now();
    const submits = await pool(
      IN_FLIGHT,
      starts.map((start, index) => () => {
        const attempt = start.body as { id: string; questions: { id: string; type: string }[] };
        // Most answers right, a few wrong, so the scores spread.
        const answers = Object.fromEntries(
          attempt.questions.map((q, n) => [q.id, (n + index) % 7 === 0 ? ['B'] : generatedKey(q)]),
        );
        return timed(() =>
          api.request('POST', `/api/quiz-attempts/${attempt.id}/submit`, {
            token: members[index]!.token,
            body: { answers },
          }),
        );
      }),
    );
    const submitSeconds = (performance.now() - started) / 1000;
    const submitOperations = operations;
    mongoose.set('debug', false);
    const ranking = await timed(() =>
      api.request('GET', `/api/quizzes/${quizId}/ranking?limit=50`, { token: members[0]!.token }),
    );

    const papers = new Set(
      starts.map((start) => (start.body as { questions: { id: string }[] }).questions?.map((q) => q.id).join()),
    );
    const ms = (rows: Timed<unknown>[]) => rows.map((row) => row.ms).sort((a, b) => a - b);
    const startMs = ms(starts);
    const submitMs = ms(submits);
    console.log(
      `\nKnowledge contest over HTTP (BFF in this process, embedded database): ${MEMBERS} members ` +
        `(set up with the 2,000-question import in ${setupSeconds.toFixed(1)} s), ${IN_FLIGHT} requests in flight`,
    );
    console.table([
      {
        measure: 'starts (papers drawn) / answered 200',
        value: `${starts.length} / ${starts.filter((s) => s.status === 200).length}`,
      },
      { measure: 'papers drawn/s', value: Math.round(starts.length / startSeconds) },
      {
        measure: 'p50 / p99 ms per start',
        value: `${percentile(startMs, 50).toFixed(1)} / ${percentile(startMs, 99).toFixed(1)}`,
      },
      { measure: 'start errors (must be 0)', value: starts.filter((s) => s.status !== 200).length },
      { measure: 'database operations per start', value: (startOperations / starts.length).toFixed(1) },
      { measure: 'distinct papers', value: papers.size },
      { measure: 'submissions/s', value: Math.round(submits.length / submitSeconds) },
      {
        measure: 'p50 / p99 ms per submit',
        value: `${percentile(submitMs, 50).toFixed(1)} / ${percentile(submitMs, 99).toFixed(1)}`,
      },
      { measure: 'submit errors (must be 0)', value: submits.filter((s) => s.status !== 200).length },
      { measure: 'database operations per submit', value: (submitOperations / submits.length).toFixed(1) },
      {
        measure: 'attempts stored / ranked members',
        value: `${await AttemptModel.countDocuments({ status: 'submitted' })} / ${await StandingModel.countDocuments({ best: { $ne: null } })}`,
      },
      { measure: 'ranking (top 50 + my rank) ms', value: ranking.ms.toFixed(1) },
    ]);
    const failures = [...starts, ...submits].filter((answer) => answer.status !== 200);
    if (failures.length > 0) {
      const byStatus = new Map<string, number>();
      for (const failure of failures) {
        const label = `${failure.status} ${JSON.stringify(failure.body).slice(0, 120)}`;
        byStatus.set(label, (byStatus.get(label) ?? 0) + 1);
      }
      console.log('Failed requests by answer:', Object.fromEntries(byStatus));
    }
  } finally {
    await api.stop();
  }
}
