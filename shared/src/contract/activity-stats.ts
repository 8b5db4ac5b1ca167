/**
 * Activities: 统计（每个活动的场次出勤；每个组织的场次、报名人次、参与人次、签到率、按日）.
 * These are the figures the annual report reads, so each is defined once here:
 * - 场次 (sessions): sessions of published activities that started within the period;
 * - 报名人次 (signUps): entries that held or were waiting for a place (not cancelled before the
 *   activity, not rejected), counted on the day they were made;
 * - 参与人次 (participants): check-ins, one per member per session (each teammate counts);
 * - 签到率 (checkInRate): checked-in entries (a team once) / expected, where expected counts confirmed entries
 *   (checked in, completed or no-show included) per session that has ended; null with nothing expected.
 */
import { z } from 'zod';
import { ObjectIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';
import { ActivityKindSchema } from '../activity-rules';

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable().describe('0–1；没有应到人数时为 null');

export const ActivitySessionStatsSchema = z.object({
  sessionIndex: z.number().int(),
  date: z.iso.date(),
  expected: count.describe('应到：本场次开始时的确认报名数'),
  checkedIn: count,
  checkInRate: rate,
});

export const ActivityStatsSchema = z.object({
  activityId: ObjectIdSchema,
  signUps: count.describe('报名人次'),
  confirmed: count,
  waitlisted: count,
  cancelled: count,
  participants: count.describe('参与人次（各场次签到之和）'),
  distinctParticipants: count.describe('至少签到一次的人数'),
  noShows: count.describe('已结束活动中一次也未签到的确认报名'),
  completed: count.describe('培训班：达到出勤要求的人数；其他活动：已签到的人数'),
  checkInRate: rate,
  sessions: z.array(ActivitySessionStatsSchema),
  byDay: z.array(z.object({ date: z.iso.date(), signUps: count, checkIns: count })),
});
export type ActivityStats = z.infer<typeof ActivityStatsSchema>;

export const ActivityOrgStatsQuerySchema = z
  .object({
    orgId: ObjectIdSchema.optional().describe('默认为本人管辖的组织（含下级）'),
    from: z.iso.date('日期格式应为 YYYY-MM-DD'),
    to: z.iso.date('日期格式应为 YYYY-MM-DD'),
  })
  .refine((query) => query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export const ActivityOrgStatsSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  totals: z.object({
    activities: count.describe('期间有场次的活动数'),
    sessions: count.describe('场次'),
    signUps: count.describe('报名人次'),
    participants: count.describe('参与人次'),
    checkInRate: rate,
  }),
  byKind: z.array(
    z.object({
      kind: ActivityKindSchema,
      kindLabel: z.string(),
      activities: count,
      sessions: count,
      signUps: count,
      participants: count,
    }),
  ),
  byDay: z.array(z.object({ date: z.iso.date(), sessions: count, signUps: count, checkIns: count })),
});
export type ActivityOrgStats = z.infer<typeof ActivityOrgStatsSchema>;

const staff = { access: 'staff', roles: UNION_OFFICE_ROLES, tag: '活动管理' } as const;

export const activityStatsEndpoints = {
  activityStats: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activities/:id/stats',
    summary: '活动统计：报名、各场次出勤与签到率、未到、完成，按日',
    response: ActivityStatsSchema,
  }),
  orgActivityStats: defineEndpoint({
    ...staff,
    method: 'get',
    path: '/api/staff/activity-stats',
    summary: '组织（含下级）活动统计：场次、报名人次、参与人次、签到率，按类型、按日（年度报表口径）',
    query: ActivityOrgStatsQuerySchema,
    response: ActivityOrgStatsSchema,
  }),
};
