/**
 * Skill contests (技能竞赛), organiser side: a skill_contest activity's setup (rounds, rubrics,
 * aggregation, advancement, ranking, awards), its judges, round progress and closing, the
 * results preview and publishing. Judges are in contest-judging.ts, members in contest-results.ts;
 * the arithmetic (aggregation, ranking, awards) is in ../contest-rules.ts.
 */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema, OkSchema, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';

export const MAX_CONTEST_ROUNDS = 6;
export const MAX_RUBRIC_ITEMS = 20;
export const MAX_AWARD_TIERS = 6;
export const MAX_TIE_BREAKS = 10;
/** One round's or item's points, and a measure's value, stay below this. */
export const MAX_POINTS = 10_000;

const KeySchema = z.string().regex(/^[a-z0-9_-]{1,32}$/, '编号应为1至32位小写字母、数字、下划线或短横线');

const points = (what: string) =>
  z
    .number({ error: `请填写${what}` })
    .positive(`${what}应大于0`)
    .max(MAX_POINTS, `${what}最多${MAX_POINTS}`);

export const RubricItemInputSchema = z.object({
  id: KeySchema,
  name: z.string().trim().min(1, '请填写评分项名称').max(20, '评分项名称最多20个字'),
  maxPoints: points('满分'),
  /** A sheet's total is Σ points × weight; 1 keeps the item's points as they are. */
  weight: z.number({ error: '请填写权重' }).positive('权重应大于0').max(100, '权重最多100').default(1),
});

export const ROUND_SCORINGS = ['rubric', 'plain', 'measure'] as const;
export const RoundScoringSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('rubric'),
      items: z
        .array(RubricItemInputSchema)
        .min(1, '至少设置一个评分项')
        .max(MAX_RUBRIC_ITEMS, `最多${MAX_RUBRIC_ITEMS}个评分项`),
    }),
    z.object({ kind: z.literal('plain'), maxPoints: points('满分') }),
    z.object({
      kind: z.literal('measure'),
      unit: z.string().trim().min(1, '请填写计量单位').max(8, '计量单位最多8个字'),
      better: z.enum(['lower', 'higher'], { error: '请选择数值越小越好或越大越好' }),
    }),
  ],
  { error: '请选择评分方式：评分表、直接打分或计时/计量' },
);
export type RoundScoring = z.infer<typeof RoundScoringSchema>;

export const AggregationSchema = z.object({
  method: z.enum(['mean', 'trimmed_mean'], { error: '请选择平均或去掉最高最低分后平均' }),
  /** Trimmed mean drops one highest and one lowest sheet only when at least this many judges submitted. */
  trimWhenAtLeast: z.number().int('评委人数应为整数').min(3, '去掉最高最低分至少需要3位评委').max(50).default(5),
});

export const AdvancementSchema = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('all') }),
    /** The best k of each group advance; entrants tied with the k-th advance too. */
    z.object({
      mode: z.literal('top_k'),
      k: z.number({ error: '请填写晋级人数' }).int('晋级人数应为整数').min(1, '晋级人数至少为1').max(10_000),
    }),
    /** Round score at least this (at most, for a measure where lower is better). */
    z.object({
      mode: z.literal('threshold'),
      score: z
        .number({ error: '请填写晋级分数线' })
        .min(0)
        .max(MAX_POINTS * MAX_RUBRIC_ITEMS * 100),
    }),
  ],
  { error: '请选择晋级方式：全部晋级、每组前K名或分数线' },
);

export const ContestRoundInputSchema = z.object({
  id: KeySchema,
  name: z.string().trim().min(1, '请填写轮次名称').max(20, '轮次名称最多20个字'),
  scoring: RoundScoringSchema,
  aggregation: AggregationSchema.default({ method: 'mean', trimWhenAtLeast: 5 }),
  /** Percent of the weighted total; ignored when the ranking basis is the last round. */
  weight: z.number({ error: '请填写轮次权重' }).min(0, '轮次权重不能为负').max(100, '轮次权重最多100').default(0),
  /** Who goes on to the next round; ignored on the last round. */
  advancement: AdvancementSchema.default({ mode: 'all' }),
});
export type ContestRoundInput = z.input<typeof ContestRoundInputSchema>;

