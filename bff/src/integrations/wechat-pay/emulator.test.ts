import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient, type WechatPayClient } from './client';
import { startWechatPayEmulator, type WechatPayEmulator } from './emulator';
import { verifyPaymentNotification } from './notification';
import { interceptWechatPay, type WechatPayInterception } from './test-support';

let emulator: WechatPayEmulator;
let interception: WechatPayInterception;
let client: WechatPayClient;
/** Where the emulator delivers notifications: remembers them and answers like our BFF would. */
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

const clientFor = (target: WechatPayEmulator, options: { baseUrl?: string } = {}) =>
  createWechatPayClient({
    appId: target.identity.appId,
    mchId: target.identity.mchId,
    serialNo: target.identity.merchantSerialNo,
    privateKey: target.identity.merchantPrivateKey,
    ...options,
  });

const prepay = (outTradeNo: string, overrides: Partial<Parameters<WechatPayClient['prepayJsapi']>[0]> = {}) => ({
  outTradeNo,
  description: '西溪便民超市-爱心超市 100 元券',
  amountFen: 1200,
  payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  notifyUrl: `${receiverUrl}/notify`,
  expiresAt: new Date(Date.now() + 15 * 60_000),
  ...overrides,
});

function verified(delivery: { headers: Record<string, string | string[] | undefined>; body: string }) {
  return verifyPaymentNotification<Record<string, any>>({
    headers: delivery.headers,
    rawBody: delivery.body,
    now: new Date(),
    apiV3Key: emulator.identity.apiV3Key,
    platformKeys: [{ id: emulator.identity.platformKeyId, publicKey: emulator.identity.platformPublicKey }],
  });
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 'SUCCESS', message: '成功' }));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  emulator = await startWechatPayEmulator({ appId: 'wx-dev-appid', listen: false, refunds: { outcome: 'manual' } });
  interception = interceptWechatPay(emulator);
  client = clientFor(emulator);
});

afterEach(() => {
  received.length = 0;
});

