/**
 * A client's mistakes on every quiz endpoint of the contract (groups `quizzes` and `quizAdmin`,
 * read from the contract so a new endpoint is probed too), by a caller past authentication: a
 * member on member routes, the district organiser on staff routes. Each probe starts from a
 * request the contract accepts and breaks one thing; the answer must be a 4xx in the one error
 * shape with a Chinese message naming the field at fault, and the database must not change.
 */
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Endpoint } from '@union/shared';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { LONG, pathsOf, runProbes, withValue, clone, type ModuleProbe } from '../../../test/module-probes';
import {
  memberSessions,
  organiser,
  publishedQuiz,
  quizInput,
  requestId,
  startAttempt,
  type MemberSession,
} from './test-support';

const NO_SUCH_ID = new Types.ObjectId().toHexString();

const QUIZ_ENDPOINTS = (['quizzes', 'quizAdmin'] as const).flatMap((group) =>
  Object.entries<Endpoint>(contract[group]).map(([name, endpoint]) => ({ key: `${group}.${name}`, endpoint })),
);

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let member: MemberSession;
let quizId: string;
let draftId: string;
let questionId: string;
let attemptId: string;
let paperQuestionId: string;

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-quiz-bad-input');
  [member] = (await memberSessions(api, orgs.xihuTech, 1)) as [MemberSession];
  quizId = await publishedQuiz(api, staff, quizInput(orgs));
  const draft = await api.request('POST', '/api/staff/quizzes', {
    token: staff,
    body: quizInput(orgs, { title: '草稿竞赛' }),
  });
  draftId = draft.body.id;
  const question = await api.request('POST', `/api/staff/quizzes/${draftId}/questions`, {
    token: staff,
    body: { type: 'single', stem: '草稿里的一道题', options: ['甲', '乙'], answer: ['A'] },
  });
  questionId = question.body.id;
  const attempt = await startAttempt(api, member.token, quizId);
  attemptId = attempt.body.id;
  paperQuestionId = attempt.body.questions[0].id;
}, 60_000);
afterAll(() => api.stop());

interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const questionBody = () => ({
  type: 'multiple',
  stem: '哪些是防护用品？',
  options: ['安全帽', '手套', '拖鞋'],
  answer: ['A', 'B'],
  explanation: '',
  category: '安全生产',
});

const BASES: Record<string, () => Base> = {
  'quizzes.quizzes': () => ({ query: { state: 'open' } }),
  'quizzes.quiz': () => ({ params: { id: quizId } }),
  'quizzes.startAttempt': () => ({ params: { id: quizId }, body: { requestId: requestId() } }),
  'quizzes.attempt': () => ({ params: { id: attemptId } }),
  'quizzes.saveAnswers': () => ({ params: { id: attemptId }, body: { answers: { [paperQuestionId]: ['A'] } } }),
  'quizzes.submitAttempt': () => ({ params: { id: attemptId }, body: { answers: { [paperQuestionId]: ['A'] } } }),
  'quizzes.ranking': () => ({ params: { id: quizId }, query: { limit: '10' } }),
  'quizAdmin.staffQuizzes': () => ({ query: { status: 'published' } }),
  'quizAdmin.createQuiz': () => ({ body: quizInput(orgs) }),
  'quizAdmin.staffQuiz': () => ({ params: { id: quizId } }),
  'quizAdmin.updateQuiz': () => ({ params: { id: draftId }, body: quizInput(orgs) }),
  'quizAdmin.publishQuiz': () => ({ params: { id: draftId } }),
  'quizAdmin.closeQuiz': () => ({ params: { id: quizId } }),
  'quizAdmin.questions': () => ({ params: { id: draftId }, query: { type: 'single', q: '草稿' } }),
  'quizAdmin.createQuestion': () => ({ params: { id: draftId }, body: questionBody() }),
  'quizAdmin.updateQuestion': () => ({ params: { id: draftId, questionId }, body: questionBody() }),
  'quizAdmin.deleteQuestion': () => ({ params: { id: draftId, questionId } }),
  'quizAdmin.importQuestions': () => ({ params: { id: draftId }, query: { mode: 'dry-run' } }),
  'quizAdmin.questionTemplate': () => ({}),
  'quizAdmin.staffRanking': () => ({ params: { id: quizId }, query: { orgId: orgs.xixi.id } }),
  'quizAdmin.participation': () => ({ params: { id: quizId } }),
};

type Probe = ModuleProbe;