/** Applied in order after the basis; entrants still equal share the rank (1, 1, 3). */
export const TieBreakSchema = z.discriminatedUnion(
  'by',
  [
    z.object({ by: z.literal('item'), roundId: KeySchema, itemId: KeySchema }).describe('该评分项平均分高者在前'),
    z.object({ by: z.literal('round'), roundId: KeySchema }).describe('该轮成绩好者在前（计时按越小/越大为好）'),
  ],
  { error: '并列规则应为按评分项或按轮次' },
);
export type TieBreak = z.infer<typeof TieBreakSchema>;

export const RankingSchema = z.object({
  basis: z.enum(['weighted_total', 'last_round'], { error: '请选择按加权总分或按最后一轮排名' }),
  tieBreak: z.array(TieBreakSchema).max(MAX_TIE_BREAKS, `并列规则最多${MAX_TIE_BREAKS}条`).default([]),
});

export const AwardTierSchema = z.union(
  [
    z.object({
      name: z.string().trim().min(1, '请填写奖项名称').max(12, '奖项名称最多12个字'),
      count: z.number().int('获奖名额应为整数').min(1, '获奖名额至少为1').max(10_000),
    }),
    z.object({
      name: z.string().trim().min(1, '请填写奖项名称').max(12, '奖项名称最多12个字'),
      sharePercent: z.number().gt(0, '获奖比例应大于0').max(100, '获奖比例最多100%'),
    }),
  ],
  { error: '奖项应填写名额（count）或比例（sharePercent）' },
);
export type AwardTier = z.infer<typeof AwardTierSchema>;

export const GroupAwardsSchema = z.object({
  groupId: KeySchema,
  /** Best first: 一等奖, 二等奖, 三等奖, 优秀奖. A share is of the group's ranked entrants, rounded down. */
  tiers: z.array(AwardTierSchema).max(MAX_AWARD_TIERS, `每组最多${MAX_AWARD_TIERS}个奖项`),
});

export const ContestSetupInputSchema = z.object({
  rounds: z
    .array(ContestRoundInputSchema)
    .min(1, '至少设置一轮')
    .max(MAX_CONTEST_ROUNDS, `最多${MAX_CONTEST_ROUNDS}轮`),
  ranking: RankingSchema,
  awards: z.array(GroupAwardsSchema).max(50).default([]),
});
export type ContestSetupInput = z.infer<typeof ContestSetupInputSchema>;
export type ContestSetupDraft = z.input<typeof ContestSetupInputSchema>;
export type ContestRound = ContestSetupInput['rounds'][number];

export const ROUND_STATUSES = ['pending', 'open', 'closed'] as const;
export const RoundStatusSchema = z
  .enum(ROUND_STATUSES)
  .describe('pending 未开始；open 评分中；closed 已结束（成绩与晋级已确定）');
export type RoundStatus = z.infer<typeof RoundStatusSchema>;

export const ContestGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  team: z.boolean(),
  entrants: z.number().int(),
});

export const ContestSetupViewSchema = z.object({
  activityId: ObjectIdSchema,
  title: z.string(),
  orgName: z.string(),
  groups: z.array(ContestGroupSchema),
  setup: ContestSetupInputSchema.nullable().describe('尚未设置时为 null'),
  rounds: z.array(
    z.object({ id: z.string(), name: z.string(), status: RoundStatusSchema, closedAt: DateTimeSchema.nullable() }),
  ),
  scoresSubmitted: z.boolean().describe('已有评委提交评分：此后只能修改不影响已评分含义的设置'),
  scoresRevision: z.number().int().describe('成绩版本：每次更正、结束轮次前后递增；发布时须与预览一致'),
  publication: z.object({ number: z.number().int(), publishedAt: DateTimeSchema }).nullable(),
});
export type ContestSetupView = z.infer<typeof ContestSetupViewSchema>;

export const JudgeInvitationRequestSchema = z.object({
  groupIds: z.array(KeySchema).min(1, '请至少选择一个组别').max(50),
  roundIds: z.array(KeySchema).max(MAX_CONTEST_ROUNDS).default([]).describe('空数组为全部轮次'),
  maxUses: z.number().int('使用次数应为整数').min(1, '至少可用1次').max(20, '最多可用20次').default(1),
  validDays: z.number().int('有效天数应为整数').min(1, '至少有效1天').max(30, '最多有效30天').default(7),
});

