/**
 * Knowledge contests (知识竞赛), organiser side: a quiz with its question bank (imported from
 * .xlsx), paper rules and publishing; the ranking and org participation for the report.
 * The member side (taking a quiz) is in quiz-attempts.ts; paper drawing and grading in quiz-rules.ts.
 */
import { z } from 'zod';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf } from '../common';
import { defineEndpoint } from '../endpoint';
import {
  MAX_ATTEMPTS_PER_MEMBER,
  MAX_QUIZ_CHOICE_OPTIONS,
  MAX_PAPER_QUESTIONS,
  MAX_PAPER_RULES,
  MAX_PAPER_RULE_COUNT,
  MIN_QUIZ_CHOICE_OPTIONS,
  QuizOptionLetterSchema,
  QuizQuestionTypeSchema,
} from '../quiz-rules';
import { UNION_OFFICE_ROLES } from '../roles';
import { SHEET_CONTENT_TYPES } from './station-admin';

export const QUIZ_STATUSES = ['draft', 'published', 'closed'] as const;
export const QuizStatusSchema = z.enum(QUIZ_STATUSES);
export type QuizStatus = z.infer<typeof QuizStatusSchema>;

/** Whether a member can take the quiz now, from its status and window. */
export const QuizStateSchema = z
  .enum(['not_open', 'open', 'ended'])
  .describe('not_open 未开始；open 进行中；ended 已结束');
export type QuizState = z.infer<typeof QuizStateSchema>;

const CategorySchema = z.string().trim().max(20, '分类最多20个字');

export const PaperRuleSchema = z.object({
  type: QuizQuestionTypeSchema,
  category: CategorySchema.nullable().default(null).describe('只从该分类抽题；null 为不限分类'),
  count: z
    .number({ error: '请填写题数' })
    .int('题数应为整数')
    .min(1, '每条规则至少1题')
    .max(MAX_PAPER_RULE_COUNT, `每条规则最多${MAX_PAPER_RULE_COUNT}题`),
  points: z.number({ error: '请填写每题分值' }).int('分值应为整数').min(1, '每题至少1分').max(100, '每题最多100分'),
});
export type PaperRuleInput = z.input<typeof PaperRuleSchema>;

export const QuizInputSchema = z
  .object({
    title: z.string().trim().min(2, '标题至少2个字').max(40, '标题最多40个字'),
    description: z.string().trim().max(2000, '竞赛说明最多2000字').default(''),
    orgId: ObjectIdSchema.describe('主办组织：须在本人管辖范围内'),
    audienceOrgId: ObjectIdSchema.optional().describe('面向的组织（本级或下级），其下会员均可参加；默认为主办组织'),
    opensAt: DateTimeSchema,
    closesAt: DateTimeSchema,
    timeLimitMinutes: z
      .number({ error: '请填写答题时限' })
      .int('答题时限应为整数分钟')
      .min(1, '答题时限至少1分钟')
      .max(180, '答题时限最多180分钟'),
    attemptsPerMember: z
      .number({ error: '请填写每人答题次数' })
      .int('答题次数应为整数')
      .min(1, '每人至少可答1次')
      .max(MAX_ATTEMPTS_PER_MEMBER, `每人最多可答${MAX_ATTEMPTS_PER_MEMBER}次`),
    rules: z
      .array(PaperRuleSchema)
      .min(1, '至少设置一条组卷规则')
      .max(MAX_PAPER_RULES, `组卷规则最多${MAX_PAPER_RULES}条`),
    showExplanations: z.boolean().default(true).describe('交卷后显示标准答案与解析'),
  })
  .refine((input) => Date.parse(input.opensAt) < Date.parse(input.closesAt), {
    message: '结束时间应晚于开始时间',
    path: ['closesAt'],
  })
  .refine((input) => input.rules.reduce((sum, rule) => sum + rule.count, 0) <= MAX_PAPER_QUESTIONS, {
    message: `每份试卷最多${MAX_PAPER_QUESTIONS}题`,
    path: ['rules'],
  });
