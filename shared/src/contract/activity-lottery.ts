/** Activities: 抽签（承诺、开奖、公开结果与验证）. */
import { z } from 'zod';
import { DateTimeSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';

export const LOTTERY_TAGS = ['new_employment_form', 'first_time', 'repeated_no_show'] as const;

/** One published draw input, kept tiny (100,000 rows ≈ 5 MB): enough to recompute with drawLottery. */
export const LotteryPublishedEntrySchema = z.object({
  id: z.string(),
  weight: z.number(),
  tags: z.array(z.enum(LOTTERY_TAGS)),
  rank: z.number().int(),
});

export const PublishedLotteryResultSchema = z.object({
  commitment: z.string().nullable().describe('SHA-256(种子)，发布时公布，此后不变'),
  committedAt: DateTimeSchema.nullable(),
  drawnAt: DateTimeSchema.nullable(),
  seed: z.string().nullable().describe('开奖后公布的种子；开奖前为 null'),
  groups: z.array(
    z.object({
      groupId: z.string(),
      groupName: z.string(),
      places: z.number().int(),
      entries: z.array(LotteryPublishedEntrySchema),
      winners: z.array(z.object({ rank: z.number().int(), maskedName: z.string() })),
    }),
  ),
  weightRules: z.record(z.string(), z.number()),
});
export type PublishedLotteryResult = z.infer<typeof PublishedLotteryResultSchema>;

export const LotteryDrawResponseSchema = z.object({
  drawnAt: DateTimeSchema,
  drawn: z.number().int().describe('本次开奖处理的报名数'),
  winners: z.number().int(),
});

export const activityLotteryEndpoints = {
  activityLottery: defineEndpoint({
    method: 'get',
    path: '/api/activities/:id/lottery',
    access: 'user',
    tag: '活动报名',
    summary: '抽签承诺与公开结果（开奖后公布种子，任何人可复算）',
    response: PublishedLotteryResultSchema,
  }),
  drawLottery: defineEndpoint({
    method: 'post',
    path: '/api/staff/activities/:id/lottery/draw',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '报名截止后开奖（只开一次；再次调用返回 409）',
    response: LotteryDrawResponseSchema,
  }),
};
