/** Membership: binding a WeChat account to the roster, joining the union, and the union office's join review. */
import { z } from 'zod';
import { defineEndpoint } from '../endpoint';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf } from '../common';
import { IdNumberSchema, MobileSchema, PersonNameSchema } from '../fields';
import { JoinApplicationStatusSchema, MemberStatusSchema, OccupationSchema } from '../membership';
import { UNION_OFFICE_ROLES } from '../roles';

export const MemberProfileSchema = z.object({
  id: ObjectIdSchema,
  memberNo: z.string().describe('会员号，全市唯一'),
  name: z.string(),
  idNumber: z.string().describe('本人可见完整号码，他人只见脱敏号码'),
  mobile: z.string().describe('本人可见完整号码，他人只见脱敏号码'),
  occupation: OccupationSchema,
  orgId: ObjectIdSchema,
  orgName: z.string(),
  joinedAt: DateTimeSchema,
  status: MemberStatusSchema,
});
export type MemberProfile = z.infer<typeof MemberProfileSchema>;

export const BindMemberRequestSchema = z.object({
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  mobile: MobileSchema,
});
export type BindMemberRequest = z.input<typeof BindMemberRequestSchema>;

export const CreateJoinApplicationRequestSchema = z.object({
  orgId: ObjectIdSchema.describe('受理入会的基层工会或行业工会联合会'),
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  mobile: MobileSchema,
  occupation: OccupationSchema,
  employer: z.string().trim().min(2, '请填写工作单位或所在平台').max(60, '工作单位最多60个字'),
  agreeToCharter: z.literal(true, { error: '请阅读并同意《中国工会章程》' }),
});
export type CreateJoinApplicationRequest = z.input<typeof CreateJoinApplicationRequestSchema>;

export const JoinApplicationSchema = z.object({
  id: ObjectIdSchema,
  status: JoinApplicationStatusSchema,
  orgId: ObjectIdSchema,
  orgName: z.string(),
  name: z.string(),
  idNumber: z.string().describe('申请人本人可见完整号码，审核人员只见脱敏号码'),
  mobile: z.string(),
  occupation: OccupationSchema,
  employer: z.string(),
  submittedAt: DateTimeSchema,
  decidedAt: DateTimeSchema.nullable(),
  rejectReason: z.string().nullable(),
  memberNo: z.string().nullable().describe('批准后生成的会员号'),
});
export type JoinApplication = z.infer<typeof JoinApplicationSchema>;

// Join review

export const JoinApplicationQueueQuerySchema = CursorPageQuerySchema.extend({
  status: JoinApplicationStatusSchema.default('pending'),
});

export const RejectJoinApplicationRequestSchema = z.object({
  reason: z.string().trim().min(2, '请填写不予批准的原因').max(200, '原因最多200个字'),
});

export const membershipEndpoints = {
  // Binding and reading members
  bind: defineEndpoint({
    method: 'post',
    path: '/api/membership/bind',
    access: 'user',
    tag: '会员',
    summary: '实名绑定：以姓名、身份证号和手机号匹配会员名册',
    rateLimit: { name: 'bind', points: 10, durationSeconds: 600 },
    body: BindMemberRequestSchema,
    response: MemberProfileSchema,
  }),
  getMember: defineEndpoint({
    method: 'get',
    path: '/api/members/:id',
    access: 'user',
    tag: '会员',
    summary: '查看会员资料（本人或管辖范围内的工会工作人员）',
    response: MemberProfileSchema,
  }),

  // Joining
  apply: defineEndpoint({
    method: 'post',
    path: '/api/join-applications',
    access: 'user',
    tag: '入会',
    summary: '提交入会申请',
    rateLimit: { name: 'join-apply', points: 10, durationSeconds: 3600 },
    body: CreateJoinApplicationRequestSchema,
    response: JoinApplicationSchema,
  }),
  myApplications: defineEndpoint({
    method: 'get',
    path: '/api/join-applications/mine',
    access: 'user',
    tag: '入会',
    summary: '我的入会申请（最新在前）',
    response: z.object({ items: z.array(JoinApplicationSchema) }),
  }),
  withdraw: defineEndpoint({
    method: 'post',
    path: '/api/join-applications/:id/withdraw',
    access: 'user',
    tag: '入会',
    summary: '撤回尚未审核的入会申请',
    response: JoinApplicationSchema,
  }),

  // Join review: union offices decide the applications within their subtree
  queue: defineEndpoint({
    method: 'get',
    path: '/api/staff/join-applications',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '入会审核',
    summary: '管辖范围内的入会申请（最早提交的在前）',
    query: JoinApplicationQueueQuerySchema,
    response: pageOf(JoinApplicationSchema),
  }),
  review: defineEndpoint({
    method: 'get',
    path: '/api/staff/join-applications/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '入会审核',
    summary: '查看一份入会申请',
    response: JoinApplicationSchema,
  }),
  approve: defineEndpoint({
    method: 'post',
    path: '/api/staff/join-applications/:id/approve',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '入会审核',
    summary: '批准入会，生成会员号',
    response: JoinApplicationSchema,
  }),
  reject: defineEndpoint({
    method: 'post',
    path: '/api/staff/join-applications/:id/reject',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '入会审核',
    summary: '不予批准，并说明原因',
    body: RejectJoinApplicationRequestSchema,
    response: JoinApplicationSchema,
  }),
};
