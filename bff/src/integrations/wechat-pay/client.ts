/**
 * WeChat Pay APIv3 for JSAPI (mini-program) payments, as the paid vouchers use it. Request
 * signing and URLs come from wechatpay-node-v3; the HTTP goes through fetch under a time budget,
 * with bounded retries (bounded-call.ts).
 * Keys never leave this module: errors carry WeChat Pay's code, never a request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import WechatPay from 'wechatpay-node-v3';
import { chinaIsoString } from '@union/shared';
import { BadRequestError } from '../../http/errors';
import { boundedCall, MAX_ATTEMPTS } from '../bounded-call';
import { wechatPayError, type WechatPayErrorReply } from './errors';

export interface WechatPayClientOptions {
  appId: string;
  mchId: string;
  /** Serial number of the merchant API certificate, sent in every Authorization header. */
  serialNo: string;
  privateKey: KeyObject;
  /** The budget of one call, retries included (bounded-call.ts). */
  timeoutMs?: number;
  /**
   * Replaces https://api.mch.weixin.qq.com (the local emulator in development). Sound because
   * the request signature covers only the path, never the host.
   */
  baseUrl?: string;
}

export interface JsapiPrepay {
  outTradeNo: string;
  description: string;
  amountFen: number;
  payerOpenid: string;
  notifyUrl: string;
  /** WeChat Pay refuses payment after this; the order's own timeout should match. */
  expiresAt: Date;
}

/** Exactly what `Taro.requestPayment` takes. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface WechatPayTransaction {
  tradeState: TradeState;
  tradeStateDesc: string;
  outTradeNo: string;
  transactionId: string | null;
  amountFen: number | null;
  payerOpenid: string | null;
  successTime: Date | null;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string;
}

export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface WechatPayRefund {
  refundId: string;
  outRefundNo: string;
  /** PROCESSING until the refund notification (or a query) says otherwise. */
  status: RefundStatus;
}

export interface WechatPayClient {
  /** Creates the WeChat Pay order and returns its prepay_id (valid for two hours). */
  prepayJsapi(prepay: JsapiPrepay): Promise<string>;
  paymentParamsFor(prepayId: string): PaymentParams;
  /** Null when WeChat Pay has never heard of the order. */
  queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction | null>;
  /** Closes an unpaid order; fails with `wechat_pay_order_paid` if the member paid meanwhile. */
  close(outTradeNo: string): Promise<void>;
  /** Asking again with the same outRefundNo is safe: WeChat Pay answers with the refund it already has. */
  refund(request: RefundRequest): Promise<WechatPayRefund>;
  /** Null when WeChat Pay has never heard of the refund. */
  queryRefund(outRefundNo: string): Promise<WechatPayRefund | null>;
}

export const WECHAT_PAY_ORIGIN = 'https://api.mch.weixin.qq.com';

/** WeChat Pay's alphabet for merchant order and refund numbers. */
const ORDER_NUMBER = /^[0-9A-Za-z_\-|*]{6,64}$/;

interface Reply {
  status: number;
  data?: unknown;
  error?: string;
  /** With status 0: no answer within the call's budget (rather than a refused or reset connection). */
  timedOut?: boolean;
}

/** No answer for a reason other than time, or WeChat Pay's own failure: another attempt may do. */
const worthRetrying = (reply: Reply) => (reply.status === 0 ? !reply.timedOut : reply.status >= 500);