export const JudgeInvitationSchema = z.object({
  code: z.string().describe('只显示这一次，请转交评委'),
  expiresAt: DateTimeSchema,
  maxUses: z.number().int(),
  groupIds: z.array(z.string()),
  roundIds: z.array(z.string()),
});

export const ContestJudgeSchema = z.object({
  id: ObjectIdSchema,
  displayName: z.string(),
  groupIds: z.array(z.string()),
  roundIds: z.array(z.string()).describe('空数组为全部轮次'),
  boundAt: DateTimeSchema,
  submittedSheets: z.number().int(),
});
export type ContestJudge = z.infer<typeof ContestJudgeSchema>;

export const JudgeScopeRequestSchema = z.object({
  groupIds: z.array(KeySchema).min(1, '请至少选择一个组别').max(50),
  roundIds: z.array(KeySchema).max(MAX_CONTEST_ROUNDS).default([]),
});

export const SHEET_STATUSES = ['none', 'draft', 'submitted'] as const;
export const SheetStatusSchema = z.enum(SHEET_STATUSES).describe('none 未评；draft 草稿；submitted 已提交');

export const RoundProgressSchema = z.object({
  roundId: z.string(),
  roundName: z.string(),
  status: RoundStatusSchema,
  expected: z.number().int().describe('应交评分表数（不含缺考）'),
  submitted: z.number().int(),
  judges: z.array(
    z.object({
      judgeId: ObjectIdSchema,
      displayName: z.string(),
      expected: z.number().int(),
      submitted: z.number().int(),
    }),
  ),
  entrants: z.array(
    z.object({
      entrantId: ObjectIdSchema,
      bib: z.string().optional().describe('参赛号（总会给出）'),
      name: z.string().describe('姓名或队名（组织者可见全名）'),
      groupId: z.string(),
      groupName: z.string(),
      absent: z.boolean(),
      expected: z.number().int(),
      submitted: z.number().int(),
      missingJudges: z.array(z.string()).describe('未提交的评委'),
    }),
  ),
});
export type RoundProgress = z.infer<typeof RoundProgressSchema>;

/** Round ids are keys, not document ids, so they travel in the query or body (path parameters are ids). */
export const RoundQuerySchema = z.object({ roundId: KeySchema });

export const AbsenceRequestSchema = z.object({ roundId: KeySchema, absent: z.boolean({ error: '请说明是否缺考' }) });

export const CloseRoundRequestSchema = z.object({ roundId: KeySchema, requestId: RequestIdSchema.optional() });

export const JudgeScoreSchema = z.object({
  judgeId: ObjectIdSchema,
  judgeName: z.string(),
  total: z.number().nullable().describe('未提交时为 null'),
  items: z.record(z.string(), z.number().nullable()),
  corrected: z.boolean(),
});

export const RoundResultSchema = z.object({
  roundId: z.string(),
  score: z.number().nullable().describe('本轮成绩（保留两位小数）；缺考或无评分为 null'),
  absent: z.boolean(),
  incomplete: z.boolean().describe('有评委未提交'),
  trimmed: z.boolean().describe('已去掉一个最高分和一个最低分'),
  advanced: z.boolean().nullable().describe('是否晋级下一轮；本轮未结束或为最后一轮时为 null'),
});

export const ResultRowSchema = z.object({
  entrantId: ObjectIdSchema,
  rank: z.number().int().nullable().describe('并列同名次（1,1,3）；缺考未排名为 null'),
  award: z.string().nullable(),
  total: z.number().nullable().describe('排名依据的成绩'),
  reachedRoundId: z.string().describe('到达的最后一轮'),
  rounds: z.array(RoundResultSchema),
});

export const PreviewRowSchema = ResultRowSchema.extend({
  bib: z.string().optional().describe('参赛号（总会给出）'),
  name: z.string().describe('姓名或队名（全名，仅组织者可见）'),
  judges: z.array(z.object({ roundId: z.string(), scores: z.array(JudgeScoreSchema) })),
});

