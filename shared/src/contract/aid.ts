/**
 * Tuition aid (金秋助学), the members' side: programmes defined by union offices and the
 * applications members file from the phone. Staff review and disbursement are in
 * `aid-review.ts`. Money is in fen (integer) everywhere, so no amount is ever rounded.
 */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { IdNumberSchema, PersonNameSchema } from '../fields';
import { OrgLevelSchema } from '../organizations';
import { changesOf } from '../patch';
import { UNION_OFFICE_ROLES } from '../roles';

export const EDUCATION_LEVELS = ['postgraduate', 'undergraduate', 'junior_college'] as const;
export const EducationLevelSchema = z.enum(EDUCATION_LEVELS, { error: '请选择录取层次' });
export type EducationLevel = z.infer<typeof EducationLevelSchema>;

/** Household hardship categories unions prioritise; `none` for families applying without one. */
export const HARDSHIP_CATEGORIES = [
  'registered_hardship',
  'low_income',
  'single_parent',
  'serious_illness',
  'disaster',
  'migrant_worker',
  'none',
] as const;
export const HardshipCategorySchema = z.enum(HARDSHIP_CATEGORIES, { error: '请选择家庭困难类型' });
export type HardshipCategory = z.infer<typeof HardshipCategorySchema>;

export const DOCUMENT_KINDS = [
  'admission_letter',
  'household_proof',
  'child_id',
  'applicant_id',
  'income_proof',
  'other',
] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS, { error: '材料类型不正确' });
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const AID_DOCUMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_AID_DOCUMENT_BYTES = 8 * 1024 * 1024;
export const MAX_AID_DOCUMENTS = 12;

const Fen = z.number().int('金额应为整数（单位：分）').min(0, '金额不能为负');

// ---- programmes ------------------------------------------------------------

export const AidTierSchema = z.object({ educationLevel: EducationLevelSchema, amountFen: Fen.min(1, '金额应大于 0') });

export const AidEligibilitySchema = z.object({
  /** The applicant must have been an active member at least this many whole months by the day they submit. */
  minMembershipMonths: z.number().int().min(0).max(600),
  /** The child must be admitted in this year (normally the programme year). */
  admissionYear: z.number().int().min(2000).max(2100),
  /** Accepted hardship categories; an empty list accepts every category including `none`. */
  hardshipCategories: z.array(HardshipCategorySchema).max(HARDSHIP_CATEGORIES.length),
  /** Monthly income per household member, in fen; null for no ceiling. */
  perCapitaMonthlyIncomeCeilingFen: Fen.nullable(),
});
export type AidEligibility = z.infer<typeof AidEligibilitySchema>;

export const AidProgrammeInputSchema = z
  .object({
    name: z.string().trim().min(4, '名称至少 4 个字').max(40, '名称最多 40 个字'),
    year: z.number().int().min(2000).max(2100),
    orgId: ObjectIdSchema.describe('举办的工会（市总或区/县总），只受理其管辖范围内会员的申请'),
    applyFrom: z.iso.date('日期格式应为 YYYY-MM-DD'),
    applyTo: z.iso.date('日期格式应为 YYYY-MM-DD'),
    tiers: z.array(AidTierSchema).min(1, '至少设置一个资助档次').max(EDUCATION_LEVELS.length),
    eligibility: AidEligibilitySchema,
    requiredDocuments: z.array(DocumentKindSchema).max(DOCUMENT_KINDS.length),
    /** Review steps in order, each by the applicant's organisation at that level (e.g. grassroots → district → city). */
    reviewChain: z.array(OrgLevelSchema).min(1, '至少一级审核').max(4),
    /** Public notice (公示) after the last step, in days; 0 for none. */
    noticeDays: z.number().int().min(0).max(30),
  })
  .refine((programme) => programme.applyFrom <= programme.applyTo, {
    message: '截止日期不能早于开始日期',
    path: ['applyTo'],
  });
export type AidProgrammeInput = z.input<typeof AidProgrammeInputSchema>;

export const AidProgrammeSchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  year: z.number().int(),
  orgId: ObjectIdSchema,
  orgName: z.string(),
  applyFrom: z.string(),
  applyTo: z.string(),
  tiers: z.array(AidTierSchema),
  eligibility: AidEligibilitySchema,
  requiredDocuments: z.array(DocumentKindSchema),
  reviewChain: z.array(OrgLevelSchema),
  noticeDays: z.number().int(),
  acceptingApplications: z.boolean().describe('当前是否在申请期内'),
});
export type AidProgramme = z.infer<typeof AidProgrammeSchema>;

/** A programme as staff see it: with what this reviewer may do about its payments. */
export const StaffAidProgrammeSchema = AidProgrammeSchema.extend({
  mayDisburse: z.boolean().describe('本人可否为该项目登记发放、导出转账清单'),
});
export type StaffAidProgramme = z.infer<typeof StaffAidProgrammeSchema>;