export function createWechatPayClient(options: WechatPayClientOptions): WechatPayClient {
  const pay = new WechatPay({
    appid: options.appId,
    mchid: options.mchId,
    serial_no: options.serialNo,
    // Only read to derive a serial number, which we give; the private key is what signs.
    publicKey: Buffer.from(createPublicKey(options.privateKey).export({ type: 'spki', format: 'pem' })),
    privateKey: options.privateKey as unknown as Buffer,
  });
  const timeoutMs = options.timeoutMs ?? 6000;
  pay.createHttp({
    get: (url, headers) => send('GET', url, headers),
    post: (url, body, headers) => send('POST', url, headers, body),
    upload: () => Promise.reject(new Error('not used')),
  });

  /** The deadline of the call in progress, reaching `send` through the library that signs each attempt. */
  const callSignal = new AsyncLocalStorage<AbortSignal>();

  async function send(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
    const target = options.baseUrl ? options.baseUrl + url.slice(WECHAT_PAY_ORIGIN.length) : url;
    const signal = callSignal.getStore() ?? AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(target, {
        method,
        headers,
        // The same serialization wechatpay-node-v3 signed.
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      // Read under the same deadline: an answer cut off halfway is no answer.
      text = await response.text();
    } catch {
      return { status: 0, timedOut: signal.aborted };
    }
    if (!response.ok) return { status: response.status, error: text };
    try {
      return { status: response.status, data: text ? (JSON.parse(text) as unknown) : {} };
    } catch {
      // Something between us and WeChat Pay answered: the outcome is unknown, like a timeout.
      return { status: 502, error: text };
    }
  }

  /**
   * One WeChat Pay call, signed afresh for each attempt, retried within the budget when it failed
   * without a decision. Safe because every call names its order or refund by our own number.
   */
  const call = (request: () => Promise<unknown>) =>
    boundedCall<Reply>(
      { budgetMs: timeoutMs, maxAttempts: MAX_ATTEMPTS, worthRetrying },
      (signal) => callSignal.run(signal, request) as Promise<Reply>,
    );

  function failure(reply: Reply) {
    return wechatPayError(reply.status, parseError(reply.error), reply.timedOut);
  }

  return {
    async prepayJsapi(prepay) {
      checkOrderNumber(prepay.outTradeNo);
      // Every attempt sends the same body: WeChat Pay answers a repeat with the first prepay id.
      const reply = await call(() =>
        pay.transactions_jsapi({
          description: prepay.description,
          out_trade_no: prepay.outTradeNo,
          time_expire: beijingTime(prepay.expiresAt),
          notify_url: prepay.notifyUrl,
          amount: { total: prepay.amountFen, currency: 'CNY' },
          payer: { openid: prepay.payerOpenid },
        }),
      );
      // On success the library replaces the reply with its own payment parameters.
      const pkg = (reply.data as { package?: string } | undefined)?.package;
      if (reply.status !== 200 || !pkg?.startsWith('prepay_id=')) throw failure(reply);
      return pkg.slice('prepay_id='.length);
    },

    paymentParamsFor(prepayId) {
      const timeStamp = Math.floor(Date.now() / 1000).toString();
      const nonceStr = randomBytes(16).toString('hex');
      const pkg = `prepay_id=${prepayId}`;
      const message = `${options.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
      const paySign = sign('RSA-SHA256', Buffer.from(message), options.privateKey).toString('base64');
      return { timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
    },

    async queryByOutTradeNo(outTradeNo) {
      checkOrderNumber(outTradeNo);
      const reply = await call(() => pay.query({ out_trade_no: outTradeNo }));
      if (reply.status === 404) return null;
      if (reply.status !== 200) throw failure(reply);
      return presentTransaction(reply.data as TransactionReply);
    },

    async close(outTradeNo) {
      checkOrderNumber(outTradeNo);
      const reply = await call(() => pay.close(outTradeNo));
      if (reply.status !== 204 && reply.status !== 200) throw failure(reply);
    },

    async refund(request) {
      checkOrderNumber(request.outTradeNo);
      checkOrderNumber(request.outRefundNo);
      const reply = await call(() =>
        pay.refunds({
          out_trade_no: request.outTradeNo,
          out_refund_no: request.outRefundNo,
          reason: request.reason,
          notify_url: request.notifyUrl,
          amount: { refund: request.refundFen, total: request.totalFen, currency: 'CNY' },
        }),
      );
      if (reply.status !== 200) throw failure(reply);
      return presentRefund(reply.data as RefundReply);
    },

    async queryRefund(outRefundNo) {
      checkOrderNumber(outRefundNo);
      const reply = await call(() => pay.find_refunds(outRefundNo));
      if (reply.status === 404) return null;
      if (reply.status !== 200) throw failure(reply);
      return presentRefund(reply.data as RefundReply);
    },
  };
}

/** A transaction as WeChat Pay sends it, in a query reply or a decrypted notification. */
export interface TransactionReply {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: TradeState;
  trade_state_desc: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string };
}

export function presentTransaction(data: TransactionReply): WechatPayTransaction {
  return {
    tradeState: data.trade_state,
    tradeStateDesc: data.trade_state_desc,
    outTradeNo: data.out_trade_no,
    transactionId: data.transaction_id ?? null,
    amountFen: data.amount?.total ?? null,
    payerOpenid: data.payer?.openid ?? null,
    successTime: data.success_time ? new Date(data.success_time) : null,
  };
}

interface RefundReply {
  refund_id: string;
  out_refund_no: string;
  status: RefundStatus;
}

function presentRefund(data: RefundReply): WechatPayRefund {
  return { refundId: data.refund_id, outRefundNo: data.out_refund_no, status: data.status };
}

function checkOrderNumber(value: string) {
  // Also keeps the number from changing the request path the library builds from it.
  if (!ORDER_NUMBER.test(value)) throw BadRequestError('订单号格式不正确', 'wechat_pay_order_number_invalid');
}

function parseError(text: string | undefined): WechatPayErrorReply | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as WechatPayErrorReply;
  } catch {
    return undefined;
  }
}

/** RFC 3339 in China Standard Time, the form WeChat Pay documents for time_expire. */
const beijingTime = chinaIsoString;