export type QuizInput = z.input<typeof QuizInputSchema>;
export type QuizInputValues = z.output<typeof QuizInputSchema>;

export const PaperRuleViewSchema = z.object({
  type: QuizQuestionTypeSchema,
  typeLabel: z.string().describe('单选题 / 多选题 / 判断题'),
  category: z.string().nullable(),
  count: z.number().int(),
  points: z.number().int(),
});

export const QuizSummarySchema = z.object({
  id: ObjectIdSchema,
  title: z.string(),
  status: QuizStatusSchema,
  state: QuizStateSchema,
  orgName: z.string().describe('主办组织'),
  audienceOrgName: z.string(),
  opensAt: DateTimeSchema,
  closesAt: DateTimeSchema,
  timeLimitMinutes: z.number().int(),
  attemptsPerMember: z.number().int(),
  questionCount: z.number().int().describe('每份试卷的题数'),
  totalPoints: z.number().int().describe('满分'),
});
export type QuizSummary = z.infer<typeof QuizSummarySchema>;

export const QuizBankStatsSchema = z.object({
  total: z.number().int(),
  byType: z.object({ single: z.number().int(), multiple: z.number().int(), true_false: z.number().int() }),
  categories: z
    .array(
      z.object({
        category: z.string().describe('空串为未分类'),
        single: z.number().int(),
        multiple: z.number().int(),
        true_false: z.number().int(),
      }),
    )
    .describe('按分类统计'),
});

export const QuizRuleCheckSchema = z.object({
  index: z.number().int().describe('组卷规则序号（从 0 开始）'),
  needed: z.number().int(),
  available: z.number().int().describe('题库中可供该规则抽取的题数（已扣除排在前面的规则占用的题）'),
  ok: z.boolean(),
  message: z.string().nullable().describe('不满足时的说明'),
});

export const StaffQuizDetailSchema = QuizSummarySchema.extend({
  description: z.string(),
  orgId: ObjectIdSchema,
  audienceOrgId: ObjectIdSchema,
  rules: z.array(PaperRuleViewSchema),
  showExplanations: z.boolean(),
  bank: QuizBankStatsSchema,
  ruleCheck: z.array(QuizRuleCheckSchema).describe('组卷规则与题库是否匹配（发布前须全部满足）'),
  bankEditable: z.boolean().describe('草稿时可增删改题目；发布后题库冻结'),
  participants: z.number().int().describe('参赛人数（至少交卷一次）'),
  attempts: z.number().int().describe('答题人次'),
  publishedAt: DateTimeSchema.nullable(),
});
export type StaffQuizDetail = z.infer<typeof StaffQuizDetailSchema>;

export const QuizQuestionInputSchema = z
  .object({
    type: QuizQuestionTypeSchema,
    stem: z.string().trim().min(2, '题干至少2个字').max(500, '题干最多500字'),
    options: z
      .array(z.string().trim().min(1, '选项不能为空').max(200, '选项最多200字'))
      .max(MAX_QUIZ_CHOICE_OPTIONS, `选项最多${MAX_QUIZ_CHOICE_OPTIONS}个`)
      .default([])
      .describe('选择题的选项（A、B…依次对应）；判断题不填，固定为“正确 / 错误”'),
    answer: z.array(QuizOptionLetterSchema).min(1, '请填写答案').max(MAX_QUIZ_CHOICE_OPTIONS),
    explanation: z.string().trim().max(1000, '解析最多1000字').default(''),
    category: CategorySchema.default(''),
  })
  .superRefine((question, ctx) => {
    if (question.type !== 'true_false' && question.options.length < MIN_QUIZ_CHOICE_OPTIONS) {
      ctx.addIssue({ code: 'custom', message: `选择题至少${MIN_QUIZ_CHOICE_OPTIONS}个选项`, path: ['options'] });
    }
  });
