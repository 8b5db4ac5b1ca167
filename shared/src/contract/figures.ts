/**
 * The cadres' figures (统计) and the annual report (年度工作报表) of an org subtree, read from
 * daily counters (never from raw records). A period is a month `2026-03`, a quarter `2026-Q1`,
 * a year `2026` or a custom `from`–`to`, in China dates, always compared with the same period
 * a year earlier (同比). A value is null when nobody could compute it (无数据: a rate without a
 * denominator, a median without cases, a state with no history); 0 means counted and none.
 */
import { z } from 'zod';
import { ObjectIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { customPeriod, periodOfLabel } from '../figure-periods';
import { UNION_OFFICE_ROLES } from '../roles';

const day = z.iso.date('日期格式应为 YYYY-MM-DD');

/** How a value reads: a count, money in fen, a 0–1 rate, or a number of days / hours / points. */
export const FigureFormatSchema = z.enum(['count', 'fen', 'rate', 'days', 'hours', 'score']);
export type FigureFormat = z.infer<typeof FigureFormatSchema>;

export const FigureSectionKeySchema = z.enum(['membership', 'stations', 'aid', 'benefits', 'activities']);
export type FigureSectionKey = z.infer<typeof FigureSectionKeySchema>;

const figuresQueryFields = {
  orgId: ObjectIdSchema.optional().describe('默认为本人管辖的组织（含下级）'),
  period: z.string().trim().optional().describe('2026-03（月）、2026-Q1（季度）、2026（年）；与 from/to 二选一'),
  from: day.optional(),
  to: day.optional(),
};

/** One period: a label, or a custom from–to of at most two calendar years. */
function checkPeriod(
  query: { period?: string; from?: string; to?: string },
  context: z.core.$RefinementCtx<unknown>,
): void {
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      context.addIssue({ code: 'custom', path: ['period'], message: '统计期间请选择月、季度、年或自定义日期之一' });
    } else if (!periodOfLabel(query.period)) {
      context.addIssue({ code: 'custom', path: ['period'], message: '统计期间应为 2026-03、2026-Q1 或 2026' });
    }
    return;
  }
  if (query.from === undefined || query.to === undefined) {
    context.addIssue({ code: 'custom', path: ['period'], message: '请选择统计期间' });
    return;
  }
  if (!customPeriod(query.from, query.to)) {
    context.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  } else if (query.from.slice(0, 4) < String(Number(query.to.slice(0, 4)) - 1)) {
    context.addIssue({ code: 'custom', path: ['from'], message: '自定义期间最长两年' });
  }
}

export const FiguresQuerySchema = z.object(figuresQueryFields).superRefine(checkPeriod);
export type FiguresQuery = z.infer<typeof FiguresQuerySchema>;

export const FigureDetailQuerySchema = z
  .object({ ...figuresQueryFields, figure: z.string({ error: '请选择统计项' }).trim().min(1, '请选择统计项').max(60) })
  .superRefine(checkPeriod);

export const FigurePeriodSchema = z.object({
  kind: z.enum(['month', 'quarter', 'year', 'custom']),
  label: z.string().describe('如 2026年3月、2026年第1季度、2026年、2026-03-01 至 2026-03-15'),
  from: day,
  to: day,
});

const value = z.number().nullable().describe('null 为无数据');

export const FigureBreakdownRowSchema = z.object({ key: z.string(), label: z.string(), value });

export const FigureSchema = z.object({
  key: z.string().describe('如 members.new'),
  label: z.string(),
  format: FigureFormatSchema,
  value,
  lastYear: value.describe('上年同期；当前状态类指标为 null'),
  /** A state now (stations by status, merchants), not a sum over the period: no history, no series. */
  current: z.boolean(),
  note: z.string().optional().describe('口径说明'),
  breakdown: z.array(FigureBreakdownRowSchema).optional().describe('按档次、职业、类别、时段等'),
});
export type Figure = z.infer<typeof FigureSchema>;

export const FigureSectionSchema = z.object({
  key: FigureSectionKeySchema,
  title: z.string(),
  figures: z.array(FigureSchema),
});

export const FigureOrgSchema = z.object({ id: ObjectIdSchema, name: z.string(), level: z.string() });

export const FiguresReportSchema = z.object({
  org: FigureOrgSchema,
  /** From the actor's own top org down to this one: the way back up. */
  trail: z.array(FigureOrgSchema),
  children: z.array(FigureOrgSchema).describe('下级组织，可切换查看'),
  period: FigurePeriodSchema,
  comparedWith: FigurePeriodSchema,
  sections: z.array(FigureSectionSchema),
});
export type FiguresReport = z.infer<typeof FiguresReportSchema>;

export const FigureDetailSchema = z.object({
  org: FigureOrgSchema,
  period: FigurePeriodSchema,
  comparedWith: FigurePeriodSchema,
  figure: FigureSchema,
  /** By day for a month or a custom period up to 62 days, else by month; empty for a current state. */
  series: z.array(z.object({ label: z.string(), value, lastYear: value })),
  byChild: z.array(z.object({ org: FigureOrgSchema, value })).describe('按下级组织（含其下级）'),
});
export type FigureDetail = z.infer<typeof FigureDetailSchema>;

export const AnnualReportQuerySchema = z.object({
  orgId: ObjectIdSchema.optional().describe('默认为本人管辖的组织（含下级）'),
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int('年份应为整数')
    .min(2000, '年份不早于2000年')
    .max(2100, '年份不晚于2100年'),
});

export const AnnualReportSchema = FiguresReportSchema.extend({
  year: z.number().int(),
  generatedAt: z.iso.datetime(),
  /** Every figure of the report for each child org (its whole subtree), in the sections' order. */
  childRows: z.array(z.object({ org: FigureOrgSchema, values: z.record(z.string(), value) })),
});
export type AnnualReport = z.infer<typeof AnnualReportSchema>;

export const FIGURES_SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: '统计与年报' } as const;

export const figureEndpoints = {
  figures: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/figures',
    summary: '组织（含下级）统计：会员、驿站、助学、普惠、活动与竞赛，任意期间，上年同期对比',
    query: FiguresQuerySchema,
    response: FiguresReportSchema,
  }),
  figure: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/figure',
    summary: '单项统计（figure 如 members.new）：按日或按月的走势（含上年同期）与按下级组织的分布',
    query: FigureDetailQuerySchema,
    response: FigureDetailSchema,
  }),
  annualReport: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/annual-report',
    summary: '年度工作报表（可打印）：全年各项统计、上年对比与下级组织明细',
    query: AnnualReportQuerySchema,
    response: AnnualReportSchema,
  }),
  annualReportSheet: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/annual-report.xlsx',
    rateLimit: { name: 'annual-report-sheet', points: 30, durationSeconds: 600 },
    summary: '导出年度工作报表（.xlsx）：每个板块一张表，另附下级组织明细表',
    query: AnnualReportQuerySchema,
    response: z.unknown(),
    rawResponse: { contentType: FIGURES_SPREADSHEET_TYPE },
  }),
};
