/**
 * The emulated api.mch.weixin.qq.com: a request handler (method, path, headers, body → status
 * and JSON) over an in-memory ledger of transactions and refunds. It verifies the merchant's
 * signature on every request and answers the JSAPI prepay, query, close, refund and refund
 * query APIs with WeChat Pay's documented shapes and error codes. Delivering notifications is
 * the caller's business (see emulator.ts): this file has no I/O.
 */
import { randomBytes } from 'node:crypto';
import { WECHAT_PAY_ORIGIN, type RefundStatus, type TradeState } from './client';
import { digits, type EmulatorIdentity } from './emulator-identity';
import { authorizationProblem, beijingTime } from './emulator-signing';

export interface EmulatorRequest {
  method: string;
  /** Path and query, e.g. /v3/pay/transactions/out-trade-no/BV1?mchid=1900000001 */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface EmulatorReply {
  status: number;
  body?: unknown;
}

export interface EmulatorTransaction {
  appid: string;
  mchid: string;
  description: string;
  outTradeNo: string;
  notifyUrl: string;
  totalFen: number;
  payerOpenid: string;
  expiresAt: Date | null;
  prepayId: string;
  state: TradeState;
  transactionId: string | null;
  successTime: Date | null;
  refundedFen: number;
}

export interface EmulatorRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  notifyUrl: string | null;
  refundFen: number;
  totalFen: number;
  reason: string;
  status: RefundStatus;
  createdAt: Date;
  successTime: Date | null;
}

const TRADE_STATE_DESCRIPTIONS: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '订单未支付',
  CLOSED: '订单已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
};

const ORDER_NUMBER = /^[0-9A-Za-z_\-|*]{6,64}$/;
const fail = (status: number, code: string, message: string): EmulatorReply => ({ status, body: { code, message } });

export class EmulatorLedger {
  readonly transactions = new Map<string, EmulatorTransaction>();
  readonly refunds = new Map<string, EmulatorRefund>();

  constructor(
    private readonly identity: EmulatorIdentity,
    /** Told about each newly accepted refund, so the emulator can settle it and notify. */
    private readonly onRefundAccepted: (refund: EmulatorRefund) => void = () => {},
  ) {}

  handle(request: EmulatorRequest, now = new Date()): EmulatorReply {
    const problem = authorizationProblem(this.identity, request, now);
    if (problem) return fail(401, 'SIGN_ERROR', problem);
    const url = new URL(request.path, WECHAT_PAY_ORIGIN);
    let body: Record<string, any> = {};
    if (request.method === 'POST') {
      try {
        body = JSON.parse(request.body || '{}') as Record<string, any>;
      } catch {
        return fail(400, 'PARAM_ERROR', '请求体不是有效的 JSON');
      }
    }
    const route = `${request.method} ${url.pathname}`;
    let match: RegExpExecArray | null;
    if (route === 'POST /v3/pay/transactions/jsapi') return this.prepay(body, now);
    if ((match = /^GET \/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(route))) {
      if (url.searchParams.get('mchid') !== this.identity.mchId) return fail(400, 'PARAM_ERROR', 'mchid 有误');
      return this.query(decodeURIComponent(match[1]!));
    }
    if ((match = /^POST \/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(route))) {
      if (body.mchid !== this.identity.mchId) return fail(400, 'PARAM_ERROR', 'mchid 有误');
      return this.close(decodeURIComponent(match[1]!));
    }
    if (route === 'POST /v3/refund/domestic/refunds') return this.refund(body, now);
    if ((match = /^GET \/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(route))) {
      const refund = this.refunds.get(decodeURIComponent(match[1]!));
      return refund
        ? { status: 200, body: this.refundReply(refund) }
        : fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    }
    return fail(404, 'NOT_FOUND', '模拟器未实现该接口');
  }

  private prepay(body: Record<string, any>, now: Date): EmulatorReply {
    if (body.appid !== this.identity.appId || body.mchid !== this.identity.mchId) {
      return fail(400, 'APPID_MCHID_NOT_MATCH', 'appid 和 mch_id 不匹配');
    }
    const total = body.amount?.total;
    const openid = body.payer?.openid;
    if (
      typeof body.description !== 'string' ||
      !ORDER_NUMBER.test(String(body.out_trade_no)) ||
      typeof body.notify_url !== 'string' ||
      !Number.isInteger(total) ||
      total < 1 ||
      typeof openid !== 'string'
    ) {
      return fail(400, 'PARAM_ERROR', '参数错误');
    }
    const existing = this.transactions.get(body.out_trade_no);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return fail(403, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return fail(400, 'ORDER_CLOSED', '订单已关闭');
      // The same order asked for again gets the same prepay id; a different one under its number is refused.
      if (existing.totalFen !== total || existing.payerOpenid !== openid || existing.description !== body.description) {
        return fail(400, 'OUT_TRADE_NO_USED', '商户订单号重复');
      }
      return { status: 200, body: { prepay_id: existing.prepayId } };
    }
    const transaction: EmulatorTransaction = {
      appid: body.appid,
      mchid: body.mchid,
      description: body.description,
      outTradeNo: body.out_trade_no,
      notifyUrl: body.notify_url,
      totalFen: total,
      payerOpenid: openid,
      expiresAt: body.time_expire ? new Date(body.time_expire) : null,
      prepayId: `wx${beijingTime(now).replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`,
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
      refundedFen: 0,
    };
    this.transactions.set(transaction.outTradeNo, transaction);
    return { status: 200, body: { prepay_id: transaction.prepayId } };
  }

