/**
 * Vouchers: members claiming them and showing them (我的券), clerks binding to their merchant
 * and redeeming at the counter (商户核销), the union's monthly settlement and the audit trail.
 */
import { z } from 'zod';
import { VOUCHER_STATUSES, VOUCHER_VIEWS } from '../benefit-rules';
import { CursorPageQuerySchema, DateTimeSchema, ObjectIdSchema, pageOf, RequestIdSchema } from '../common';
import { defineEndpoint } from '../endpoint';
import { MERCHANT_CLERK_ROLES, UNION_OFFICE_ROLES } from '../roles';
import { CardQrBatchSchema } from './card';
import { MerchantCategorySchema, MerchantSummarySchema } from './merchants';
import { OfferKindSchema } from './offers';
import { OrderPaymentSchema } from './payments';

export const VoucherStatusSchema = z.enum(VOUCHER_STATUSES);
export const VoucherViewSchema = z.enum(VOUCHER_VIEWS);
export const VoucherDisplayStatusSchema = z.enum([...VOUCHER_VIEWS, 'refunding']);

export const VoucherSchema = z.object({
  id: ObjectIdSchema,
  code: z.string().describe('12 位券码（末位为校验位），到店可报码核销'),
  status: VoucherStatusSchema,
  displayStatus: VoucherDisplayStatusSchema,
  offer: z.object({
    id: ObjectIdSchema,
    title: z.string(),
    kind: OfferKindSchema,
    headline: z.string(),
    usageNotes: z.string(),
  }),
  merchant: MerchantSummarySchema,
  faceValueFen: z.number().int(),
  paidFen: z.number().int().describe('会员实付；免费券为 0'),
  validFrom: DateTimeSchema,
  validUntil: DateTimeSchema,
  claimedAt: DateTimeSchema,
  redeemedAt: DateTimeSchema.nullable(),
  refundedAt: DateTimeSchema.nullable(),
  orderId: ObjectIdSchema.nullable(),
  canRefund: z.boolean().describe('未使用的付费券可申请退款'),
});
export type Voucher = z.infer<typeof VoucherSchema>;

export const VoucherListQuerySchema = CursorPageQuerySchema.extend({
  view: VoucherViewSchema.default('unused'),
});

export const VoucherQrBatchSchema = CardQrBatchSchema.describe(
  '券二维码：每个令牌只在自己的一分钟内有效，一批覆盖约十分钟，断网时仍可出示',
);

export const ClaimRequestSchema = z.object({ requestId: RequestIdSchema });

export const BindMerchantRequestSchema = z.object({
  invitationCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字'),
});

export const MerchantWorkbenchSchema = z.object({
  merchant: MerchantSummarySchema,
  today: z.object({ redemptions: z.number().int(), faceValueFen: z.number().int() }),
});

/** A scanned voucher QR, or a code typed by the clerk: exactly one of the two. */
const voucherLookupFields = {
  token: z.string().trim().max(300, '二维码内容过长，不是券码').optional(),
  code: z.string().trim().max(20, '券码为 12 位数字').optional(),
};
const hasTokenOrCode = (lookup: { token?: string; code?: string }) => Boolean(lookup.token) !== Boolean(lookup.code);
const TOKEN_OR_CODE = { message: '请扫描券二维码或输入券码（二选一）', path: ['code'] };

export const RedemptionLookupSchema = z.object(voucherLookupFields).refine(hasTokenOrCode, TOKEN_OR_CODE);

export const REDEMPTION_CHECKS = [
  'redeemable',
  'used',
  'expired',
  'not_yet_valid',
  'refunded',
  'refunding',
  'wrong_merchant',
  'qr_expired',
  'forged',
  'not_found',
] as const;
export const RedemptionCheckSchema = z.enum(REDEMPTION_CHECKS);
export type RedemptionCheck = z.infer<typeof RedemptionCheckSchema>;

export const RedemptionPreviewSchema = z.object({
  result: RedemptionCheckSchema,
  message: z.string().describe('给店员看的中文说明'),
  voucher: z
    .object({
      id: ObjectIdSchema,
      code: z.string(),
      offerTitle: z.string(),
      headline: z.string(),
      faceValueFen: z.number().int(),
      paidFen: z.number().int(),
      memberMaskedName: z.string(),
      validUntil: DateTimeSchema,
      redeemedAt: DateTimeSchema.nullable(),
    })
    .nullable()
    .describe('券不存在或属于其他商户时为 null'),
});
export type RedemptionPreview = z.infer<typeof RedemptionPreviewSchema>;

export const RedeemRequestSchema = z
  .object({ ...voucherLookupFields, requestId: RequestIdSchema })
  .refine(hasTokenOrCode, TOKEN_OR_CODE);