afterAll(async () => {
  interception.stop();
  await emulator.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('the WeChat Pay emulator, behind the real host', () => {
  it('has its own merchant, a 微信支付公钥 id and a 32-character APIv3 key', () => {
    expect(emulator.identity.mchId).toMatch(/^\d{10}$/);
    expect(emulator.identity.platformKeyId).toMatch(/^PUB_KEY_ID_0112\d{24}$/);
    expect(Buffer.byteLength(emulator.identity.apiV3Key)).toBe(32);
  });

  it('creates a JSAPI order, answers the same order with the same prepay id, and refuses a different one', async () => {
    const prepayId = await client.prepayJsapi(prepay('BV2026010100000001'));
    expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(await client.prepayJsapi(prepay('BV2026010100000001'))).toBe(prepayId);
    await expect(client.prepayJsapi(prepay('BV2026010100000001', { amountFen: 1 }))).rejects.toMatchObject({
      code: 'wechat_pay_out_trade_no_used',
    });
    expect(await client.queryByOutTradeNo('BV2026010100000001')).toMatchObject({
      tradeState: 'NOTPAY',
      amountFen: 1200,
      transactionId: null,
    });
  });

  it('refuses a request not signed by the merchant key, as a merchant setup problem', async () => {
    const impostor = createWechatPayClient({
      appId: emulator.identity.appId,
      mchId: emulator.identity.mchId,
      serialNo: emulator.identity.merchantSerialNo,
      privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    });
    await expect(impostor.queryByOutTradeNo('BV2026010100000001')).rejects.toMatchObject({
      status: 502,
      message: '微信支付签名校验失败，请联系管理员检查商户配置',
      definite: true,
    });
  });

  it('pays and sends a signed, encrypted TRANSACTION.SUCCESS to the notify_url', async () => {
    await client.prepayJsapi(prepay('BV2026010100000002'));
    const delivery = await emulator.pay('BV2026010100000002');
    expect(delivery?.status).toBe(200);
    expect(received).toHaveLength(1);
    const notification = verified(received[0]!);
    expect(notification.eventType).toBe('TRANSACTION.SUCCESS');
    expect(notification.resource).toMatchObject({
      appid: emulator.identity.appId,
      mchid: emulator.identity.mchId,
      out_trade_no: 'BV2026010100000002',
      trade_state: 'SUCCESS',
      amount: { total: 1200, payer_total: 1200 },
    });
    expect((await client.queryByOutTradeNo('BV2026010100000002'))?.tradeState).toBe('SUCCESS');
    await expect(client.close('BV2026010100000002')).rejects.toMatchObject({ code: 'wechat_pay_order_paid' });
    await expect(emulator.pay('BV2026010100000002')).rejects.toThrow('这笔订单不能再支付');
  });

  it('closes an unpaid order, which can then not be paid', async () => {
    await client.prepayJsapi(prepay('BV2026010100000003'));
    await client.close('BV2026010100000003');
    expect((await client.queryByOutTradeNo('BV2026010100000003'))?.tradeState).toBe('CLOSED');
    await expect(emulator.pay('BV2026010100000003')).rejects.toThrow();
    await expect(client.close('BV2026010100000404')).rejects.toMatchObject({ code: 'wechat_pay_order_not_found' });
  });

  it('accepts a refund once per refund number, settles it and notifies', async () => {
    await client.prepayJsapi(prepay('BV2026010100000004'));
    await emulator.pay('BV2026010100000004', { notify: false });
    const request = {
      outTradeNo: 'BV2026010100000004',
      outRefundNo: 'BV2026010100000004R1',
      refundFen: 1200,
      totalFen: 1200,
      reason: '会员申请退款',
      notifyUrl: `${receiverUrl}/refund-notify`,
    };
    const accepted = await client.refund(request);
    expect(accepted.status).toBe('PROCESSING');
    expect(await client.refund(request)).toEqual(accepted);
    await expect(client.refund({ ...request, outRefundNo: 'BV2026010100000004R2' })).rejects.toMatchObject({
      code: 'wechat_pay_invalid_request',
    });
    expect(await client.queryRefund('BV2026010100000004R1')).toEqual(accepted);
    expect(await client.queryRefund('BV2026010100000004R9')).toBeNull();

    await emulator.settleRefund('BV2026010100000004R1', 'SUCCESS');
    expect((await client.queryRefund('BV2026010100000004R1'))?.status).toBe('SUCCESS');
    const notification = verified(received[0]!);
    expect(notification.eventType).toBe('REFUND.SUCCESS');
    expect(notification.resource).toMatchObject({
      mchid: emulator.identity.mchId,
      out_refund_no: 'BV2026010100000004R1',
      refund_status: 'SUCCESS',
      amount: { refund: 1200, total: 1200 },
    });
  });

  it('refuses a refund of an unpaid order', async () => {
    await client.prepayJsapi(prepay('BV2026010100000005'));
    await expect(
      client.refund({
        outTradeNo: 'BV2026010100000005',
        outRefundNo: 'BV2026010100000005R1',
        refundFen: 1200,
        totalFen: 1200,
        reason: '会员申请退款',
        notifyUrl: `${receiverUrl}/refund-notify`,
      }),
    ).rejects.toMatchObject({ definite: true });
  });
});

describe('the WeChat Pay emulator over local HTTP', () => {
  it('serves the same API at its own origin, with signed answers', async () => {
    const local = await startWechatPayEmulator({ appId: 'wx-dev-appid', listen: true });
    try {
      // The interceptor only covers api.mch.weixin.qq.com; loopback goes out for real.
      const localClient = clientFor(local, { baseUrl: local.url! });
      await localClient.prepayJsapi(prepay('BV2026010100000006'));
      expect((await localClient.queryByOutTradeNo('BV2026010100000006'))?.tradeState).toBe('NOTPAY');
      const response = await fetch(
        `${local.url}/v3/pay/transactions/out-trade-no/BV2026010100000006?mchid=${local.identity.mchId}`,
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('wechatpay-serial')).toBe(local.identity.platformKeyId);
    } finally {
      await local.stop();
    }
  });
});
