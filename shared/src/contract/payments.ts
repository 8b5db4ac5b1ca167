/**
 * Payments: orders, WeChat Pay's callbacks, and refunds. The first product sold is a paid
 * benefit voucher, so the buying and refund endpoints still live under /api/benefits.
 */
import { z } from 'zod';
import { DateTimeSchema, ObjectIdSchema, OkSchema } from '../common';
import { defineEndpoint } from '../endpoint';

/**
 * pending_payment → paid → (refunding → refunded); pending_payment → closed (timeout or
 * cancel, stock released). Every transition is conditional on the current status.
 */
export const ORDER_STATUSES = ['pending_payment', 'paid', 'closed', 'refunding', 'refunded'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待支付',
  paid: '已支付',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};

export const OrderSchema = z.object({
  id: ObjectIdSchema,
  orderNo: z.string().describe('商户订单号 out_trade_no'),
  status: OrderStatusSchema,
  product: z.object({
    kind: z.enum(['benefit_voucher', 'activity_entry']),
    ref: ObjectIdSchema.describe('所购之物：优惠或活动报名'),
    title: z.string(),
    subtitle: z.string().describe('如商家名称、活动时间'),
  }),
  amountFen: z.number().int().describe('会员实付'),
  totalFen: z.number().int().describe('原价（券面值或活动费用），下单时的条款'),
  unionSubsidyFen: z.number().int().describe('工会补贴，下单时的条款；原价减实付减补贴为商家让利'),
  resultId: ObjectIdSchema.nullable().describe('支付成功后得到的东西：券编号或报名编号'),
  // Voucher-only fields, kept (optional) so existing clients keep reading them.
  offerId: ObjectIdSchema.optional(),
  offerTitle: z.string().optional(),
  merchantName: z.string().optional(),
  faceValueFen: z.number().int().optional(),
  createdAt: DateTimeSchema,
  expiresAt: DateTimeSchema.describe('超时未支付将关闭并释放库存'),
  paidAt: DateTimeSchema.nullable(),
  closedAt: DateTimeSchema.nullable(),
  voucherId: ObjectIdSchema.nullable().optional().describe('支付成功后发放的券（仅券订单）'),
});
export type Order = z.infer<typeof OrderSchema>;

/** Exactly what Taro.requestPayment takes. */
export const PaymentParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});

export const OrderPaymentSchema = z.object({
  order: OrderSchema,
  payment: PaymentParamsSchema.nullable().describe('订单已支付或已关闭时为 null'),
  simulated: z.boolean().describe('演示环境：没有真实微信支付，可用“模拟支付”走同一条支付通知流程；生产环境恒为 false'),
});
export type OrderPayment = z.infer<typeof OrderPaymentSchema>;

/** WeChat Pay's expected answer to a notification. */
export const WechatPayAckSchema = z.object({ code: z.enum(['SUCCESS', 'FAIL']), message: z.string() });
/** How a WeChat Pay callback is refused (4xx, so WeChat Pay retries): its protocol, not our ErrorBody. */
export const WechatPayFailSchema = z.object({
  code: z.literal('FAIL'),
  message: z.string().describe('拒绝的原因（中文），如“微信支付通知签名无效”'),
});
const WECHAT_PAY_REFUSAL = {
  schema: WechatPayFailSchema,
  description:
    '按微信支付回调协议应答：验签、解密或核对失败时返回 4xx 和 { code: "FAIL", message }，微信支付会稍后重发',
};

export const paymentEndpoints = {
  order: defineEndpoint({
    method: 'get',
    path: '/api/benefits/orders/:id',
    access: 'user',
    tag: '普惠商家',
    summary: '我的订单状态（支付成功后含券编号）',
    response: OrderSchema,
  }),

  confirmOrder: defineEndpoint({
    method: 'post',
    path: '/api/benefits/orders/:id/confirm',
    access: 'user',
    tag: '普惠商家',
    summary: '支付完成后调用：尚未收到通知时向微信支付查单并履约',
    rateLimit: { name: 'benefit-order-confirm', points: 120, durationSeconds: 600 },
    response: OrderSchema,
  }),

  cancelOrder: defineEndpoint({
    method: 'post',
    path: '/api/benefits/orders/:id/cancel',
    access: 'user',
    tag: '普惠商家',
    summary: '取消未支付订单，释放库存',
    response: OrderSchema,
  }),

  simulatePayment: defineEndpoint({
    method: 'post',
    path: '/api/dev/wechat-pay/orders/:id/pay',
    access: 'user',
    tag: '普惠商家',
    summary: '仅演示环境：模拟微信支付成功，由模拟器发出签名加密的支付通知（生产环境不存在）',
    response: OkSchema,
  }),

  paymentNotification: defineEndpoint({
    method: 'post',
    path: '/api/payments/wechat/notify',
    access: 'public',
    tag: '微信支付',
    summary: '微信支付支付结果通知（验签、解密、核对后恰好履约一次）',
    rawBody: { contentTypes: ['application/json'], maxBytes: 64 * 1024 },
    response: WechatPayAckSchema,
    errorBody: WECHAT_PAY_REFUSAL,
  }),

  refundNotification: defineEndpoint({
    method: 'post',
    path: '/api/payments/wechat/refund-notify',
    access: 'public',
    tag: '微信支付',
    summary: '微信支付退款结果通知',
    rawBody: { contentTypes: ['application/json'], maxBytes: 64 * 1024 },
    response: WechatPayAckSchema,
    errorBody: WECHAT_PAY_REFUSAL,
  }),
};