export type QuizQuestionInput = z.input<typeof QuizQuestionInputSchema>;

export const QuizQuestionSchema = z.object({
  id: ObjectIdSchema,
  type: QuizQuestionTypeSchema,
  typeLabel: z.string(),
  stem: z.string(),
  options: z.array(z.string()),
  answer: z.array(QuizOptionLetterSchema),
  explanation: z.string(),
  category: z.string(),
});
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>;

export const QuizQuestionListQuerySchema = CursorPageQuerySchema.extend({
  q: z.string().trim().max(30, '搜索词最多30个字').optional().describe('题干包含的文字'),
  type: QuizQuestionTypeSchema.optional(),
  category: CategorySchema.optional(),
});

export const StaffQuizListQuerySchema = CursorPageQuerySchema.extend({ status: QuizStatusSchema.optional() });

/** A bank can hold a city's whole set; one sheet carries at most this many questions. */
export const MAX_QUESTION_IMPORT_ROWS = 10_000;
export const MAX_QUESTION_SHEET_BYTES = 10 * 1024 * 1024;
/** The import report keeps at most this many problems (the count of bad rows is always exact). */
export const MAX_QUESTION_IMPORT_PROBLEMS = 200;

export const QuizQuestionImportQuerySchema = z.object({
  mode: z.enum(['dry-run', 'commit'], { error: '模式应为 dry-run 或 commit' }).default('dry-run'),
});

export const QuizQuestionImportResultSchema = z.object({
  mode: z.enum(['dry-run', 'commit']),
  rows: z.number().int().describe('表格中的题目行数'),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  problems: z
    .array(
      z.object({
        row: z.number().int().describe('表格行号（含表头，从 1 开始）'),
        column: z.string(),
        message: z.string(),
      }),
    )
    .describe(`有问题的行及原因（最多 ${MAX_QUESTION_IMPORT_PROBLEMS} 条）`),
  created: z.number().int().describe('导入模式下新增的题数；有任何错误则为 0（全部不导入）'),
  bank: QuizBankStatsSchema.describe('导入后（试导入时为导入前）的题库'),
});
export type QuizQuestionImportResult = z.infer<typeof QuizQuestionImportResultSchema>;

export const QuizRankingQuerySchema = z.object({
  orgId: ObjectIdSchema.optional().describe('只看该组织（含下级）的会员；默认为全部参赛者'),
  limit: z.coerce.number().int().min(1, '至少1名').max(100, '最多100名').default(50),
});

export const QuizRankingRowSchema = z.object({
  rank: z.number().int().describe('名次：同分同用时为同一名次'),
  name: z.string().describe('脱敏姓名'),
  orgName: z.string(),
  score: z.number(),
  durationSeconds: z.number().int(),
  submittedAt: DateTimeSchema,
});
export type QuizRankingRow = z.infer<typeof QuizRankingRowSchema>;

export const QuizRankingSchema = z.object({
  quizId: ObjectIdSchema,
  scope: z.object({ orgId: ObjectIdSchema, orgName: z.string() }),
  scopes: z
    .array(z.object({ orgId: ObjectIdSchema, orgName: z.string() }))
    .describe('可切换的排名范围：会员为本人所在的各级组织，工作人员为面向组织及其直属下级'),
  participants: z.number().int().describe('该范围内的参赛人数'),
  items: z.array(QuizRankingRowSchema).describe('前若干名：每人取最好的一次（分数高者优先，同分用时短者优先）'),
  me: QuizRankingRowSchema.nullable().describe('本人的名次与成绩（工作人员或未交卷时为 null）'),
});
export type QuizRanking = z.infer<typeof QuizRankingSchema>;

export const QuizOrgParticipationRowSchema = z.object({
  orgId: ObjectIdSchema,
  orgName: z.string(),
  members: z.number().int().describe('会员数（该组织及下级的在册会员）'),
  participants: z.number().int().describe('参赛人数（至少交卷一次）'),
  participationRate: z.number().min(0).max(1).nullable().describe('参与率 0–1；没有会员时为 null'),
  averageScore: z.number().nullable().describe('参赛者最好成绩的平均分'),
});

