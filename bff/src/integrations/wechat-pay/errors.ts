/**
 * What can go wrong with WeChat Pay, as named errors. API replies carry `{ code, message }`;
 * the codes below are the documented ones a caller can act on, the rest mean "try later".
 */
import {
  BadRequestError,
  ConflictError,
  HttpError,
  TooManyRequestsError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../http/errors';

/** WeChat Pay's error reply body (https://pay.weixin.qq.com/doc/v3/merchant/4012081709). */
export interface WechatPayErrorReply {
  code?: string;
  message?: string;
}

const KNOWN: Record<string, () => HttpError> = {
  ORDERPAID: () => ConflictError('该订单已支付，请勿重复付款', 'wechat_pay_order_paid'),
  ORDER_CLOSED: () => ConflictError('该订单已关闭，请重新下单', 'wechat_pay_order_closed'),
  ORDERNOTEXIST: () => BadRequestError('微信支付中找不到该订单', 'wechat_pay_order_not_found'),
  ORDER_NOT_EXIST: () => BadRequestError('微信支付中找不到该订单', 'wechat_pay_order_not_found'),
  RESOURCE_NOT_EXISTS: () => BadRequestError('微信支付中找不到该订单', 'wechat_pay_order_not_found'),
  OUT_TRADE_NO_USED: () => ConflictError('订单号重复，请重新下单', 'wechat_pay_out_trade_no_used'),
  FREQUENCY_LIMITED: () => TooManyRequestsError('支付请求过于频繁，请稍后再试'),
  NOT_ENOUGH: () => UpstreamError('商户账户余额不足，暂时无法退款，请稍后再试'),
  USER_ACCOUNT_ABNORMAL: () => BadRequestError('付款人的微信支付账户异常，无法原路退款', 'wechat_pay_account_abnormal'),
  INVALID_REQUEST: () => BadRequestError('微信支付拒绝了该请求，请检查订单状态', 'wechat_pay_invalid_request'),
  PARAM_ERROR: () => BadRequestError('微信支付请求参数有误', 'wechat_pay_param_error'),
  // The merchant's own setup is wrong: nothing the member can do, so it reads as an outage.
  SIGN_ERROR: () => UpstreamError('微信支付签名校验失败，请联系管理员检查商户配置'),
  NO_AUTH: () => UpstreamError('商户未开通该微信支付权限，请联系管理员'),
  APPID_MCHID_NOT_MATCH: () => UpstreamError('微信支付的 AppID 与商户号不匹配，请联系管理员'),
  MCH_NOT_EXISTS: () => UpstreamError('微信支付商户号不存在，请联系管理员'),
};

/**
 * Replies that say "not now" rather than "no": the merchant balance is short (NOT_ENOUGH), the
 * rate limit was hit, or WeChat Pay's own systems failed. The same request may succeed later.
 */
const TEMPORARY_CODES = new Set(['NOT_ENOUGH', 'FREQUENCY_LIMITED', 'SYSTEM_ERROR', 'SYSTEMERROR', 'BANKERROR']);

/**
 * A failed WeChat Pay call, as the member (or the job) sees it, plus what the caller needs to
 * decide what happened to the request: a 4xx reply is a definite refusal (nothing was done),
 * while no reply, a 5xx, a 429 or a temporary code leaves it open (retry with the same
 * numbers, or query).
 */
export class WechatPayApiError extends HttpError {
  constructor(
    base: HttpError,
    /** WeChat Pay's HTTP status; 0 when it could not be reached or did not answer in time. */
    readonly replyStatus: number,
    readonly wechatCode: string | null,
  ) {
    super(base.status, base.code, base.message);
  }

  get definite(): boolean {
    if (this.replyStatus === 429 || (this.wechatCode && TEMPORARY_CODES.has(this.wechatCode))) return false;
    return this.replyStatus >= 400 && this.replyStatus < 500;
  }
}

/** Turns a non-2xx WeChat Pay reply into the error the member (or the job) sees. */
export function wechatPayError(
  status: number | undefined,
  reply: WechatPayErrorReply | undefined,
  timedOut = false,
): WechatPayApiError {
  const code = reply?.code ?? null;
  if (!status && timedOut) return new WechatPayApiError(UpstreamTimeoutError('微信支付响应超时，请稍后再试'), 0, code);
  if (!status) return new WechatPayApiError(UpstreamError('暂时无法连接微信支付，请稍后再试'), 0, code);
  const known = code ? KNOWN[code] : undefined;
  const base = known ? known() : UpstreamError(`微信支付暂时不可用，请稍后再试（${code ?? status}）`);
  return new WechatPayApiError(base, status, code);
}

export type NotificationProblem =
  'stale_timestamp' | 'bad_signature' | 'unknown_serial' | 'malformed' | 'undecryptable';

/**
 * A payment or refund notification that must not be trusted. Authenticity problems are 401,
 * an unreadable body 400; either way WeChat retries, which is right when our keys are stale.
 */
export class WechatPayNotificationError extends HttpError {
  constructor(
    readonly problem: NotificationProblem,
    message: string,
  ) {
    super(problem === 'malformed' || problem === 'undecryptable' ? 400 : 401, `wechat_pay_${problem}`, message);
  }
}

/** A verified notification that does not describe the order we hold: never fulfil it. */
export class WechatPayMismatchError extends HttpError {
  constructor(readonly fields: string[]) {
    super(400, 'wechat_pay_mismatch', `微信支付通知与订单不符：${fields.join('、')}`);
  }
}
