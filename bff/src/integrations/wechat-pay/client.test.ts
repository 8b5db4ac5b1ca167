import { generateKeyPairSync, verify } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../http/errors';
import { MAX_ATTEMPTS } from '../bounded-call';
import { createWechatPayClient } from './client';

const HOST = 'https://api.mch.weixin.qq.com';
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const client = createWechatPayClient({
  appId: 'wx1234567890abcdef',
  mchId: '1900000001',
  serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  privateKey: merchant.privateKey,
});

interface Captured {
  authorization: string;
  body: string;
}

/** Replies to one request and remembers how it was signed. */
function capture(scope: nock.Interceptor, status: number, reply: unknown) {
  const captured: Captured = { authorization: '', body: '' };
  scope.reply(function (_uri, body) {
    captured.authorization = String(this.req.headers.authorization);
    captured.body = typeof body === 'string' ? body : JSON.stringify(body);
    return [status, reply === undefined ? '' : JSON.stringify(reply), { 'Content-Type': 'application/json' }];
  });
  return captured;
}

function authorizationVerifies(captured: Captured, method: string, path: string) {
  const [scheme, rest] = captured.authorization.split(' ', 2);
  expect(scheme).toBe('WECHATPAY2-SHA256-RSA2048');
  const fields = Object.fromEntries([...rest!.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
  expect(fields).toMatchObject({ mchid: '1900000001', serial_no: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' });
  const message = `${method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${captured.body}\n`;
  return verify('RSA-SHA256', Buffer.from(message), merchant.publicKey, Buffer.from(fields.signature!, 'base64'));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.isDone()).toBe(true);
  nock.cleanAll();
});

describe('the WeChat Pay client', () => {
  it('creates a JSAPI prepay with the documented body and a verifiable signature', async () => {
    const captured = capture(nock(HOST).post('/v3/pay/transactions/jsapi'), 200, {
      prepay_id: 'wx201410272009395522657a690389285100',
    });
    const prepayId = await client.prepayJsapi({
      outTradeNo: 'V20250101000001',
      description: '工会惠购-电影票',
      amountFen: 2990,
      payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      notifyUrl: 'https://union.example.cn/api/pay/notify',
      expiresAt: new Date('2025-01-01T02:15:00Z'),
    });
    expect(prepayId).toBe('wx201410272009395522657a690389285100');
    expect(JSON.parse(captured.body)).toEqual({
      appid: 'wx1234567890abcdef',
      mchid: '1900000001',
      description: '工会惠购-电影票',
      out_trade_no: 'V20250101000001',
      time_expire: '2025-01-01T10:15:00+08:00',
      notify_url: 'https://union.example.cn/api/pay/notify',
      amount: { total: 2990, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
    expect(authorizationVerifies(captured, 'POST', '/v3/pay/transactions/jsapi')).toBe(true);
  });

  it('signs the parameters for Taro.requestPayment with the merchant key', () => {
    const params = client.paymentParamsFor('wx201410272009395522657a690389285100');
    expect(params).toMatchObject({ package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(params.timeStamp).toMatch(/^\d{10}$/);
    const message = `wx1234567890abcdef\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verify('RSA-SHA256', Buffer.from(message), merchant.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(
      true,
    );
  });

  it('queries an order by its number', async () => {
    const captured = capture(
      nock(HOST).get('/v3/pay/transactions/out-trade-no/V20250101000001').query({ mchid: '1900000001' }),
      200,
      {
        appid: 'wx1234567890abcdef',
        mchid: '1900000001',
        out_trade_no: 'V20250101000001',
        transaction_id: '4200000000202501010000000001',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        success_time: '2025-01-01T10:05:00+08:00',
        payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
        amount: { total: 2990, payer_total: 2990, currency: 'CNY' },
      },
    );
    expect(await client.queryByOutTradeNo('V20250101000001')).toEqual({
      tradeState: 'SUCCESS',
      tradeStateDesc: '支付成功',
      outTradeNo: 'V20250101000001',
      transactionId: '4200000000202501010000000001',
      amountFen: 2990,
      payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      successTime: new Date('2025-01-01T02:05:00Z'),
    });
    // A GET signs an empty body: the message ends in two newlines.
    expect(
      authorizationVerifies(captured, 'GET', '/v3/pay/transactions/out-trade-no/V20250101000001?mchid=1900000001'),
    ).toBe(true);
  });

  it('answers null for an order WeChat Pay has never seen', async () => {
    nock(HOST)
      .get('/v3/pay/transactions/out-trade-no/V20250101000002')
      .query(true)
      .reply(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    expect(await client.queryByOutTradeNo('V20250101000002')).toBeNull();
  });

  it('closes an unpaid order', async () => {
    const captured = capture(
      nock(HOST).post('/v3/pay/transactions/out-trade-no/V20250101000001/close'),
      204,
      undefined,
    );
    await client.close('V20250101000001');
    expect(JSON.parse(captured.body)).toEqual({ mchid: '1900000001' });
    expect(authorizationVerifies(captured, 'POST', '/v3/pay/transactions/out-trade-no/V20250101000001/close')).toBe(
      true,
    );
  });

  it('refuses to close an order the member has paid, in Chinese', async () => {
    nock(HOST)
      .post('/v3/pay/transactions/out-trade-no/V20250101000001/close')
      .reply(400, { code: 'ORDERPAID', message: 'order paid' });
    await expect(client.close('V20250101000001')).rejects.toMatchObject({
      status: 409,
      code: 'wechat_pay_order_paid',
      message: '该订单已支付，请勿重复付款',
    });
  });

  it('asks for a refund', async () => {
    const captured = capture(nock(HOST).post('/v3/refund/domestic/refunds'), 200, {
      refund_id: '50000000382019052709732678859',
      out_refund_no: 'R20250101000001',
      status: 'PROCESSING',
    });
    expect(
      await client.refund({
        outTradeNo: 'V20250101000001',
        outRefundNo: 'R20250101000001',
        refundFen: 2990,
        totalFen: 2990,
        reason: '会员申请退款',
        notifyUrl: 'https://union.example.cn/api/pay/refund-notify',
      }),
    ).toEqual({ refundId: '50000000382019052709732678859', outRefundNo: 'R20250101000001', status: 'PROCESSING' });
    expect(JSON.parse(captured.body)).toEqual({
      out_trade_no: 'V20250101000001',
      out_refund_no: 'R20250101000001',
      reason: '会员申请退款',
      notify_url: 'https://union.example.cn/api/pay/refund-notify',
      amount: { refund: 2990, total: 2990, currency: 'CNY' },
    });
    expect(authorizationVerifies(captured, 'POST', '/v3/refund/domestic/refunds')).toBe(true);
  });

  it('turns an unknown WeChat Pay failure into an upstream error that names its code', async () => {
    // Tried three times (a 5xx may pass), then reported.
    nock(HOST)
      .post('/v3/refund/domestic/refunds')
      .times(MAX_ATTEMPTS)
      .reply(500, { code: 'SYSTEM_ERROR', message: 'system error' });
    const failure = client.refund({
      outTradeNo: 'V20250101000001',
      outRefundNo: 'R20250101000001',
      refundFen: 100,
      totalFen: 2990,
      reason: '会员申请退款',
      notifyUrl: 'https://union.example.cn/api/pay/refund-notify',
    });
    await expect(failure).rejects.toBeInstanceOf(HttpError);
    await expect(failure).rejects.toMatchObject({
      status: 502,
      message: '微信支付暂时不可用，请稍后再试（SYSTEM_ERROR）',
    });
  });

  it('explains a refused prepay, and an unreachable WeChat Pay', async () => {
    nock(HOST).post('/v3/pay/transactions/jsapi').reply(403, { code: 'NO_AUTH', message: '商户无权限' });
    const prepay = {
      outTradeNo: 'V20250101000003',
      description: '工会惠购',
      amountFen: 100,
      payerOpenid: 'o1',
      notifyUrl: 'https://union.example.cn/api/pay/notify',
      expiresAt: new Date(),
    };
    await expect(client.prepayJsapi(prepay)).rejects.toMatchObject({
      message: '商户未开通该微信支付权限，请联系管理员',
    });
    nock(HOST).post('/v3/pay/transactions/jsapi').times(MAX_ATTEMPTS).replyWithError('connect ECONNREFUSED');
    await expect(client.prepayJsapi(prepay)).rejects.toMatchObject({
      status: 502,
      message: '暂时无法连接微信支付，请稍后再试',
    });
  });

  it('refuses an order number that would change the request path', async () => {
    await expect(client.queryByOutTradeNo('../../v3/refund')).rejects.toMatchObject({
      code: 'wechat_pay_order_number_invalid',
    });
  });
});
