/** Activities: 签到与出勤（会员卡扫码、场次动态码、离线同步、出勤与统计）. */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';

export const CHECK_IN_METHODS = ['card_scan', 'session_qr', 'manual', 'offline_sync'] as const;

export const StaffCheckInRequestSchema = z
  .object({
    cardToken: z.string().min(1).max(2000).optional(),
    entryId: ObjectIdSchema.optional().describe('手工补签：报名记录 id'),
    sessionIndex: z.number().int().min(0).max(999).optional().describe('缺省为当前可签到场次'),
    clientId: z.string().min(1).max(100).optional(),
  })
  .refine((body) => Boolean(body.cardToken) !== Boolean(body.entryId), {
    message: '请扫描会员卡二维码或选择报名记录（二选一）',
    path: ['cardToken'],
  });

export const ActivityCheckInResultSchema = z.object({
  alreadyCheckedIn: z.boolean().describe('本场次此前已签到（重复扫码不重复计数）'),
  entryId: z.string(),
  maskedName: z.string(),
  groupName: z.string(),
  sessionIndex: z.number().int(),
  attendedSessions: z.number().int(),
  checkedInAt: DateTimeSchema,
});

export const SessionCodeResponseSchema = z.object({
  code: z.string(),
  sessionIndex: z.number().int(),
  validUntil: DateTimeSchema,
});

export const MemberCheckInRequestSchema = z.object({ code: z.string().min(1, '请扫描现场签到码').max(200) });

export const CheckInSyncRequestSchema = z.object({
  items: z
    .array(
      z.object({
        clientId: z.string().min(1).max(100),
        cardToken: z.string().min(1).max(2000),
        sessionIndex: z.number().int().min(0).max(999),
        scannedAt: DateTimeSchema,
      }),
    )
    .min(1, '没有待同步的签到')
    .max(500, '每次最多同步 500 条'),
});

export const CheckInSyncResponseSchema = z.object({
  results: z.array(
    z.object({
      clientId: z.string(),
      result: z.enum(['checked_in', 'already', 'refused']),
      reason: z.string().nullable(),
      maskedName: z.string().nullable(),
    }),
  ),
});

export const AttendanceListResponseSchema = z.object({
  sessionIndex: z.number().int(),
  items: z.array(
    z.object({
      entryId: z.string(),
      maskedName: z.string(),
      groupName: z.string(),
      checkedIn: z.boolean(),
      statusText: z.enum(['已签到', '未签到']),
      checkedInAt: DateTimeSchema.nullable(),
    }),
  ),
  total: z.number().int(),
  checkedIn: z.number().int(),
});

export const activityCheckInEndpoints = {
  staffCheckIn: defineEndpoint({
    method: 'post',
    path: '/api/staff/activities/:id/check-ins',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '扫会员卡签到或手工补签（同一场次只计一次，重复扫码答 alreadyCheckedIn）',
    body: StaffCheckInRequestSchema,
    response: ActivityCheckInResultSchema,
  }),
  sessionCode: defineEndpoint({
    method: 'get',
    path: '/api/staff/activities/:id/session-code',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '当前场次的现场签到码（每 30 秒更换）',
    response: SessionCodeResponseSchema,
  }),
  memberCheckIn: defineEndpoint({
    method: 'post',
    path: '/api/activities/:id/check-in',
    access: 'user',
    tag: '活动报名',
    summary: '会员扫现场签到码签到',
    body: MemberCheckInRequestSchema,
    response: ActivityCheckInResultSchema,
  }),
  syncCheckIns: defineEndpoint({
    method: 'post',
    path: '/api/staff/activities/:id/check-ins/sync',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '离线扫码签到的批量同步（每条只计一次，可重复同步）',
    body: CheckInSyncRequestSchema,
    response: CheckInSyncResponseSchema,
  }),
  attendance: defineEndpoint({
    method: 'get',
    path: '/api/staff/activities/:id/attendance',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '某场次的签到名单（已签到/未签到）',
    query: z.object({ sessionIndex: z.coerce.number().int().min(0).max(999).default(0) }),
    response: AttendanceListResponseSchema,
  }),
};