  private query(outTradeNo: string): EmulatorReply {
    const transaction = this.transactions.get(outTradeNo);
    if (!transaction) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, body: this.transactionReply(transaction) };
  }

  private close(outTradeNo: string): EmulatorReply {
    const transaction = this.transactions.get(outTradeNo);
    if (!transaction) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (transaction.state === 'SUCCESS' || transaction.state === 'REFUND') return fail(400, 'ORDERPAID', '订单已支付');
    transaction.state = 'CLOSED';
    return { status: 204 };
  }

  private refund(body: Record<string, any>, now: Date): EmulatorReply {
    const refundFen = body.amount?.refund;
    if (!ORDER_NUMBER.test(String(body.out_refund_no)) || !Number.isInteger(refundFen) || refundFen < 1) {
      return fail(400, 'PARAM_ERROR', '参数错误');
    }
    const existing = this.refunds.get(body.out_refund_no);
    // Asked again with the same refund number: the refund already made, never a second one.
    if (existing) return { status: 200, body: this.refundReply(existing) };
    const transaction = this.transactions.get(String(body.out_trade_no));
    if (!transaction) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (transaction.state !== 'SUCCESS' && transaction.state !== 'REFUND') {
      return fail(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    }
    if (body.amount?.total !== transaction.totalFen) return fail(400, 'PARAM_ERROR', '订单金额与原订单不符');
    if (refundFen > transaction.totalFen - transaction.refundedFen) {
      return fail(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    }
    transaction.refundedFen += refundFen;
    transaction.state = 'REFUND';
    const refund: EmulatorRefund = {
      refundId: `50${digits(27)}`,
      outRefundNo: body.out_refund_no,
      outTradeNo: transaction.outTradeNo,
      notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : null,
      refundFen,
      totalFen: transaction.totalFen,
      reason: String(body.reason ?? ''),
      status: 'PROCESSING',
      createdAt: now,
      successTime: null,
    };
    this.refunds.set(refund.outRefundNo, refund);
    this.onRefundAccepted(refund);
    return { status: 200, body: this.refundReply(refund) };
  }

  /** The member paid: the transaction becomes SUCCESS (the caller sends the notification). */
  markPaid(outTradeNo: string, now: Date): EmulatorTransaction {
    const transaction = this.transactions.get(outTradeNo);
    if (!transaction) throw new EmulatorError('微信支付中没有这笔订单（尚未下单）');
    if (transaction.state !== 'NOTPAY' && transaction.state !== 'USERPAYING') {
      throw new EmulatorError(`这笔订单不能再支付（${TRADE_STATE_DESCRIPTIONS[transaction.state]}）`);
    }
    if (transaction.expiresAt && transaction.expiresAt <= now) throw new EmulatorError('订单已超过支付时限');
    transaction.state = 'SUCCESS';
    transaction.transactionId = `4200${digits(24)}`;
    transaction.successTime = now;
    return transaction;
  }

  /** A refund reaches its end: SUCCESS (money returned), CLOSED (given up) or ABNORMAL (needs staff). */
  settleRefund(outRefundNo: string, status: Exclude<RefundStatus, 'PROCESSING'>, now: Date): EmulatorRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new EmulatorError('微信支付中没有这笔退款');
    if (status === 'CLOSED' && refund.status !== 'SUCCESS') {
      // Closed refunds give the amount back to the order.
      const transaction = this.transactions.get(refund.outTradeNo)!;
      transaction.refundedFen -= refund.refundFen;
      if (transaction.refundedFen === 0) transaction.state = 'SUCCESS';
    }
    refund.status = status;
    refund.successTime = status === 'SUCCESS' ? now : null;
    return refund;
  }

  transactionReply(transaction: EmulatorTransaction): Record<string, unknown> {
    const paid = transaction.transactionId !== null;
    return {
      appid: transaction.appid,
      mchid: transaction.mchid,
      out_trade_no: transaction.outTradeNo,
      ...(paid ? { transaction_id: transaction.transactionId, bank_type: 'OTHERS' } : {}),
      trade_type: 'JSAPI',
      trade_state: transaction.state,
      trade_state_desc: TRADE_STATE_DESCRIPTIONS[transaction.state],
      attach: '',
      ...(transaction.successTime ? { success_time: beijingTime(transaction.successTime) } : {}),
      payer: { openid: transaction.payerOpenid },
      amount: {
        total: transaction.totalFen,
        ...(paid ? { payer_total: transaction.totalFen } : {}),
        currency: 'CNY',
        payer_currency: 'CNY',
      },
    };
  }

  refundReply(refund: EmulatorRefund): Record<string, unknown> {
    const transaction = this.transactions.get(refund.outTradeNo);
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: transaction?.transactionId ?? '',
      out_trade_no: refund.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: beijingTime(refund.createdAt),
      ...(refund.successTime ? { success_time: beijingTime(refund.successTime) } : {}),
      status: refund.status,
      amount: {
        total: refund.totalFen,
        refund: refund.refundFen,
        payer_total: refund.totalFen,
        payer_refund: refund.refundFen,
        currency: 'CNY',
      },
    };
  }

  /** The resource of a REFUND.* notification. */
  refundNotificationResource(refund: EmulatorRefund): Record<string, unknown> {
    const transaction = this.transactions.get(refund.outTradeNo);
    return {
      mchid: this.identity.mchId,
      out_trade_no: refund.outTradeNo,
      transaction_id: transaction?.transactionId ?? '',
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: beijingTime(refund.successTime) } : {}),
      user_received_account: '支付用户零钱',
      amount: {
        total: refund.totalFen,
        refund: refund.refundFen,
        payer_total: refund.totalFen,
        payer_refund: refund.refundFen,
      },
    };
  }
}

/** Something the emulator's operator (a test, the simulated payment) asked for that cannot happen. */
export class EmulatorError extends Error {
  override name = 'EmulatorError';
}
