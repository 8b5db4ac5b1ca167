/** 知识竞赛 data for the member and organiser page tests, typed by the contract. */
import type {
  QuizAttempt,
  QuizDetail,
  QuizPaperQuestion,
  QuizQuestionImportResult,
  QuizRanking,
  StaffQuizDetail,
} from '@union/shared';
import { DISTRICT_ORG } from './staff-fixtures';

export const QUIZ_ID = '64b7f0c2a1b2c3d4e5f6d001';
export const ATTEMPT_ID = '64b7f0c2a1b2c3d4e5f6d101';
export const QUESTION_IDS = [
  '64b7f0c2a1b2c3d4e5f6d201',
  '64b7f0c2a1b2c3d4e5f6d202',
  '64b7f0c2a1b2c3d4e5f6d203',
] as const;

export function paperQuestions(): QuizPaperQuestion[] {
  return [
    {
      id: QUESTION_IDS[0],
      no: 1,
      type: 'single',
      typeLabel: '单选题',
      stem: '《安全生产法》规定，生产经营单位的主要负责人对本单位安全生产工作负什么责任？',
      options: [
        { letter: 'A', text: '全面责任' },
        { letter: 'B', text: '部分责任' },
        { letter: 'C', text: '领导责任' },
      ],
      points: 2,
    },
    {
      id: QUESTION_IDS[1],
      no: 2,
      type: 'multiple',
      typeLabel: '多选题',
      stem: '下列哪些属于劳动防护用品？',
      options: [
        { letter: 'A', text: '安全帽' },
        { letter: 'B', text: '手机' },
        { letter: 'C', text: '防护眼镜' },
        { letter: 'D', text: '绝缘手套' },
      ],
      points: 3,
    },
    {
      id: QUESTION_IDS[2],
      no: 3,
      type: 'true_false',
      typeLabel: '判断题',
      stem: '工会会员有权对工会工作提出批评和建议。',
      options: [
        { letter: 'A', text: '正确' },
        { letter: 'B', text: '错误' },
      ],
      points: 1,
    },
  ];
}

/** An open attempt: the server's clock at `serverNow`, the deadline `minutesLeft` later. */
export function openAttempt(serverNow: string, secondsLeft: number, overrides: Partial<QuizAttempt> = {}): QuizAttempt {
  const now = Date.parse(serverNow);
  return {
    id: ATTEMPT_ID,
    quizId: QUIZ_ID,
    quizTitle: '2026 年安全生产知识竞赛',
    status: 'in_progress',
    startedAt: new Date(now - 60_000).toISOString(),
    deadline: new Date(now + secondsLeft * 1000).toISOString(),
    serverNow,
    submittedAt: null,
    questions: paperQuestions(),
    saved: {},
    result: null,
    ...overrides,
  };
}

export function submittedAttempt(overrides: Partial<QuizAttempt> = {}): QuizAttempt {
  const base = openAttempt('2026-12-04T02:00:00.000Z', 600);
  return {
    ...base,
    status: 'submitted',
    submittedAt: '2026-12-04T02:05:12.000Z',
    saved: { [QUESTION_IDS[0]]: ['A'], [QUESTION_IDS[1]]: ['A', 'C'] },
    result: {
      score: 2,
      totalPoints: 6,
      correctCount: 1,
      questionCount: 3,
      durationSeconds: 372,
      review: [
        {
          questionId: QUESTION_IDS[0],
          chosen: ['A'],
          key: ['A'],
          correct: true,
          earned: 2,
          explanation: '主要负责人是安全生产第一责任人。',
        },
        {
          questionId: QUESTION_IDS[1],
          chosen: ['A', 'C'],
          key: ['A', 'C', 'D'],
          correct: false,
          earned: 0,
          explanation: '绝缘手套也是劳动防护用品，多选题须全部选对才得分。',
        },
        { questionId: QUESTION_IDS[2], chosen: [], key: ['A'], correct: false, earned: 0, explanation: '' },
      ],
    },
    ...overrides,
  };
}

export function quizDetail(overrides: Partial<QuizDetail> = {}): QuizDetail {
  return {
    id: QUIZ_ID,
    title: '2026 年安全生产知识竞赛',
    status: 'published',
    state: 'open',
    orgName: '市总工会',
    audienceOrgName: '市总工会',
    opensAt: '2026-12-01T01:00:00.000Z',
    closesAt: '2026-12-15T10:00:00.000Z',
    timeLimitMinutes: 15,
    attemptsPerMember: 2,
    questionCount: 20,
    totalPoints: 100,
    description: '',
    rules: [
      { type: 'single', typeLabel: '单选题', category: null, count: 10, points: 5 },
      { type: 'multiple', typeLabel: '多选题', category: '安全生产', count: 5, points: 6 },
      { type: 'true_false', typeLabel: '判断题', category: null, count: 5, points: 4 },
    ],
    showExplanations: true,
    attemptsUsed: 0,
    attemptsLeft: 2,
    attempts: [],
    openAttemptId: null,
    best: null,
    startProblem: null,
    ...overrides,
  };
}

export function ranking(overrides: Partial<QuizRanking> = {}): QuizRanking {
  const row = (rank: number, name: string, score: number) => ({
    rank,
    name,
    orgName: '西溪街道总工会',
    score,
    durationSeconds: 300 + rank,
    submittedAt: '2026-12-04T02:05:00.000Z',
  });
  return {
    quizId: QUIZ_ID,
    scope: { orgId: '64b7f0c2a1b2c3d4e5f60001', orgName: '市总工会' },
    scopes: [{ orgId: DISTRICT_ORG.id, orgName: DISTRICT_ORG.name }],
    participants: 120,
    items: [row(1, '王*', 100), row(2, '李*', 95)],
    me: row(37, '张*', 70),
    ...overrides,
  };
}

export function staffQuiz(overrides: Partial<StaffQuizDetail> = {}): StaffQuizDetail {
  const {
    attemptsUsed: _u,
    attemptsLeft: _l,
    attempts: _a,
    openAttemptId: _o,
    best: _b,
    startProblem: _s,
    ...rest
  } = quizDetail();
  return {
    ...rest,
    status: 'draft',
    state: 'not_open',
    orgId: DISTRICT_ORG.id,
    audienceOrgId: DISTRICT_ORG.id,
    orgName: DISTRICT_ORG.name,
    audienceOrgName: DISTRICT_ORG.name,
    bank: { total: 30, byType: { single: 20, multiple: 3, true_false: 7 }, categories: [] },
    ruleCheck: [
      { index: 0, needed: 10, available: 20, ok: true, message: null },
      {
        index: 1,
        needed: 5,
        available: 3,
        ok: false,
        message: '第2条规则需要5道“安全生产”类多选题，题库中只有3道可用',
      },
      { index: 2, needed: 5, available: 7, ok: true, message: null },
    ],
    bankEditable: true,
    participants: 0,
    attempts: 0,
    publishedAt: null,
    ...overrides,
  };
}

export function importReport(overrides: Partial<QuizQuestionImportResult> = {}): QuizQuestionImportResult {
  return {
    mode: 'dry-run',
    rows: 120,
    validRows: 118,
    invalidRows: 2,
    problems: [
      { row: 5, column: '答案', message: '请填写答案' },
      { row: 17, column: '答案', message: '答案 E 不在选项中' },
    ],
    created: 0,
    bank: { total: 0, byType: { single: 0, multiple: 0, true_false: 0 }, categories: [] },
    ...overrides,
  };
}