export const EligibilityReasonSchema = z.object({ code: z.string(), message: z.string() });
export const EligibilityCheckSchema = z.object({
  eligible: z.boolean(),
  reasons: z.array(EligibilityReasonSchema).describe('不符合时逐条说明原因'),
});
export type EligibilityCheck = z.infer<typeof EligibilityCheckSchema>;

// ---- applications ----------------------------------------------------------

export const AID_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'rejected',
  'withdrawn',
  'in_notice',
  'approved',
  'disbursed',
] as const;
export const AidStatusSchema = z.enum(AID_STATUSES);
export type AidStatus = z.infer<typeof AidStatusSchema>;

export const ChildSchema = z.object({
  name: PersonNameSchema,
  idNumber: IdNumberSchema,
  school: z.string().trim().min(2, '请填写录取院校').max(40),
  major: z.string().trim().min(1, '请填写专业').max(40),
  educationLevel: EducationLevelSchema,
  admissionYear: z.number().int().min(2000).max(2100),
});

export const HouseholdSchema = z.object({
  members: z.number().int().min(1, '家庭人口至少 1 人').max(20),
  annualIncomeFen: Fen,
  hardshipCategory: HardshipCategorySchema,
  situation: z.string().trim().max(500, '最多 500 字').default(''),
});

export const PaymentSchema = z.object({
  method: z.enum(['bank_card', 'union_card']),
  bankName: z.string().trim().min(2, '请填写开户银行').max(40),
  accountName: PersonNameSchema,
  accountNumber: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{12,30}$/, '银行卡号应为 12-30 位数字')),
});

/** What a draft may hold: any part, partly filled; only submission demands it all. */
export const AidDraftSchema = z.object({
  child: ChildSchema.partial().optional(),
  // No defaults: a draft that leaves `situation` out must not blank what was saved before.
  household: changesOf(HouseholdSchema).optional(),
  payment: PaymentSchema.partial().optional(),
  declarationAccepted: z.boolean().optional(),
});
export type AidDraft = z.input<typeof AidDraftSchema>;

export const AidSubmissionSchema = z.object({
  child: ChildSchema,
  household: HouseholdSchema,
  payment: PaymentSchema,
  declarationAccepted: z.literal(true, { error: '请阅读并确认申请承诺' }),
});

export const AidDocumentSchema = z.object({
  id: ObjectIdSchema,
  kind: DocumentKindSchema,
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: DateTimeSchema,
});

