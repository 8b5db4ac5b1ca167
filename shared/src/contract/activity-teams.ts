/** Activities: 队伍与代报名. */
import { z } from 'zod';
import { ObjectIdSchema, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { UNION_OFFICE_ROLES } from '../roles';
import { ActivityEntrySchema, StaffEntrySchema } from './activities';

const TAG = 'Activities';
const AnswersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});

export const CreateTeamRequestSchema = z.object({
  groupId: z.string().regex(/^[a-z0-9_-]{1,32}$/, '组别编号应为1至32位小写字母、数字、下划线或短横线'),
  name: z.string().trim().min(1, '请填写队伍名称').max(20, '队伍名称最多20字'),
  requestId: RequestIdSchema,
  answers: AnswersSchema,
});

export const JoinTeamRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((code) => code.toUpperCase())
    .pipe(z.string().regex(/^[A-Z2-9]{6}$/, '邀请码为6位字母或数字')),
  requestId: RequestIdSchema,
  answers: AnswersSchema,
});

export const TeamSchema = z.object({
  id: ObjectIdSchema,
  activityId: ObjectIdSchema,
  groupId: z.string(),
  name: z.string(),
  code: z.string(),
  role: z.enum(['captain', 'member']),
  members: z.array(z.object({ memberId: ObjectIdSchema, name: z.string().describe('脱敏姓名'), captain: z.boolean() })),
  size: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  status: z.enum(['open', 'locked', 'cancelled']),
  locked: z.boolean(),
  entry: ActivityEntrySchema.nullable().describe('队伍占用名额的报名（队长的报名）'),
});

export const OnBehalfSignUpRequestSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多30字'),
  idNumber: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^\d{17}[\dX]$/, '身份证号格式不正确')),
  groupId: z.string().regex(/^[a-z0-9_-]{1,32}$/, '组别编号应为1至32位小写字母、数字、下划线或短横线'),
  requestId: RequestIdSchema,
  answers: AnswersSchema,
});

export const MyTeamQuerySchema = z.object({ activityId: ObjectIdSchema });

export const activityTeamEndpoints = {
  createTeam: defineEndpoint({
    method: 'post',
    path: '/api/activities/:id/teams',
    access: 'user',
    rateLimit: { name: 'activity-sign-up', points: 30, durationSeconds: 60 },
    tag: TAG,
    summary: '创建队伍（队长报名，队伍占用组别的一个名额），返回邀请码',
    body: CreateTeamRequestSchema,
    response: TeamSchema,
  }),
  joinTeam: defineEndpoint({
    method: 'post',
    path: '/api/activities/teams/join',
    access: 'user',
    rateLimit: { name: 'activity-sign-up', points: 30, durationSeconds: 60 },
    tag: TAG,
    summary: '凭邀请码加入队伍（按 requestId 幂等；队伍人数上限在并发下严格成立）',
    body: JoinTeamRequestSchema,
    response: TeamSchema,
  }),
  myTeam: defineEndpoint({
    method: 'get',
    path: '/api/activities/teams/mine',
    access: 'user',
    tag: TAG,
    summary: '我在某活动中的队伍',
    query: MyTeamQuerySchema,
    response: TeamSchema,
  }),
  leaveTeam: defineEndpoint({
    method: 'post',
    path: '/api/activities/teams/:id/leave',
    access: 'user',
    tag: TAG,
    summary: '队员退出队伍（锁定前）',
    response: z.object({ ok: z.literal(true) }),
  }),
  removeTeamMember: defineEndpoint({
    method: 'post',
    path: '/api/activities/teams/:id/members/:memberId/remove',
    access: 'user',
    tag: TAG,
    summary: '队长移除队员（锁定前）',
    response: TeamSchema,
  }),
  signUpOnBehalf: defineEndpoint({
    method: 'post',
    path: '/api/staff/activities/:id/entries/on-behalf',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '活动管理',
    summary: '代报名：按姓名与身份证号找到会员并代其报名（按 requestId 幂等；无需会员实名绑定微信）',
    body: OnBehalfSignUpRequestSchema,
    response: StaffEntrySchema,
  }),
};
