/**
 * Knowledge contests (知识竞赛), member side: quizzes open to me, starting an attempt (a paper
 * drawn for me), saving answers against the server's deadline, submitting, the result with the
 * key and explanations, and the ranking. The key never reaches the phone before submission.
 */
import { z } from 'zod';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { MAX_PAPER_QUESTIONS, QuizOptionLetterSchema, QuizQuestionTypeSchema } from '../quiz-rules';
import { PaperRuleViewSchema, QuizRankingSchema, QuizSummarySchema, QuizRankingQuerySchema } from './quizzes';

export const QUIZ_ATTEMPT_STATUSES = ['in_progress', 'submitted', 'expired'] as const;
export const QuizAttemptStatusSchema = z
  .enum(QUIZ_ATTEMPT_STATUSES)
  .describe('in_progress 答题中；submitted 已交卷；expired 超时未交卷，按截止前保存的答案计分');
export type QuizAttemptStatus = z.infer<typeof QuizAttemptStatusSchema>;

/** One question's answer: the chosen option letters (one for single choice and true/false). */
export const QuizAnswerSchema = z.array(QuizOptionLetterSchema).max(8, '最多选8项');
/** Answers keyed by question id; a question left out is unanswered. */
export const QuizAnswersSchema = z
  .record(z.string().regex(/^[0-9a-f]{24}$/, '题目编号格式不正确'), QuizAnswerSchema)
  .refine((answers) => Object.keys(answers).length <= MAX_PAPER_QUESTIONS, {
    message: `答案最多${MAX_PAPER_QUESTIONS}题`,
  });
export type QuizAnswers = z.infer<typeof QuizAnswersSchema>;

export const QuizAttemptSummarySchema = z.object({
  id: ObjectIdSchema,
  status: QuizAttemptStatusSchema,
  startedAt: DateTimeSchema,
  deadline: DateTimeSchema,
  submittedAt: DateTimeSchema.nullable().describe('交卷时间；超时未交卷时为截止时间'),
  score: z.number().nullable().describe('交卷后给出'),
  durationSeconds: z.number().int().nullable(),
});
export type QuizAttemptSummary = z.infer<typeof QuizAttemptSummarySchema>;

export const QuizDetailSchema = QuizSummarySchema.extend({
  description: z.string(),
  rules: z.array(PaperRuleViewSchema),
  showExplanations: z.boolean(),
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int(),
  attempts: z.array(QuizAttemptSummarySchema).describe('本人的答卷，最新在前'),
  openAttemptId: ObjectIdSchema.nullable().describe('本人正在作答的答卷（再次开始会回到它）'),
  best: z
    .object({ score: z.number(), durationSeconds: z.number().int(), rank: z.number().int().nullable() })
    .nullable()
    .describe('本人的最好成绩与总排名'),
  startProblem: z.string().nullable().describe('本人现在不能开始答题的原因；可以开始（或继续）时为 null'),
});
export type QuizDetail = z.infer<typeof QuizDetailSchema>;

/** A question as the paper shows it: no key, no explanation. */
export const QuizPaperQuestionSchema = z.object({
  id: ObjectIdSchema,
  no: z.number().int().describe('题号（从 1 开始）'),
  type: QuizQuestionTypeSchema,
  typeLabel: z.string(),
  stem: z.string(),
  options: z.array(z.object({ letter: QuizOptionLetterSchema, text: z.string() })),
  points: z.number().int(),
});
export type QuizPaperQuestion = z.infer<typeof QuizPaperQuestionSchema>;

/** After submission: what the member chose, the key and whether it was right. */
export const ReviewedQuizQuestionSchema = z.object({
  questionId: ObjectIdSchema,
  chosen: QuizAnswerSchema.describe('本人的作答（未答为空数组）'),
  key: z.array(QuizOptionLetterSchema).describe('标准答案'),
  correct: z.boolean(),
  earned: z.number().int(),
  explanation: z.string(),
});
export type ReviewedQuizQuestion = z.infer<typeof ReviewedQuizQuestionSchema>;

export const QuizAttemptResultSchema = z.object({
  score: z.number(),
  totalPoints: z.number().int(),
  correctCount: z.number().int(),
  questionCount: z.number().int(),
  durationSeconds: z.number().int(),
  review: z.array(ReviewedQuizQuestionSchema).nullable().describe('逐题的答案与解析；竞赛设置为不显示解析时为 null'),
});
export type QuizAttemptResult = z.infer<typeof QuizAttemptResultSchema>;

