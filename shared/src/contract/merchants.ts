/** Benefit merchants (普惠商家): union staff signing and managing merchants, their images and clerks. */
import { z } from 'zod';
import { MERCHANT_CATEGORIES } from '../benefit-rules';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, OkSchema, pageOf } from '../common';
import { defineEndpoint } from '../endpoint';
import { changesOf } from '../patch';
import { UNION_OFFICE_ROLES } from '../roles';
import { LatLngSchema, MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, StationPhotoSchema } from './stations';

export const MerchantCategorySchema = z.enum(MERCHANT_CATEGORIES, { error: '请选择商家类别' });
export const MerchantStatusSchema = z.enum(['active', 'suspended']);

export const MerchantSummarySchema = z.object({
  id: ObjectIdSchema,
  name: z.string(),
  category: MerchantCategorySchema,
  address: z.string(),
  location: LatLngSchema,
  phone: z.string(),
  logoUrl: z.string().nullable(),
});
export type MerchantSummary = z.infer<typeof MerchantSummarySchema>;

export const MerchantDetailSchema = MerchantSummarySchema.extend({
  description: z.string(),
  photos: z.array(StationPhotoSchema),
  orgId: ObjectIdSchema,
  orgName: z.string(),
  status: MerchantStatusSchema,
});
export type MerchantDetail = z.infer<typeof MerchantDetailSchema>;

const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|400-?\d{3}-?\d{4})?$/, '联系电话应为手机号或带区号的固定电话')
  .default('');

export const MerchantInputSchema = z.object({
  name: z.string().trim().min(2, '商家名称至少 2 个字').max(40, '商家名称最多 40 个字'),
  category: MerchantCategorySchema,
  address: z.string().trim().min(4, '请填写详细地址').max(80, '地址最多 80 个字'),
  location: LatLngSchema.describe('GCJ-02 坐标'),
  phone: PhoneSchema,
  description: z.string().trim().max(300, '简介最多 300 字').default(''),
  orgId: ObjectIdSchema.describe('签约的工会组织，须在本人管辖范围内'),
});
export type MerchantInput = z.input<typeof MerchantInputSchema>;

export const MerchantPatchSchema = changesOf(MerchantInputSchema.omit({ orgId: true })).extend({
  status: MerchantStatusSchema.optional(),
});

export const AdminMerchantSchema = MerchantDetailSchema.extend({
  staffCount: z.number().int(),
  activeOfferCount: z.number().int(),
  createdAt: DateTimeSchema,
  needsClerk: z.boolean().describe('合作中、无店员绑定且无有效邀请码：需要工会发出店员邀请'),
});
export type AdminMerchant = z.infer<typeof AdminMerchantSchema>;

export const AdminMerchantListQuerySchema = CursorPageQuerySchema.extend({
  q: z.string().trim().max(30).optional(),
  category: MerchantCategorySchema.optional(),
  status: MerchantStatusSchema.optional(),
  needsClerk: z
    .enum(['true', 'false'], { error: '待邀请店员筛选应为 true 或 false' })
    .transform((value) => value === 'true')
    .optional()
    .describe('true：只看待邀请店员的商家（工作台待办“商户邀请待处理”打开的队列）'),
});

export const MerchantInvitationSchema = z.object({
  code: z.string().describe('只显示这一次，请转交商户店员'),
  expiresAt: DateTimeSchema,
  maxUses: z.number().int(),
});

export const MerchantStaffSchema = z.object({
  accountId: ObjectIdSchema,
  displayName: z.string(),
  boundAt: DateTimeSchema,
});

/** Image uploads (logo, photos): 60 per account in 10 minutes on each endpoint. */
const MERCHANT_IMAGE_LIMIT = { name: 'merchant-image', points: 60, durationSeconds: 600 };

export const merchantEndpoints = {
  adminMerchants: defineEndpoint({
    method: 'get',
    path: '/api/admin/merchants',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '管辖范围内的商家',
    query: AdminMerchantListQuerySchema,
    response: pageOf(AdminMerchantSchema),
  }),
  createMerchant: defineEndpoint({
    method: 'post',
    path: '/api/admin/merchants',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '签约新商家',
    body: MerchantInputSchema,
    response: AdminMerchantSchema,
  }),
  adminMerchant: defineEndpoint({
    method: 'get',
    path: '/api/admin/merchants/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '商家详情',
    response: AdminMerchantSchema,
  }),
  updateMerchant: defineEndpoint({
    method: 'patch',
    path: '/api/admin/merchants/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '修改商家信息，或暂停/恢复合作',
    body: MerchantPatchSchema,
    response: AdminMerchantSchema,
  }),
  uploadMerchantLogo: defineEndpoint({
    method: 'put',
    path: '/api/admin/merchants/:id/logo',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: MERCHANT_IMAGE_LIMIT,
    tag: '普惠管理',
    summary: '上传商家标志（JPEG/PNG/WebP，按内容识别）',
    rawBody: { contentTypes: PHOTO_CONTENT_TYPES, maxBytes: MAX_PHOTO_BYTES },
    response: AdminMerchantSchema,
  }),
  addMerchantPhoto: defineEndpoint({
    method: 'post',
    path: '/api/admin/merchants/:id/photos',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: MERCHANT_IMAGE_LIMIT,
    tag: '普惠管理',
    summary: '上传商家照片',
    rawBody: { contentTypes: PHOTO_CONTENT_TYPES, maxBytes: MAX_PHOTO_BYTES },
    response: AdminMerchantSchema,
  }),
  removeMerchantPhoto: defineEndpoint({
    method: 'delete',
    path: '/api/admin/merchants/:id/photos/:photoId',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '删除商家照片',
    response: AdminMerchantSchema,
  }),
  merchantImage: defineEndpoint({
    method: 'get',
    path: '/api/benefits/merchants/:id/images/:imageId',
    access: 'public',
    tag: '普惠商家',
    summary: '商家标志或照片',
    rawResponse: { contentType: 'image/*' },
    response: OkSchema,
  }),
  createInvitation: defineEndpoint({
    method: 'post',
    path: '/api/admin/merchants/:id/invitations',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'merchant-invitation', points: 30, durationSeconds: 600 },
    tag: '普惠管理',
    summary: '生成店员邀请码（7 天内有效，最多 5 人使用）',
    response: MerchantInvitationSchema,
  }),
  merchantStaff: defineEndpoint({
    method: 'get',
    path: '/api/admin/merchants/:id/staff',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '已绑定的店员',
    response: z.object({ items: z.array(MerchantStaffSchema) }),
  }),
  revokeMerchantStaff: defineEndpoint({
    method: 'post',
    path: '/api/admin/merchants/:id/staff/:accountId/revoke',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '解除店员绑定（立即不能再核销）',
    response: OkSchema,
  }),
};
