/**
 * Skill contests, judge side (评委): binding an invitation code, the contests and entrants assigned
 * to me, and my score sheets: draft saves guarded by revision, submit, correction with a reason.
 * Other judges' scores for an entrant show only once every judge assigned to it has submitted.
 */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import {
  JudgeScoreSchema,
  RoundQuerySchema,
  RoundScoringSchema,
  RoundStatusSchema,
  SheetStatusSchema,
} from './contests';

const ScoreSchema = z.number({ error: '分数应为数字' }).finite('分数应为数字');

/** Rubric rounds fill `items` (item id → points); plain and measure rounds fill `value`. Drafts may leave blanks (null). */
export const SheetScoresSchema = z.object({
  items: z.record(z.string().max(32), ScoreSchema.nullable()).default({}),
  value: ScoreSchema.nullable().default(null),
});
export type SheetScores = z.infer<typeof SheetScoresSchema>;

export const SaveSheetRequestSchema = SheetScoresSchema.extend({
  roundId: RoundQuerySchema.shape.roundId,
  revision: z.number({ error: '缺少评分表版本' }).int().min(0).describe('读取时的版本；新评分表为 0'),
});

export const SubmitSheetRequestSchema = SaveSheetRequestSchema.extend({ requestId: RequestIdSchema });

export const CorrectSheetRequestSchema = SubmitSheetRequestSchema.extend({
  reason: z.string().trim().min(4, '更正原因至少4个字').max(200, '更正原因最多200字'),
});

export const BindJudgeRequestSchema = z.object({
  code: z.string().trim().min(6, '邀请码格式不正确').max(32, '邀请码格式不正确'),
  displayName: z
    .string()
    .trim()
    .min(2, '姓名至少2个字')
    .max(20, '姓名最多20个字')
    .optional()
    .describe('评委姓名；不填时用实名会员姓名或微信昵称'),
});

export const SheetCorrectionSchema = z.object({
  at: DateTimeSchema,
  by: z.string(),
  reason: z.string(),
  before: SheetScoresSchema.extend({ total: z.number().nullable() }),
  after: SheetScoresSchema.extend({ total: z.number().nullable() }),
});

export const JudgeRoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: RoundStatusSchema,
  scoring: RoundScoringSchema,
  assigned: z.number().int().describe('分配给我的参赛者（不含缺考）'),
  submitted: z.number().int(),
});

export const JudgeContestSchema = z.object({
  activityId: ObjectIdSchema,
  title: z.string(),
  orgName: z.string(),
  judgeName: z.string(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  rounds: z.array(JudgeRoundSchema),
  published: z.boolean(),
});
export type JudgeContest = z.infer<typeof JudgeContestSchema>;

export const JudgeEntrantSchema = z.object({
  entrantId: ObjectIdSchema,
  bib: z.string().optional().describe('参赛号（按报名先后，本竞赛内唯一；总会给出）'),
  name: z.string().describe('脱敏姓名或队名：评委凭参赛号辨认选手'),
  groupId: z.string(),
  groupName: z.string(),
  absent: z.boolean(),
  sheetStatus: SheetStatusSchema,
  total: z.number().nullable().describe('我的评分合计'),
});

export const JudgeRoundEntrantsSchema = z.object({
  round: JudgeRoundSchema,
  items: z.array(JudgeEntrantSchema),
});

export const ScoreSheetSchema = z.object({
  activityId: ObjectIdSchema,
  round: JudgeRoundSchema,
  entrant: JudgeEntrantSchema,
  status: SheetStatusSchema,
  scores: SheetScoresSchema,
  total: z.number().nullable().describe('合计（评分表 Σ 分数×权重；直接打分或计量为该值）；未填完为 null'),
  revision: z.number().int().describe('保存时原样提交；他处已保存则返回 409 及最新内容'),
  submittedAt: DateTimeSchema.nullable(),
  corrections: z.array(SheetCorrectionSchema),
  canEdit: z.boolean().describe('本轮评分中且本表未提交'),
  canCorrect: z.boolean().describe('已提交、本轮未结束或已结束但成绩未公布'),
  others: z
    .array(JudgeScoreSchema)
    .nullable()
    .describe('其他评委的评分：分配给该参赛者的评委全部提交后才可见，此前为 null'),
});
export type ScoreSheet = z.infer<typeof ScoreSheetSchema>;

const judge = { access: 'user', tag: '竞赛评分' } as const;
const SHEET = '/api/contest-judging/contests/:id/entrants/:entrantId/sheet';

export const contestJudgingEndpoints = {
  bindJudge: defineEndpoint({
    ...judge,
    method: 'post',
    path: '/api/contest-judging/bind',
    rateLimit: { name: 'judge-bind', points: 10, durationSeconds: 600 },
    summary: '凭邀请码成为该竞赛的评委',
    body: BindJudgeRequestSchema,
    response: JudgeContestSchema,
  }),
  myJudgedContests: defineEndpoint({
    ...judge,
    method: 'get',
    path: '/api/contest-judging/contests',
    summary: '我担任评委的竞赛',
    response: z.object({ items: z.array(JudgeContestSchema) }),
  }),
  judgeRoundEntrants: defineEndpoint({
    ...judge,
    method: 'get',
    path: '/api/contest-judging/contests/:id/entrants',
    summary: '本轮分配给我的参赛者及我的评分状态',
    query: RoundQuerySchema,
    response: JudgeRoundEntrantsSchema,
  }),
  myScoreSheet: defineEndpoint({
    ...judge,
    method: 'get',
    path: SHEET,
    summary: '我对该参赛者本轮的评分表（全部评委提交后可见他人评分）',
    query: RoundQuerySchema,
    response: ScoreSheetSchema,
  }),
  saveScoreSheet: defineEndpoint({
    ...judge,
    method: 'put',
    path: SHEET,
    summary: '保存草稿（按版本比对；另一台设备已先保存时返回 409 sheet_changed，请重新读取最新内容）',
    body: SaveSheetRequestSchema,
    response: ScoreSheetSchema,
  }),
  submitScoreSheet: defineEndpoint({
    ...judge,
    method: 'post',
    path: `${SHEET}/submit`,
    summary: '提交评分（须填完；按 requestId 幂等）',
    body: SubmitSheetRequestSchema,
    response: ScoreSheetSchema,
  }),
  correctScoreSheet: defineEndpoint({
    ...judge,
    method: 'post',
    path: `${SHEET}/correct`,
    summary: '更正已提交的评分（须说明原因，留痕；成绩公布后不能更正）',
    body: CorrectSheetRequestSchema,
    response: ScoreSheetSchema,
  }),
};