export const QuizAttemptSchema = z.object({
  id: ObjectIdSchema,
  quizId: ObjectIdSchema,
  quizTitle: z.string(),
  status: QuizAttemptStatusSchema,
  startedAt: DateTimeSchema,
  deadline: DateTimeSchema.describe('答题截止（服务器时间）：开始时间加时限，且不晚于竞赛结束时间'),
  serverNow: DateTimeSchema.describe('服务器当前时间，手机据此校正倒计时'),
  submittedAt: DateTimeSchema.nullable(),
  questions: z.array(QuizPaperQuestionSchema),
  saved: z.record(z.string(), QuizAnswerSchema).describe('已保存的作答'),
  result: QuizAttemptResultSchema.nullable().describe('交卷（或超时）后给出'),
});
export type QuizAttempt = z.infer<typeof QuizAttemptSchema>;

export const StartQuizAttemptRequestSchema = z.object({ requestId: RequestIdSchema });

export const SaveQuizAnswersRequestSchema = z.object({
  answers: QuizAnswersSchema.describe('本次保存的作答（只需包含改动的题），与已保存的合并'),
});
export const SaveQuizAnswersResponseSchema = z.object({
  savedAt: DateTimeSchema,
  answeredCount: z.number().int(),
  deadline: DateTimeSchema,
  serverNow: DateTimeSchema,
});

export const SubmitQuizAttemptRequestSchema = z.object({
  answers: QuizAnswersSchema.default({}).describe('最后一次的作答，与已保存的合并；截止后到达的不计'),
});

export const QuizListQuerySchema = CursorPageQuerySchema.extend({
  state: z.enum(['open', 'ended'], { error: '状态应为 open 或 ended' }).default('open'),
});

export const MyQuizSummarySchema = QuizSummarySchema.extend({
  attemptsUsed: z.number().int(),
  bestScore: z.number().nullable(),
});

const TAG = '知识竞赛';

export const quizEndpoints = {
  quizzes: defineEndpoint({
    method: 'get',
    path: '/api/quizzes',
    access: 'user',
    tag: TAG,
    summary: '向我开放的知识竞赛（进行中，或已结束的可看成绩与排名）',
    query: QuizListQuerySchema,
    response: pageOf(MyQuizSummarySchema),
  }),
  quiz: defineEndpoint({
    method: 'get',
    path: '/api/quizzes/:id',
    access: 'user',
    tag: TAG,
    summary: '竞赛详情：规则、时限、本人已答与剩余次数、最好成绩',
    response: QuizDetailSchema,
  }),
  startAttempt: defineEndpoint({
    method: 'post',
    path: '/api/quizzes/:id/attempts',
    access: 'user',
    rateLimit: { name: 'quiz-start', points: 30, durationSeconds: 60 },
    tag: TAG,
    summary: '开始答题：按规则为本人抽一份试卷（按 requestId 幂等；已有进行中的答卷时返回它；次数在并发下严格成立）',
    body: StartQuizAttemptRequestSchema,
    response: QuizAttemptSchema,
  }),
  attempt: defineEndpoint({
    method: 'get',
    path: '/api/quiz-attempts/:id',
    access: 'user',
    tag: TAG,
    summary: '本人的一份答卷：作答中为试卷与已保存的作答；交卷后另有成绩、标准答案与解析',
    response: QuizAttemptSchema,
  }),
  saveAnswers: defineEndpoint({
    method: 'put',
    path: '/api/quiz-attempts/:id/answers',
    access: 'user',
    rateLimit: { name: 'quiz-save', points: 240, durationSeconds: 60 },
    tag: TAG,
    summary: '保存作答（截止前随时可存；截止后 409 “答题时间已到”）',
    body: SaveQuizAnswersRequestSchema,
    response: SaveQuizAnswersResponseSchema,
  }),
  submitAttempt: defineEndpoint({
    method: 'post',
    path: '/api/quiz-attempts/:id/submit',
    access: 'user',
    tag: TAG,
    summary: '交卷并计分（重复交卷返回同一结果；截止后到达的作答不计，按截止前保存的计分）',
    body: SubmitQuizAttemptRequestSchema,
    response: QuizAttemptSchema,
  }),
  ranking: defineEndpoint({
    method: 'get',
    path: '/api/quizzes/:id/ranking',
    access: 'user',
    tag: TAG,
    summary: '排名：全部参赛者或本人所在的某级组织，姓名脱敏，附本人名次',
    query: QuizRankingQuerySchema,
    response: QuizRankingSchema,
  }),
};
