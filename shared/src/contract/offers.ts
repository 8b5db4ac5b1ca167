/** Offers of benefit merchants: members browsing them, union staff publishing and managing them. */
import { z } from 'zod';
import { LIMIT_PERIODS } from '../benefit-rules';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf } from '../common';
import { defineEndpoint } from '../endpoint';
import { OccupationSchema } from '../membership';
import { OFFER_KINDS } from '../offer-kinds';
import { changesOf } from '../patch';
import { UNION_OFFICE_ROLES } from '../roles';
import { MerchantCategorySchema, MerchantDetailSchema, MerchantSummarySchema } from './merchants';

export const OfferKindSchema = z.enum(OFFER_KINDS, { error: '请选择优惠类型' });
export const LimitPeriodSchema = z.enum(LIMIT_PERIODS, { error: '请选择限领周期' });
/**
 * `draft` is not shown to members; `paused` drops out of browsing and cannot be claimed (its page
 * still opens and says why, for members who saved it); `ended` is closed for good.
 */
export const OfferStatusSchema = z.enum(['draft', 'active', 'paused', 'ended']);

const FenSchema = (label: string) =>
  z
    .number({ error: `${label}应为整数（单位：分）` })
    .int(`${label}应为整数（单位：分）`)
    .min(0, `${label}不能为负数`)
    .max(10_000_000, `${label}不能超过 10 万元`);

export const CouponTermsSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('discount'),
      payPercent: z.number().int().min(10, '折扣最低 1 折').max(99, '折扣应低于原价（最多 9.9 折）'),
    }),
    z.object({
      type: z.literal('threshold'),
      thresholdFen: FenSchema('门槛金额').refine((fen) => fen >= 100, '门槛金额至少 1 元'),
      reductionFen: FenSchema('减免金额').refine((fen) => fen >= 1, '减免金额至少 0.01 元'),
    }),
  ],
  { error: '请选择折扣或满减' },
);

/** Who may claim: active members always; optionally only some occupations, or only hardship families. */
export const OfferAudienceSchema = z.object({
  occupations: z.array(OccupationSchema).max(10).default([]).describe('为空表示不限职业'),
  hardshipFamiliesOnly: z.boolean().default(false).describe('仅限困难职工家庭：近一年内金秋助学获批或已发放的会员'),
});

export const OfferSummarySchema = z.object({
  id: ObjectIdSchema,
  title: z.string(),
  kind: OfferKindSchema,
  headline: z.string().describe('如 满100减20、8.8折、50元购100元券'),
  coupon: CouponTermsSchema.nullable(),
  faceValueFen: z.number().int(),
  priceFen: z.number().int().describe('会员在线支付金额；免费券为 0'),
  unionSubsidyFen: z.number().int(),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema.describe('券在此之前可领取、可核销'),
  stockTotal: z.number().int(),
  stockRemaining: z.number().int(),
  limitPerMember: z.number().int(),
  limitPeriod: LimitPeriodSchema,
  audience: OfferAudienceSchema,
  status: OfferStatusSchema,
  merchant: MerchantSummarySchema,
  distanceMeters: z.number().int().nullable(),
});
export type OfferSummary = z.infer<typeof OfferSummarySchema>;

export const OfferDetailSchema = OfferSummarySchema.extend({
  description: z.string(),
  usageNotes: z.string(),
  merchant: MerchantDetailSchema,
  /** For the signed-in member: whether they may claim now, and if not, why (Chinese). */
  eligibility: z.object({
    canClaim: z.boolean(),
    reasons: z.array(z.string()),
    claimedInPeriod: z.number().int(),
  }),
  paymentsEnabled: z.boolean().describe('付费券需要微信支付；未开通时不可购买'),
});
export type OfferDetail = z.infer<typeof OfferDetailSchema>;