export const QuizParticipationSchema = z.object({
  quizId: ObjectIdSchema,
  audienceOrgId: ObjectIdSchema,
  totals: QuizOrgParticipationRowSchema.describe('面向组织整体'),
  items: z.array(QuizOrgParticipationRowSchema).describe('面向组织的各直属下级'),
});
export type QuizParticipation = z.infer<typeof QuizParticipationSchema>;

const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: '知识竞赛管理' } as const;

export const quizAdminEndpoints = {
  staffQuizzes: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quizzes',
    summary: '本人管辖范围内的知识竞赛',
    query: StaffQuizListQuerySchema,
    response: pageOf(QuizSummarySchema),
  }),
  createQuiz: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/quizzes',
    summary: '创建知识竞赛（草稿）',
    body: QuizInputSchema,
    response: StaffQuizDetailSchema,
  }),
  staffQuiz: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quizzes/:id',
    summary: '竞赛详情（组织者）：设置、题库统计、组卷规则检查、参赛人数',
    response: StaffQuizDetailSchema,
  }),
  updateQuiz: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/quizzes/:id',
    summary: '修改竞赛设置（仅草稿）',
    body: QuizInputSchema,
    response: StaffQuizDetailSchema,
  }),
  publishQuiz: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/quizzes/:id/publish',
    summary: '发布竞赛：每条组卷规则须有足够的题（否则 400，逐条说明）；发布后题库冻结',
    response: StaffQuizDetailSchema,
  }),
  closeQuiz: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/quizzes/:id/close',
    summary: '提前结束竞赛：不能再开始答题，进行中的答卷按已保存的答案计分',
    response: StaffQuizDetailSchema,
  }),
  questions: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quizzes/:id/questions',
    summary: '题库（按导入先后，可按题干搜索、按题型和分类筛选）',
    query: QuizQuestionListQuerySchema,
    response: pageOf(QuizQuestionSchema),
  }),
  createQuestion: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/quizzes/:id/questions',
    summary: '添加一道题（仅草稿）',
    body: QuizQuestionInputSchema,
    response: QuizQuestionSchema,
  }),
  updateQuestion: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/quizzes/:id/questions/:questionId',
    summary: '修改一道题（仅草稿；发布后 409）',
    body: QuizQuestionInputSchema,
    response: QuizQuestionSchema,
  }),
  deleteQuestion: defineEndpoint({
    ...staff,
    method: 'delete',
    path: '/api/staff/quizzes/:id/questions/:questionId',
    summary: '删除一道题（仅草稿；发布后 409）',
    response: z.object({ ok: z.literal(true) }),
  }),
  importQuestions: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/quizzes/:id/questions/import',
    rateLimit: { name: 'quiz-question-import', points: 30, durationSeconds: 600 },
    summary: '从 .xlsx 批量导入题目（仅草稿）：先试导入逐行检查，再全部导入或全部不导入',
    query: QuizQuestionImportQuerySchema,
    rawBody: { contentTypes: [SHEET_CONTENT_TYPES[0]], maxBytes: MAX_QUESTION_SHEET_BYTES },
    response: QuizQuestionImportResultSchema,
  }),
  questionTemplate: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quiz-question-template',
    summary: '题目导入模板（.xlsx，含填写说明与示例）',
    response: z.unknown(),
    rawResponse: { contentType: SHEET_CONTENT_TYPES[0] },
  }),
  staffRanking: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quizzes/:id/ranking',
    summary: '排名（全部或某组织），姓名脱敏',
    query: QuizRankingQuerySchema,
    response: QuizRankingSchema,
  }),
  participation: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/quizzes/:id/participation',
    summary: '各组织参与情况：会员数、参赛人数、参与率、平均分（用于总结报告）',
    response: QuizParticipationSchema,
  }),
};