export const ResultsPreviewSchema = z.object({
  scoresRevision: z.number().int().describe('发布时原样提交'),
  publishable: z.boolean(),
  blockers: z.array(z.string()).describe('不能发布的原因（如：实操 尚未结束）'),
  publication: z.object({ number: z.number().int(), publishedAt: DateTimeSchema }).nullable(),
  rounds: z.array(
    z.object({ id: z.string(), name: z.string(), status: RoundStatusSchema, unit: z.string().nullable() }),
  ),
  groups: z.array(z.object({ groupId: z.string(), groupName: z.string(), rows: z.array(PreviewRowSchema) })),
});
export type ResultsPreview = z.infer<typeof ResultsPreviewSchema>;

export const PublishRequestSchema = z.object({
  scoresRevision: z.number({ error: '请先预览成绩' }).int().min(0).describe('预览时的成绩版本；其后有更正则须重新预览'),
});

export const PublicationSchema = z.object({
  number: z.number().int().describe('发布号：证书验证须与之一致'),
  publishedAt: DateTimeSchema,
  scoresRevision: z.number().int(),
  notified: z.number().int().describe('已通知的参赛者数'),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const StaffContestSummarySchema = z.object({
  activityId: ObjectIdSchema,
  title: z.string(),
  orgName: z.string(),
  firstSessionStartsAt: DateTimeSchema,
  setUp: z.boolean().describe('已设置轮次'),
  rounds: z.array(z.object({ id: z.string(), name: z.string(), status: RoundStatusSchema })),
  judges: z.number().int(),
  publishedAt: DateTimeSchema.nullable(),
});
export type StaffContestSummary = z.infer<typeof StaffContestSummarySchema>;

const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: '竞赛管理' } as const;

export const contestEndpoints = {
  staffContests: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/contests',
    summary: '管辖范围内的技能竞赛（活动类型为技能竞赛、未取消），最近的在前',
    response: z.object({ items: z.array(StaffContestSummarySchema) }),
  }),
  contestSetup: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/contests/:id/setup',
    summary: '技能竞赛设置（轮次、评分表、汇总、晋级、排名、奖项）与各轮状态',
    response: ContestSetupViewSchema,
  }),
  saveContestSetup: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/contests/:id/setup',
    summary: '保存竞赛设置；已有评分提交后，改变已评分含义的修改返回 409',
    body: ContestSetupInputSchema,
    response: ContestSetupViewSchema,
  }),
  createJudgeInvitation: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/contests/:id/judge-invitations',
    rateLimit: { name: 'judge-invitation', points: 30, durationSeconds: 600 },
    summary: '生成评委邀请码（指定组别与轮次；只显示一次）',
    body: JudgeInvitationRequestSchema,
    response: JudgeInvitationSchema,
  }),
  contestJudges: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/contests/:id/judges',
    summary: '本竞赛的评委',
    response: z.object({ items: z.array(ContestJudgeSchema) }),
  }),
  updateContestJudge: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/contests/:id/judges/:judgeId',
    summary: '修改评委负责的组别与轮次',
    body: JudgeScopeRequestSchema,
    response: ContestJudgeSchema,
  }),
  removeContestJudge: defineEndpoint({
    ...staff,
    method: 'delete',
    path: '/api/staff/contests/:id/judges/:judgeId',
    summary: '移除评委（已提交的评分保留，立即不能再评分）',
    response: OkSchema,
  }),
  roundProgress: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/contests/:id/progress',
    summary: '本轮评分进度：已交/应交，按评委与参赛者',
    query: RoundQuerySchema,
    response: RoundProgressSchema,
  }),
  markAbsent: defineEndpoint({
    ...staff,
    method: 'put',
    path: '/api/staff/contests/:id/absences/:entrantId',
    summary: '标记或取消缺考（本轮未结束时）',
    body: AbsenceRequestSchema,
    response: RoundProgressSchema,
  }),
  closeRound: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/contests/:id/close-round',
    summary: '结束本轮：计算并锁定成绩与晋级，开放下一轮；有未交评分时返回 409 并列出',
    body: CloseRoundRequestSchema,
    response: RoundProgressSchema,
  }),
  resultsPreview: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/contests/:id/results/preview',
    summary: '成绩预览：各组排名、奖项与各评委评分',
    response: ResultsPreviewSchema,
  }),
  publishResults: defineEndpoint({
    ...staff,
    method: 'post',
    path: '/api/staff/contests/:id/results/publish',
    summary: '发布成绩（只发布一次，重复调用返回同一发布；预览后有更正则返回 409）并通知参赛者',
    body: PublishRequestSchema,
    response: PublicationSchema,
  }),
};
