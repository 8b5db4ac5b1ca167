import { createCipheriv, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WechatPayMismatchError, WechatPayNotificationError } from './errors';
import { assertTransactionMatches, verifyPaymentNotification } from './notification';

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = randomBytes(16).toString('hex');
const platformKeys = [{ id: 'PUB_KEY_ID_0114232134912410000000000000', publicKey: platform.publicKey }];
const now = new Date('2025-01-01T02:05:30Z');

const transaction = {
  appid: 'wx1234567890abcdef',
  mchid: '1900000001',
  out_trade_no: 'V20250101000001',
  transaction_id: '4200000000202501010000000001',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  success_time: '2025-01-01T10:05:00+08:00',
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  amount: { total: 2990, payer_total: 2990, currency: 'CNY' },
};

/** A notification as WeChat Pay sends it: the resource sealed with the APIv3 key, the whole signed. */
function notification(
  options: { at?: Date; signer?: typeof platform.privateKey; serial?: string; tamper?: boolean } = {},
) {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()]);
  if (options.tamper) sealed[3]! ^= 0x01;
  const rawBody = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2025-01-01T10:05:10+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: sealed.toString('base64'),
      associated_data: 'transaction',
      nonce,
    },
  });
  const timestamp = Math.floor((options.at ?? now).getTime() / 1000).toString();
  const headerNonce = randomBytes(16).toString('hex');
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(`${timestamp}\n${headerNonce}\n${rawBody}\n`),
    options.signer ?? platform.privateKey,
  ).toString('base64');
  return {
    rawBody,
    // As Koa hands them over: lower case.
    headers: {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': options.serial ?? platformKeys[0]!.id,
    },
  };
}

const verifyAt = (built: { rawBody: string; headers: Record<string, string> }, at = now) =>
  verifyPaymentNotification({ ...built, now: at, apiV3Key, platformKeys });

function refusal(action: () => unknown): WechatPayNotificationError {
  try {
    action();
  } catch (error) {
    if (error instanceof WechatPayNotificationError) return error;
    throw error;
  }
  throw new Error('was accepted');
}

describe('a WeChat Pay notification', () => {
  it('is verified and decrypted when genuine', () => {
    expect(verifyAt(notification())).toEqual({
      id: 'EV-2018022511223320873',
      eventType: 'TRANSACTION.SUCCESS',
      resource: transaction,
    });
  });

  it('is accepted within five minutes of our clock, either way', () => {
    expect(verifyAt(notification({ at: new Date(now.getTime() - 4 * 60_000) })).eventType).toBe('TRANSACTION.SUCCESS');
    expect(verifyAt(notification({ at: new Date(now.getTime() + 4 * 60_000) })).eventType).toBe('TRANSACTION.SUCCESS');
  });

  it('is refused when signed by anyone but WeChat Pay', () => {
    const error = refusal(() => verifyAt(notification({ signer: impostor.privateKey })));
    expect(error).toMatchObject({ problem: 'bad_signature', status: 401 });
  });

  it('is refused when its body was changed after signing', () => {
    const built = notification();
    const error = refusal(() => verifyAt({ ...built, rawBody: built.rawBody.replace('支付成功', '支付失败') }));
    expect(error.problem).toBe('bad_signature');
  });

  it('is refused when six minutes old (a replay)', () => {
    const error = refusal(() => verifyAt(notification({ at: new Date(now.getTime() - 6 * 60_000) })));
    expect(error).toMatchObject({ problem: 'stale_timestamp', status: 401 });
  });

  it('is refused when signed with a key we do not know', () => {
    const error = refusal(() => verifyAt(notification({ serial: 'PUB_KEY_ID_0000000000000000000000000000' })));
    expect(error).toMatchObject({ problem: 'unknown_serial', status: 401 });
  });

  it('is refused when its ciphertext was tampered with (and re-signed)', () => {
    const error = refusal(() => verifyAt(notification({ tamper: true })));
    expect(error).toMatchObject({ problem: 'undecryptable', status: 400 });
  });

  it('is refused without its signature headers', () => {
    const built = notification();
    const error = refusal(() =>
      verifyAt({ ...built, headers: { 'wechatpay-timestamp': built.headers['wechatpay-timestamp'] } }),
    );
    expect(error.problem).toBe('bad_signature');
  });
});

describe('a verified transaction', () => {
  const expected = { mchid: '1900000001', appid: 'wx1234567890abcdef', outTradeNo: 'V20250101000001', totalFen: 2990 };

  it('passes when it is for our merchant, app, order and amount', () => {
    expect(() => assertTransactionMatches(transaction, expected)).not.toThrow();
  });

  it('is refused when the amount or the merchant differs, naming what', () => {
    expect(() => assertTransactionMatches(transaction, { ...expected, totalFen: 29900 })).toThrow(
      WechatPayMismatchError,
    );
    expect(() => assertTransactionMatches(transaction, { ...expected, totalFen: 29900 })).toThrow(
      '微信支付通知与订单不符：金额',
    );
    expect(() => assertTransactionMatches({ ...transaction, mchid: '1900000002' }, expected)).toThrow(/商户号/);
    expect(() =>
      assertTransactionMatches(transaction, { ...expected, outTradeNo: 'V20250101000009', appid: 'wx0' }),
    ).toThrow('微信支付通知与订单不符：AppID、订单号');
  });
});
