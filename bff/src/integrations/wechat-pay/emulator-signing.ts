/**
 * What the emulator does with keys, exactly as WeChat Pay documents it: check the merchant's
 * Authorization header, sign its own answers, and seal and sign notifications.
 * https://pay.weixin.qq.com/doc/v3/merchant/4012365336 (request signature), 4012071382 (notifications)
 */
import { createCipheriv, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { EmulatorIdentity } from './emulator-identity';
import { chinaIsoString } from '@union/shared';

type Headers = Record<string, string | string[] | undefined>;

/** WeChat Pay refuses a request whose timestamp is further than this from its clock. */
const MAX_SKEW_SECONDS = 5 * 60;

function headerOf(headers: Headers, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/** Null when the request was signed by the merchant's key; otherwise what is wrong, in WeChat's words. */
export function authorizationProblem(
  identity: EmulatorIdentity,
  request: { method: string; path: string; headers: Headers; body: string },
  now: Date,
): string | null {
  const header = headerOf(request.headers, 'authorization') ?? '';
  const [scheme, rest = ''] = header.split(' ', 2);
  if (scheme !== 'WECHATPAY2-SHA256-RSA2048') return '错误的签名类型';
  const fields = Object.fromEntries([...rest.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  if (fields.mchid !== identity.mchId) return '商户号与签名不匹配';
  if (fields.serial_no?.toUpperCase() !== identity.merchantSerialNo) return '商户证书序列号有误';
  const timestamp = Number(fields.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    return '请求时间戳已过期';
  }
  const message = `${request.method}\n${request.path}\n${fields.timestamp}\n${fields.nonce_str}\n${request.body}\n`;
  let valid = false;
  try {
    valid = verify(
      'RSA-SHA256',
      Buffer.from(message),
      identity.merchantPublicKey,
      Buffer.from(fields.signature ?? '', 'base64'),
    );
  } catch {
    valid = false;
  }
  return valid ? null : '签名错误';
}

export interface SignedMessage {
  headers: Record<string, string>;
  body: string;
}

/** The Wechatpay-* headers WeChat Pay puts on its answers and notifications. */
export function signWithPlatformKey(
  identity: EmulatorIdentity,
  body: string,
  options: { at?: Date; signer?: KeyObject; serial?: string } = {},
): Record<string, string> {
  const timestamp = Math.floor((options.at ?? new Date()).getTime() / 1000).toString();
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(`${timestamp}\n${nonce}\n${body}\n`),
    options.signer ?? identity.platformPrivateKey,
  ).toString('base64');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': options.serial ?? identity.platformKeyId,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

export interface NotificationOptions {
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  /** The decrypted resource: a transaction or a refund. */
  resource: object;
  /** When it claims to be sent (Wechatpay-Timestamp); now by default. */
  at?: Date;
  /** Sign with another key (a forgery). */
  signer?: KeyObject;
  serial?: string;
}

const SUMMARIES: Record<NotificationOptions['eventType'], string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
};

/** A notification as WeChat Pay POSTs it: the resource sealed with AEAD_AES_256_GCM, the whole signed. */
export function buildNotification(identity: EmulatorIdentity, options: NotificationOptions): SignedMessage {
  const originalType = options.eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(identity.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(originalType));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(options.resource)), cipher.final(), cipher.getAuthTag()]);
  const at = options.at ?? new Date();
  const body = JSON.stringify({
    id: `EV-${randomBytes(12).toString('hex')}`,
    create_time: beijingTime(at),
    resource_type: 'encrypt-resource',
    event_type: options.eventType,
    summary: SUMMARIES[options.eventType],
    resource: {
      original_type: originalType,
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: sealed.toString('base64'),
      associated_data: originalType,
      nonce,
    },
  });
  return { body, headers: signWithPlatformKey(identity, body, options) };
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes its times. */
export const beijingTime = chinaIsoString;
