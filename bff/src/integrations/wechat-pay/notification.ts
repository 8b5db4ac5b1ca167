/**
 * The core of the payment and refund notification endpoints: decide whether a request really
 * comes from WeChat Pay, and read it. Pure apart from the clock, which the caller passes.
 * https://pay.weixin.qq.com/doc/v3/merchant/4012791861 (signature), 4012071382 (resource)
 */
import { createDecipheriv, verify, type KeyObject } from 'node:crypto';
import { WechatPayMismatchError, WechatPayNotificationError } from './errors';

export interface PlatformKey {
  /** The 微信支付公钥 id (PUB_KEY_ID_…) or platform certificate serial, as in Wechatpay-Serial. */
  id: string;
  publicKey: KeyObject;
}

export interface VerifiedNotification<Resource = unknown> {
  id: string;
  /** e.g. TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED */
  eventType: string;
  resource: Resource;
}

/** WeChat Pay's documented tolerance for the notification's timestamp. */
const MAX_SKEW_SECONDS = 5 * 60;

type Headers = Record<string, string | string[] | undefined>;

interface NotificationBody {
  id?: string;
  event_type?: string;
  resource?: { algorithm?: string; ciphertext?: string; associated_data?: string; nonce?: string };
}

export function verifyPaymentNotification<Resource = unknown>(input: {
  headers: Headers;
  rawBody: string | Buffer;
  now: Date;
  apiV3Key: string;
  platformKeys: PlatformKey[];
}): VerifiedNotification<Resource> {
  const timestamp = header(input.headers, 'wechatpay-timestamp');
  const nonce = header(input.headers, 'wechatpay-nonce');
  const signature = header(input.headers, 'wechatpay-signature');
  const serial = header(input.headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) {
    throw new WechatPayNotificationError('bad_signature', '缺少微信支付签名信息');
  }
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(input.now.getTime() / 1000 - seconds) > MAX_SKEW_SECONDS) {
    throw new WechatPayNotificationError('stale_timestamp', '微信支付通知的时间戳已过期');
  }
  const key = input.platformKeys.find((candidate) => candidate.id.toUpperCase() === serial.toUpperCase());
  if (!key) throw new WechatPayNotificationError('unknown_serial', '微信支付通知使用了未知的平台公钥');

  const body = typeof input.rawBody === 'string' ? input.rawBody : input.rawBody.toString('utf8');
  const message = Buffer.from(`${timestamp}\n${nonce}\n${body}\n`);
  let valid = false;
  try {
    valid = verify('RSA-SHA256', message, key.publicKey, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw new WechatPayNotificationError('bad_signature', '微信支付通知签名无效');

  let parsed: NotificationBody;
  try {
    parsed = JSON.parse(body) as NotificationBody;
  } catch {
    throw new WechatPayNotificationError('malformed', '微信支付通知格式有误');
  }
  const resource = parsed.resource;
  if (!parsed.event_type || !resource?.ciphertext || !resource.nonce || resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new WechatPayNotificationError('malformed', '微信支付通知格式有误');
  }
  const plaintext = decryptResource(
    { ciphertext: resource.ciphertext, nonce: resource.nonce, associatedData: resource.associated_data ?? '' },
    input.apiV3Key,
  );
  try {
    return { id: parsed.id ?? '', eventType: parsed.event_type, resource: JSON.parse(plaintext) as Resource };
  } catch {
    throw new WechatPayNotificationError('undecryptable', '微信支付通知内容无法解析');
  }
}

/** AEAD_AES_256_GCM as WeChat Pay uses it: the last 16 bytes of the ciphertext are the tag. */
export function decryptResource(
  resource: { ciphertext: string; nonce: string; associatedData: string },
  apiV3Key: string,
): string {
  try {
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    if (bytes.length < 17) throw new Error('too short');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    decipher.setAAD(Buffer.from(resource.associatedData));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new WechatPayNotificationError('undecryptable', '微信支付通知无法解密');
  }
}

export interface ExpectedTransaction {
  mchid: string;
  appid: string;
  outTradeNo: string;
  totalFen: number;
}

/** Refuses a (verified) transaction that is not for this merchant, this app, this order and this amount. */
export function assertTransactionMatches(
  transaction: { mchid?: string; appid?: string; out_trade_no?: string; amount?: { total?: number } },
  expected: ExpectedTransaction,
): void {
  const mismatched: string[] = [];
  if (transaction.mchid !== expected.mchid) mismatched.push('商户号');
  if (transaction.appid !== expected.appid) mismatched.push('AppID');
  if (transaction.out_trade_no !== expected.outTradeNo) mismatched.push('订单号');
  if (transaction.amount?.total !== expected.totalFen) mismatched.push('金额');
  if (mismatched.length > 0) throw new WechatPayMismatchError(mismatched);
}

function header(headers: Headers, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}
