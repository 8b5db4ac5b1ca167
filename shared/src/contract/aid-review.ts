/**
 * Tuition aid (金秋助学), the staff side: the review queue and decisions across union
 * levels, revealing a full number, recording payments, the bank transfer list, statistics.
 */
import { z } from 'zod';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf } from '../common';
import { defineEndpoint } from '../endpoint';
import { OrgLevelSchema } from '../organizations';
import { UNION_OFFICE_ROLES } from '../roles';
import { AidApplicationSchema, AidStatusSchema, EducationLevelSchema, HardshipCategorySchema } from './aid';

export const AidQueueQuerySchema = CursorPageQuerySchema.extend({
  programmeId: ObjectIdSchema,
  status: AidStatusSchema.default('in_review'),
  educationLevel: EducationLevelSchema.optional(),
  hardshipCategory: HardshipCategorySchema.optional(),
  orgId: ObjectIdSchema.optional(),
  step: z.coerce
    .number({ error: '审核环节应为数字' })
    .int('审核环节应为整数')
    .min(0, '审核环节从 0 起')
    .max(3, '审核最多 4 级')
    .optional()
    .describe('审核环节：项目审核链中的序号（从 0 起），只列停在这一步的申请；工作台“助学待审”按环节打开'),
});

export const AidReviewActionSchema = z
  .object({
    action: z.enum(['approve', 'return', 'reject']),
    note: z.string().trim().max(300, '最多 300 字').default(''),
    /** The version the reviewer saw; a stale one gets 409 with the current state. */
    version: z.number().int().min(0),
  })
  .refine((decision) => decision.action === 'approve' || decision.note.length >= 2, {
    message: '退回补充材料或不予资助时，请写明原因',
    path: ['note'],
  });

export const RevealRequestSchema = z.object({
  field: z.enum(['applicantIdNumber', 'childIdNumber', 'accountNumber']),
  reason: z.string().trim().min(2, '请说明查看原因').max(100),
});
export const RevealResultSchema = z.object({ value: z.string() });

export const DisbursementRequestSchema = z.object({
  programmeId: ObjectIdSchema,
  applicationIds: z.array(ObjectIdSchema).min(1, '请选择要发放的申请').max(500),
  paidOn: z.iso.date('日期格式应为 YYYY-MM-DD'),
  reference: z.string().trim().min(2, '请填写发放批次号或银行回单号').max(60),
  /** Generated once per submission so a retried request records one batch. */
  requestId: z.string().regex(/^[\w-]{8,64}$/, '请求编号格式不正确'),
});
export const DisbursementBatchSchema = z.object({
  id: ObjectIdSchema,
  programmeId: ObjectIdSchema,
  paidOn: z.string(),
  reference: z.string(),
  applicationCount: z.number().int(),
  totalFen: z.number().int(),
  createdAt: DateTimeSchema,
});

export const AidStatsSchema = z.object({
  byStatus: z.record(z.string(), z.number().int()),
  byEducationLevel: z.record(z.string(), z.number().int()),
  byHardshipCategory: z.record(z.string(), z.number().int()),
  approvedFen: z.number().int(),
  disbursedFen: z.number().int(),
  averageDaysPerStep: z.array(z.object({ step: z.number().int(), level: OrgLevelSchema, days: z.number().nullable() })),
});

export const aidReviewEndpoints = {
  queue: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/applications',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '待本级审核的申请（最早提交的在前）',
    query: AidQueueQuerySchema,
    response: pageOf(AidApplicationSchema),
  }),
  review: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/applications/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '查看一份申请（敏感信息脱敏）',
    response: AidApplicationSchema,
  }),
  decide: defineEndpoint({
    method: 'post',
    path: '/api/staff/aid/applications/:id/decision',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '审核：通过进入下一级、退回补充材料、不予资助',
    body: AidReviewActionSchema,
    response: AidApplicationSchema,
  }),
  reveal: defineEndpoint({
    method: 'post',
    path: '/api/staff/aid/applications/:id/reveal',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'aid-reveal', points: 60, durationSeconds: 600 },
    tag: '金秋助学管理',
    summary: '查看完整证件号或账号（单独记录日志）',
    body: RevealRequestSchema,
    response: RevealResultSchema,
  }),
  disburse: defineEndpoint({
    method: 'post',
    path: '/api/staff/aid/disbursements',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '登记一批资助金发放',
    body: DisbursementRequestSchema,
    response: DisbursementBatchSchema,
  }),
  listDisbursements: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/programmes/:id/disbursements',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '项目已登记的发放批次（最新在前）',
    response: z.object({ items: z.array(DisbursementBatchSchema) }),
  }),
  transferList: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/programmes/:id/transfer-list',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'aid-transfer-list', points: 30, durationSeconds: 600 },
    tag: '金秋助学管理',
    summary: '导出待发放的银行转账清单（.xlsx）',
    response: z.unknown(),
    rawResponse: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  }),
  stats: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/programmes/:id/stats',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '项目统计：状态、档次、困难类型、金额、各级平均审核天数',
    response: AidStatsSchema,
  }),
};