const WRONG_VALUES: [string, unknown][] = [
  ['number', 12345],
  ['string', 'abc'],
  ['null', null],
  ['array', [{ a: 1 }]],
  ['object', { a: 1 }],
  ['10k string', LONG],
  ['negative', -1],
  ['fraction', 1.5],
];

function probesFor(key: string, endpoint: Endpoint): Probe[] {
  const base = BASES[key]!();
  const params = base.params ?? {};
  const probes: Probe[] = [];
  const at = (kind: string, change: Partial<Probe> & { expect: number[] }): Probe => ({
    kind,
    params,
    query: base.query,
    body: base.body,
    ...change,
  });
  for (const name of Object.keys(params)) {
    probes.push(at(`path.${name}: abc`, { params: { ...params, [name]: 'abc' }, expect: [400], field: name }));
    probes.push(
      at(`path.${name}: long`, { params: { ...params, [name]: 'a'.repeat(1000) }, expect: [400], field: name }),
    );
    probes.push(at(`path.${name}: no such id`, { params: { ...params, [name]: NO_SUCH_ID }, expect: [404] }));
  }
  if (endpoint.rawBody) {
    probes.push(at('upload: none', { expect: [400] }));
    probes.push(at('upload: JSON', { body: { sheet: 'x' }, expect: [415] }));
    probes.push(
      at('upload: text', { rawBody: { bytes: Buffer.from('hello'), contentType: 'text/plain' }, expect: [415] }),
    );
    probes.push(
      at('upload: broken zip', {
        rawBody: { bytes: Buffer.from('504b0304deadbeef', 'hex'), contentType: endpoint.rawBody.contentTypes[0]! },
        expect: [400],
      }),
    );
  }
  if (endpoint.body) {
    const schema = endpoint.body;
    probes.push(
      at('body: null', { body: null, expect: [400] }),
      at('body: array', { body: [base.body], expect: [400] }),
    );
    for (const path of pathsOf(base.body)) {
      for (const [kind, value] of WRONG_VALUES) {
        const body = withValue(base.body, path, value);
        if (!schema.safeParse(body).success)
          probes.push(at(`body.${path.join('.')}: ${kind}`, { body, expect: [400], field: path[0] }));
      }
    }
  }
  const shape = (endpoint.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
  for (const name of new Set([...Object.keys(shape), 'limit'])) {
    for (const value of ['abc', '-1', '100000', '1.5', LONG.slice(0, 4000)]) {
      const query = { ...base.query, [name]: value };
      const mustRefuse = endpoint.query ? !endpoint.query.safeParse(query).success : false;
      if (!mustRefuse && endpoint.method !== 'get') continue;
      probes.push(
        at(`query.${name}: ${value.slice(0, 8)}`, {
          query,
          ...(mustRefuse ? { expect: [400], field: name } : { expect: [] }),
        }),
      );
    }
  }
  return [...probes, ...(SEMANTIC[key]?.(base, at) ?? [])];
}

type At = (kind: string, change: Partial<Probe> & { expect: number[] }) => Probe;

/** Mistakes only the service can see, by endpoint. */
const SEMANTIC: Record<string, (base: Base, at: At) => Probe[]> = {
  'quizAdmin.createQuiz': (base, at) => {
    const body = base.body as Record<string, unknown>;
    const broken = (kind: string, change: Record<string, unknown>, field: string) =>
      at(kind, { body: { ...clone(body), ...change }, expect: [400], field });
    return [
      broken('window backwards', { closesAt: new Date(Date.now() - 86_400_000 * 3).toISOString() }, 'closesAt'),
      broken('no rules', { rules: [] }, 'rules'),
      broken('rule type unknown', { rules: [{ type: 'essay', category: null, count: 1, points: 1 }] }, 'rules'),
      broken('rule count 0', { rules: [{ type: 'single', category: null, count: 0, points: 1 }] }, 'rules'),
      broken(
        'paper of 400 questions',
        {
          rules: [
            { type: 'single', category: null, count: 200, points: 1 },
            { type: 'multiple', category: null, count: 200, points: 1 },
          ],
        },
        'rules',
      ),
      broken('11 attempts', { attemptsPerMember: 11 }, 'attemptsPerMember'),
      broken('0 minutes', { timeLimitMinutes: 0 }, 'timeLimitMinutes'),
      broken('host of another district', { orgId: orgs.binjiang.id }, 'orgId'),
      broken('host of nothing', { orgId: NO_SUCH_ID }, 'orgId'),
      broken('audience outside the host', { audienceOrgId: orgs.binjiangTech.id }, 'audienceOrgId'),
    ];
  },
  'quizAdmin.createQuestion': (base, at) => {
    const body = base.body as Record<string, unknown>;
    const broken = (kind: string, change: Record<string, unknown>, field: string) =>
      at(kind, { body: { ...body, ...change }, expect: [400], field });
    return [
      broken('answer outside the options', { answer: ['D'] }, 'answer'),
      broken('multiple with one answer', { answer: ['A'] }, 'answer'),
      broken('single with two answers', { type: 'single', answer: ['A', 'B'] }, 'answer'),
      broken('one option', { options: ['甲'] }, 'options'),
      broken('nine options', { options: Array.from({ length: 9 }, (_, i) => `选项${i}`) }, 'options'),
      broken('answer letter Z', { answer: ['Z'] }, 'answer'),
      broken('no answer', { answer: [] }, 'answer'),
      broken('duplicate stem', { type: 'single', stem: '草稿里的一道题', answer: ['A'] }, 'stem'),
      at('into a published quiz', { params: { id: quizId }, expect: [409] }),
    ];
  },
  'quizAdmin.publishQuiz': (_base, at) => [at('already published', { params: { id: quizId }, expect: [409] })],
  'quizAdmin.closeQuiz': (_base, at) => [at('a draft', { params: { id: draftId }, expect: [409] })],
  'quizAdmin.updateQuestion': (base, at) => [
    at('question of another quiz', { params: { id: quizId, questionId }, expect: [404] }),
    at('answer outside the options', {
      body: { ...(base.body as object), answer: ['E'] },
      expect: [400],
      field: 'answer',
    }),
  ],
  'quizAdmin.staffRanking': (base, at) => [
    at('org outside the audience', { query: { orgId: orgs.binjiang.id }, expect: [400], field: 'orgId' }),
  ],
  'quizzes.ranking': (_base, at) => [
    at('org the member is not in', { query: { orgId: orgs.xihuCommunity.id }, expect: [400], field: 'orgId' }),
  ],
  'quizzes.startAttempt': (_base, at) => [
    at('a draft', { params: { id: draftId }, expect: [404] }),
    at('request id too short', { body: { requestId: 'x' }, expect: [400], field: 'requestId' }),
  ],
  'quizzes.quiz': (_base, at) => [at('a draft', { params: { id: draftId }, expect: [404] })],
  'quizzes.saveAnswers': (_base, at) => [
    at('question not on the paper', { body: { answers: { [questionId]: ['A'] } }, expect: [400], field: 'answers' }),
    at('question id malformed', { body: { answers: { abc: ['A'] } }, expect: [400], field: 'answers' }),
    at('letter Z', { body: { answers: { [paperQuestionId]: ['Z'] } }, expect: [400], field: 'answers' }),
    at('answer as text', { body: { answers: { [paperQuestionId]: 'A' } }, expect: [400], field: 'answers' }),
  ],
  'quizzes.submitAttempt': (_base, at) => [
    at('question not on the paper', { body: { answers: { [questionId]: ['A'] } }, expect: [400], field: 'answers' }),
  ],
  'quizAdmin.importQuestions': (_base, at) => [
    at('mode unknown', { query: { mode: 'later' }, expect: [400], field: 'mode' }),
  ],
};

describe('bad input to the quiz endpoints', () => {
  it('has a well-formed request for every quiz endpoint, which the contract accepts', () => {
    expect(QUIZ_ENDPOINTS.filter(({ key }) => !BASES[key]).map(({ key }) => key)).toEqual([]);
    for (const { key, endpoint } of QUIZ_ENDPOINTS) {
      const base = BASES[key]!();
      if (endpoint.body) expect(endpoint.body.safeParse(base.body).success, key).toBe(true);
      if (endpoint.query) expect(endpoint.query.safeParse(base.query ?? {}).success, key).toBe(true);
    }
  });

  for (const { key, endpoint } of QUIZ_ENDPOINTS) {
    it(`${key}: answers every mistake with a clear 4xx and changes nothing`, async () => {
      const token = endpoint.access === 'staff' ? staff : member.token;
      // A probe that names no status may be accepted: some oddities are harmless within the contract.
      expect(await runProbes(api.url, endpoint, probesFor(key, endpoint), token, { mayAccept: true })).toEqual([]);
    }, 120_000);
  }
});