const coordinate = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name}应为数字` })
    .min(min, `${name}应在 ${min} 到 ${max} 之间`)
    .max(max, `${name}应在 ${min} 到 ${max} 之间`);

export const NearbyOffersQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90),
  lng: coordinate('经度', -180, 180),
  radius: z.coerce.number().int().min(100, '搜索半径至少 100 米').max(20_000, '搜索半径最多 20 公里').default(5000),
  category: MerchantCategorySchema.optional(),
  limit: z.coerce.number().int().min(1).max(50, '最多返回 50 个优惠').default(20),
});

export const OfferListQuerySchema = CursorPageQuerySchema.extend({
  category: MerchantCategorySchema.optional(),
  lat: coordinate('纬度', -90, 90).optional(),
  lng: coordinate('经度', -180, 180).optional(),
});

export const OfferDetailQuerySchema = z.object({
  lat: coordinate('纬度', -90, 90).optional(),
  lng: coordinate('经度', -180, 180).optional(),
});

const offerFields = {
  title: z.string().trim().min(2, '优惠名称至少 2 个字').max(40, '优惠名称最多 40 个字'),
  description: z.string().trim().max(300, '说明最多 300 字').default(''),
  usageNotes: z.string().trim().max(200, '使用须知最多 200 字').default(''),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema,
  limitPerMember: z.number().int().min(1, '每人至少可领 1 张').max(99, '每人最多 99 张'),
  limitPeriod: LimitPeriodSchema,
  audience: OfferAudienceSchema.default({ occupations: [], hardshipFamiliesOnly: false }),
};

export const OfferInputSchema = z
  .object({
    merchantId: ObjectIdSchema,
    kind: OfferKindSchema,
    coupon: CouponTermsSchema.nullable().default(null),
    faceValueFen: FenSchema('面值').default(0),
    priceFen: FenSchema('会员支付金额').default(0),
    unionSubsidyFen: FenSchema('工会补贴').default(0),
    stockTotal: z.number().int().min(1, '库存至少 1 张').max(1_000_000, '库存最多 100 万张'),
    status: z.enum(['draft', 'active']).default('active'),
    ...offerFields,
  })
  .refine((offer) => new Date(offer.validUntil) > new Date(offer.validFrom), {
    message: '结束时间应晚于开始时间',
    path: ['validUntil'],
  });
export type OfferInput = z.input<typeof OfferInputSchema>;

/** Money and kind are fixed once members may hold vouchers; stock only grows or shrinks within what is left. */
export const OfferPatchSchema = z.object({
  ...changesOf(z.object(offerFields)).shape,
  status: OfferStatusSchema.optional(),
  stockChange: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .optional()
    .describe('增加或减少的库存；减少不能超过剩余库存'),
});

export const AdminOfferListQuerySchema = CursorPageQuerySchema.extend({
  merchantId: ObjectIdSchema.optional(),
  status: OfferStatusSchema.optional(),
});

export const AdminOfferSchema = OfferSummarySchema.extend({
  description: z.string(),
  usageNotes: z.string(),
  orgId: ObjectIdSchema,
  claimedCount: z.number().int(),
  redeemedCount: z.number().int(),
  createdAt: DateTimeSchema,
});
export type AdminOffer = z.infer<typeof AdminOfferSchema>;

export const offerEndpoints = {
  nearbyOffers: defineEndpoint({
    method: 'get',
    path: '/api/benefits/offers/nearby',
    access: 'public',
    tag: '普惠商家',
    summary: '附近的优惠（按距离，可按类别筛选），含剩余库存',
    query: NearbyOffersQuerySchema,
    response: z.object({ items: z.array(OfferSummarySchema) }),
  }),
  listOffers: defineEndpoint({
    method: 'get',
    path: '/api/benefits/offers',
    access: 'public',
    tag: '普惠商家',
    summary: '按类别浏览优惠（无定位时使用；最新在前）',
    query: OfferListQuerySchema,
    response: pageOf(OfferSummarySchema),
  }),
  offerDetail: defineEndpoint({
    method: 'get',
    path: '/api/benefits/offers/:id',
    access: 'user',
    tag: '普惠商家',
    summary: '优惠详情、商家信息，以及我能否领取',
    query: OfferDetailQuerySchema,
    response: OfferDetailSchema,
  }),
  adminOffers: defineEndpoint({
    method: 'get',
    path: '/api/admin/offers',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '管辖范围内的优惠',
    query: AdminOfferListQuerySchema,
    response: pageOf(AdminOfferSchema),
  }),
  createOffer: defineEndpoint({
    method: 'post',
    path: '/api/admin/offers',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '发布优惠（免费券、补贴券或会员价商品）',
    body: OfferInputSchema,
    response: AdminOfferSchema,
  }),
  adminOffer: defineEndpoint({
    method: 'get',
    path: '/api/admin/offers/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '优惠详情与领用、核销数',
    response: AdminOfferSchema,
  }),
  updateOffer: defineEndpoint({
    method: 'patch',
    path: '/api/admin/offers/:id',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '修改优惠文字、有效期、限领、状态或库存（金额与类型发布后不可改）',
    body: OfferPatchSchema,
    response: AdminOfferSchema,
  }),
};