export const RedemptionSchema = z.object({
  id: ObjectIdSchema.describe('券编号'),
  code: z.string(),
  offerTitle: z.string(),
  headline: z.string(),
  faceValueFen: z.number().int(),
  paidFen: z.number().int(),
  memberMaskedName: z.string(),
  redeemedAt: DateTimeSchema,
  redeemedByName: z.string(),
});
export type Redemption = z.infer<typeof RedemptionSchema>;

export const TodayRedemptionsSchema = z.object({
  date: z.iso.date(),
  items: z.array(RedemptionSchema),
  totals: z.object({ count: z.number().int(), faceValueFen: z.number().int(), paidFen: z.number().int() }),
});

/** Typed codes are 12 digits: limit how fast one clerk account may try them, so codes cannot be guessed; scans are not limited. */
const TYPED_CODE_LIMIT = { name: 'voucher-typed-code', points: 30, durationSeconds: 600, onlyWithBodyField: 'code' };

export const SettlementQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  orgId: ObjectIdSchema.optional().describe('默认为本人管辖的组织'),
});

export const SettlementRowSchema = z.object({
  merchantId: ObjectIdSchema,
  merchantName: z.string(),
  category: MerchantCategorySchema,
  redeemedCount: z.number().int().describe('本月核销张数（含免费券）'),
  paidRedeemedCount: z.number().int(),
  faceValueFen: z.number().int(),
  memberPaidFen: z.number().int(),
  unionSubsidyFen: z.number().int(),
  owedToMerchantFen: z.number().int().describe('应付商户 = 会员实付 + 工会补贴'),
});
export const SettlementSchema = z.object({
  month: z.string(),
  rows: z.array(SettlementRowSchema),
  totals: SettlementRowSchema.omit({ merchantId: true, merchantName: true, category: true }),
});
export type Settlement = z.infer<typeof SettlementSchema>;

/** How many closed months back the workbench looks for settlements nobody exported. */
export const SETTLEMENT_EXPORT_LOOKBACK_MONTHS = 12;

export const PendingSettlementExportSchema = z.object({
  orgId: ObjectIdSchema,
  orgName: z.string(),
  month: z.string().describe('YYYY-MM，已结束的月份'),
  closedAt: DateTimeSchema.describe('该月结束的时刻（北京时间次月 1 日零点）'),
});
export type PendingSettlementExport = z.infer<typeof PendingSettlementExportSchema>;

export const BENEFIT_EVENT_KINDS = [
  'voucher.claimed',
  'voucher.redeemed',
  'voucher.refund_requested',
  'voucher.refunded',
  'voucher.refund_failed',
  'order.created',
  'order.paid',
  'order.closed',
  'order.payment_mismatch',
  'offer.created',
  'offer.updated',
  'offer.stock_changed',
  'merchant.created',
  'merchant.updated',
  'merchant.staff_bound',
  'merchant.staff_revoked',
] as const;
export const BenefitEventKindSchema = z.enum(BENEFIT_EVENT_KINDS);
export type BenefitEventKind = z.infer<typeof BenefitEventKindSchema>;

export const BenefitEventSchema = z.object({
  id: ObjectIdSchema,
  kind: BenefitEventKindSchema,
  at: DateTimeSchema,
  actor: z.object({
    kind: z.enum(['member', 'merchant_staff', 'union_staff', 'wechat_pay', 'system']),
    label: z.string().describe('角色与脱敏姓名，如 商户店员 张**'),
  }),
  amountFen: z.number().int().nullable(),
  summary: z.string(),
});

export const BenefitEventQuerySchema = z
  .object({
    voucherId: ObjectIdSchema.optional(),
    orderId: ObjectIdSchema.optional(),
    offerId: ObjectIdSchema.optional(),
  })
  .refine((query) => query.voucherId || query.orderId || query.offerId, {
    message: '请指定券、订单或优惠',
    path: ['voucherId'],
  });

export const CreateOrderRequestSchema = z.object({ requestId: RequestIdSchema });

export const RefundRequestSchema = z.object({
  reason: z.string().trim().min(2, '请说明退款原因').max(80, '退款原因最多 80 字'),
  requestId: RequestIdSchema,
});