export const TimelineEntrySchema = z.object({
  at: DateTimeSchema,
  action: z.enum([
    'created',
    'submitted',
    'approved_step',
    'returned',
    'rejected',
    'withdrawn',
    'resubmitted',
    'notice_started',
    'approved',
    'disbursed',
  ]),
  /** The reviewer's role and level, never their name. */
  actor: z.string().describe('如“西溪街道总工会 审核人员”；申请人本人为“申请人”'),
  step: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const AidApplicationSchema = z.object({
  id: ObjectIdSchema,
  programmeId: ObjectIdSchema,
  programmeName: z.string(),
  status: AidStatusSchema,
  /** Index into the programme's reviewChain while in review, or the step that returned it; null otherwise. */
  currentStep: z.number().int().nullable(),
  currentStepLabel: z.string().nullable(),
  applicant: z.object({ memberId: ObjectIdSchema, name: z.string(), orgName: z.string() }),
  // Personal numbers are plain strings here: reviewers see them masked, which no longer passes the input rules.
  child: ChildSchema.partial().extend({
    idNumber: z.string().optional().describe('申请人本人可见完整号码，审核人员只见脱敏号码'),
  }),
  household: HouseholdSchema.partial(),
  payment: PaymentSchema.partial()
    .extend({ accountNumber: z.string().optional() })
    .describe('账号对申请人本人完整显示，对审核人员脱敏'),
  declarationAccepted: z.boolean(),
  documents: z.array(AidDocumentSchema),
  missingDocuments: z.array(DocumentKindSchema),
  amountFen: z.number().int().nullable().describe('批准后的资助金额（分）'),
  noticeEndsAt: DateTimeSchema.nullable(),
  disbursement: z.object({ paidOn: z.string(), reference: z.string() }).nullable(),
  timeline: z.array(TimelineEntrySchema),
  updatedAt: DateTimeSchema,
  /** Optimistic concurrency: send back with a review action. */
  version: z.number().int(),
  /** Staff only: the decisions this reviewer may take now (empty when the step is another office's or has passed). */
  reviewerActions: z
    .array(z.enum(['approve', 'return', 'reject']))
    .optional()
    .describe('审核人员本人当前可作出的决定；不是本级审核或已处理时为空'),
});
export type AidApplication = z.infer<typeof AidApplicationSchema>;

export const StartAidApplicationRequestSchema = z.object({ programmeId: ObjectIdSchema });

export const AidDocumentUploadQuerySchema = z.object({ kind: DocumentKindSchema });

export const AidDocumentFileQuerySchema = z.object({ token: z.string().min(10).max(200) });

export const AidDocumentLinkSchema = z.object({
  url: z.string().describe('带签名的临时地址，几分钟后失效'),
  expiresAt: DateTimeSchema,
});

export const aidEndpoints = {
  openProgrammes: defineEndpoint({
    method: 'get',
    path: '/api/aid/programmes',
    access: 'user',
    tag: '金秋助学',
    summary: '本人可申请的助学项目',
    response: z.object({ items: z.array(AidProgrammeSchema) }),
  }),
  eligibility: defineEndpoint({
    method: 'get',
    path: '/api/aid/programmes/:id/eligibility',
    access: 'user',
    tag: '金秋助学',
    summary: '申请前的资格预检（不符合时说明原因）',
    response: EligibilityCheckSchema,
  }),
  start: defineEndpoint({
    method: 'post',
    path: '/api/aid/applications',
    access: 'user',
    rateLimit: { name: 'aid-start', points: 20, durationSeconds: 3600 },
    tag: '金秋助学',
    summary: '开始一份申请（草稿保存在服务器）',
    body: StartAidApplicationRequestSchema,
    response: AidApplicationSchema,
  }),
  mine: defineEndpoint({
    method: 'get',
    path: '/api/aid/applications/mine',
    access: 'user',
    tag: '金秋助学',
    summary: '我的助学申请',
    response: z.object({ items: z.array(AidApplicationSchema) }),
  }),
  get: defineEndpoint({
    method: 'get',
    path: '/api/aid/applications/:id',
    access: 'user',
    tag: '金秋助学',
    summary: '查看我的一份申请及进度',
    response: AidApplicationSchema,
  }),
  saveDraft: defineEndpoint({
    method: 'put',
    path: '/api/aid/applications/:id/draft',
    access: 'user',
    rateLimit: { name: 'aid-draft', points: 600, durationSeconds: 600 },
    tag: '金秋助学',
    summary: '保存草稿（可只填一部分）',
    body: AidDraftSchema,
    response: AidApplicationSchema,
  }),
  uploadDocument: defineEndpoint({
    method: 'post',
    path: '/api/aid/applications/:id/documents',
    access: 'user',
    rateLimit: { name: 'aid-document', points: 60, durationSeconds: 600 },
    tag: '金秋助学',
    summary: '上传证明材料（图片或 PDF，按文件内容识别）',
    query: AidDocumentUploadQuerySchema,
    rawBody: { contentTypes: AID_DOCUMENT_CONTENT_TYPES, maxBytes: MAX_AID_DOCUMENT_BYTES },
    response: AidApplicationSchema,
  }),
  deleteDocument: defineEndpoint({
    method: 'delete',
    path: '/api/aid/applications/:id/documents/:documentId',
    access: 'user',
    tag: '金秋助学',
    summary: '删除一份材料（提交前或退回补充时）',
    response: AidApplicationSchema,
  }),
  documentLink: defineEndpoint({
    method: 'get',
    path: '/api/aid/documents/:documentId/link',
    access: 'user',
    tag: '金秋助学',
    summary: '材料的临时查看地址（申请人本人与管辖范围内的审核人员）',
    response: AidDocumentLinkSchema,
  }),
  documentFile: defineEndpoint({
    method: 'get',
    path: '/api/aid/files',
    access: 'public',
    rateLimit: { name: 'aid-file', points: 300, durationSeconds: 600 },
    tag: '金秋助学',
    summary: '按临时地址读取材料文件（签名有效期 5 分钟）',
    query: AidDocumentFileQuerySchema,
    response: z.unknown(),
    rawResponse: { contentType: '*/*' },
  }),
  submit: defineEndpoint({
    method: 'post',
    path: '/api/aid/applications/:id/submit',
    access: 'user',
    rateLimit: { name: 'aid-submit', points: 30, durationSeconds: 600 },
    tag: '金秋助学',
    summary: '提交申请，或退回补充后重新提交',
    response: AidApplicationSchema,
  }),
  withdraw: defineEndpoint({
    method: 'post',
    path: '/api/aid/applications/:id/withdraw',
    access: 'user',
    tag: '金秋助学',
    summary: '在作出决定前撤回申请',
    response: AidApplicationSchema,
  }),
  createProgramme: defineEndpoint({
    method: 'post',
    path: '/api/staff/aid/programmes',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '设立助学项目（市总或区/县总）',
    body: AidProgrammeInputSchema,
    response: AidProgrammeSchema,
  }),
  staffProgrammes: defineEndpoint({
    method: 'get',
    path: '/api/staff/aid/programmes',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '金秋助学管理',
    summary: '管辖范围内的助学项目',
    response: z.object({ items: z.array(StaffAidProgrammeSchema) }),
  }),
};