export const voucherEndpoints = {
  claim: defineEndpoint({
    method: 'post',
    path: '/api/benefits/offers/:id/claims',
    access: 'user',
    rateLimit: { name: 'voucher-claim', points: 60, durationSeconds: 60 },
    tag: '普惠商家',
    summary: '领取免费优惠券（按 requestId 幂等；库存与每人限领在并发下严格成立）',
    body: ClaimRequestSchema,
    response: VoucherSchema,
  }),
  // A paid voucher is bought through payments (the voucher product's adapter does the voucher part).
  createOrder: defineEndpoint({
    method: 'post',
    path: '/api/benefits/offers/:id/orders',
    access: 'user',
    tag: '普惠商家',
    summary: '购买付费券：预留库存，创建微信支付订单，返回 Taro.requestPayment 参数',
    rateLimit: { name: 'benefit-order', points: 60, durationSeconds: 600 },
    body: CreateOrderRequestSchema,
    response: OrderPaymentSchema,
  }),
  requestRefund: defineEndpoint({
    method: 'post',
    path: '/api/benefits/vouchers/:id/refund',
    access: 'user',
    tag: '普惠商家',
    summary: '申请退款：仅未使用的付费券；退款结果以微信支付通知为准',
    rateLimit: { name: 'benefit-refund', points: 30, durationSeconds: 600 },
    body: RefundRequestSchema,
    response: VoucherSchema,
  }),
  myVouchers: defineEndpoint({
    method: 'get',
    path: '/api/benefits/vouchers',
    access: 'user',
    tag: '普惠商家',
    summary: '我的券：未使用、已使用、已过期、已退款',
    query: VoucherListQuerySchema,
    response: pageOf(VoucherSchema),
  }),
  voucher: defineEndpoint({
    method: 'get',
    path: '/api/benefits/vouchers/:id',
    access: 'user',
    tag: '普惠商家',
    summary: '我的一张券（出示页轮询它，核销后立即显示已使用）',
    response: VoucherSchema,
  }),
  voucherQr: defineEndpoint({
    method: 'post',
    path: '/api/benefits/vouchers/:id/qr',
    access: 'user',
    rateLimit: { name: 'voucher-qr', points: 30, durationSeconds: 60 },
    tag: '普惠商家',
    summary: '券的轮换二维码（一批约十分钟）',
    response: VoucherQrBatchSchema,
  }),
  bindMerchant: defineEndpoint({
    method: 'post',
    path: '/api/merchant/bind',
    access: 'user',
    // Codes are 8 characters from 31: guessing needs far more tries than this allows.
    rateLimit: { name: 'merchant-bind', points: 10, durationSeconds: 600 },
    tag: '商户核销',
    summary: '店员用邀请码绑定商户',
    body: BindMerchantRequestSchema,
    response: MerchantWorkbenchSchema,
  }),
  workbench: defineEndpoint({
    method: 'get',
    path: '/api/merchant/workbench',
    access: 'staff',
    roles: MERCHANT_CLERK_ROLES,
    tag: '商户核销',
    summary: '店员工作台：本店信息与今日核销数',
    response: MerchantWorkbenchSchema,
  }),
  previewRedemption: defineEndpoint({
    method: 'post',
    path: '/api/merchant/redemptions/preview',
    access: 'staff',
    roles: MERCHANT_CLERK_ROLES,
    rateLimit: TYPED_CODE_LIMIT,
    tag: '商户核销',
    summary: '扫码或输入券码后先查看券，确认后再核销',
    body: RedemptionLookupSchema,
    response: RedemptionPreviewSchema,
  }),
  redeem: defineEndpoint({
    method: 'post',
    path: '/api/merchant/redemptions',
    access: 'staff',
    roles: MERCHANT_CLERK_ROLES,
    rateLimit: TYPED_CODE_LIMIT,
    tag: '商户核销',
    summary: '核销：每张券只能被本商户店员在有效期内核销一次（按 requestId 幂等）',
    body: RedeemRequestSchema,
    response: RedemptionSchema,
  }),
  todayRedemptions: defineEndpoint({
    method: 'get',
    path: '/api/merchant/redemptions/today',
    access: 'staff',
    roles: MERCHANT_CLERK_ROLES,
    tag: '商户核销',
    summary: '本店今日核销记录（北京时间）',
    response: TodayRedemptionsSchema,
  }),
  settlement: defineEndpoint({
    method: 'get',
    path: '/api/admin/settlements',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '月度结算：各商家核销张数、面值、会员实付、工会补贴与应付金额',
    query: SettlementQuerySchema,
    response: SettlementSchema,
  }),
  settlementSheet: defineEndpoint({
    method: 'get',
    path: '/api/admin/settlements/export',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    rateLimit: { name: 'settlement-sheet', points: 30, durationSeconds: 600 },
    tag: '普惠管理',
    summary: '导出月度结算表（.xlsx，含明细）',
    query: SettlementQuerySchema,
    rawResponse: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    response: z.unknown(),
  }),
  pendingSettlementExports: defineEndpoint({
    method: 'get',
    path: '/api/admin/settlements/pending-exports',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: `结算待导出：近 ${SETTLEMENT_EXPORT_LOOKBACK_MONTHS} 个已结束月份中有核销、但本人管辖组织在月末之后还没导出结算表的月份（最早的在前）`,
    response: z.object({ items: z.array(PendingSettlementExportSchema) }),
  }),
  benefitEvents: defineEndpoint({
    method: 'get',
    path: '/api/admin/benefit-events',
    access: 'staff',
    roles: UNION_OFFICE_ROLES,
    tag: '普惠管理',
    summary: '券、订单或优惠的全部变更记录（谁、何时、做了什么）',
    query: BenefitEventQuerySchema,
    response: z.object({ items: z.array(BenefitEventSchema) }),
  }),
};
