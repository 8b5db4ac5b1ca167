import type { Middleware } from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import type { AppContext } from '../../app-context';
import { createMerchant, createOffer, memberSession } from '../vouchers/test-support';
import { eventually } from './test-support';
import { paymentRoutes } from './routes';

const SIMULATE = '/api/dev/wechat-pay/orders/:id/pay';

describe('the simulated payment (development, local HTTP emulator)', () => {
  let api: TestApi;
  let orgs: OrgTree;
  beforeAll(async () => {
    // As `npm start` runs: the emulator listens on loopback and the client talks to it there.
    api = await startTestApi();
    orgs = await createOrgTree();
  });
  afterAll(() => api.stop());

  it('goes from order to voucher through the real signed notification', async () => {
    const { wechatPay, wechatPayEmulator } = api.running.runtime;
    expect(wechatPay?.simulated).toBe(true);
    expect(wechatPayEmulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const merchant = await createMerchant(orgs.xihuTech);
    const offer = await createOffer(merchant, {
      kind: 'subsidised_voucher',
      title: '爱心超市 100 元券',
      coupon: null,
      faceValueFen: 10_000,
      priceFen: 1200,
      unionSubsidyFen: 8800,
    });
    const member = await memberSession(api, orgs.xihuTech);
    const created = await api.request('POST', `/api/benefits/offers/${String(offer._id)}/orders`, {
      token: member.token,
      body: { requestId: 'simulated-0001' },
    });
    expect(created.status).toBe(200);
    expect(created.body.simulated).toBe(true);
    const orderId = created.body.order.id;

    const paid = await api.request('POST', SIMULATE.replace(':id', orderId), { token: member.token });
    expect(paid).toMatchObject({ status: 200, body: { ok: true } });
    const delivery = wechatPayEmulator!.deliveries().at(-1)!;
    expect(delivery).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', status: 200 });
    expect(delivery.url).toBe(`${api.url}/api/payments/wechat/notify`);

    const order = await api.request('GET', `/api/benefits/orders/${orderId}`, { token: member.token });
    expect(order.body).toMatchObject({ status: 'paid' });
    const voucher = await api.request('GET', `/api/benefits/vouchers/${order.body.voucherId}`, { token: member.token });
    expect(voucher.body).toMatchObject({ status: 'unused', paidFen: 1200, canRefund: true });

    // Paying twice is refused; so is paying someone else's order.
    expect((await api.request('POST', SIMULATE.replace(':id', orderId), { token: member.token })).status).toBe(409);
    const other = await memberSession(api, orgs.xihuTech, '周杰');
    expect((await api.request('POST', SIMULATE.replace(':id', orderId), { token: other.token })).status).toBe(404);

    // A refund settles by itself a moment later, as WeChat Pay would.
    const refund = await api.request('POST', `/api/benefits/vouchers/${order.body.voucherId}/refund`, {
      token: member.token,
      body: { reason: '不需要了', requestId: 'simulated-refund-1' },
    });
    expect(refund.body.status).toBe('refunding');
    await eventually(async () => {
      const after = await api.request('GET', `/api/benefits/vouchers/${order.body.voucherId}`, { token: member.token });
      expect(after.body.status).toBe('refunded');
    });
  });
});

describe('the simulated payment elsewhere', () => {
  it('answers 404 when payments are not simulated', async () => {
    const api = await startTestApi({ WECHAT_PAY_EMULATOR: 'false' });
    try {
      const orgs = await createOrgTree();
      const member = await memberSession(api, orgs.xihuTech);
      const response = await api.request('POST', SIMULATE.replace(':id', '65f000000000000000000001'), {
        token: member.token,
      });
      expect(response.status).toBe(404);
    } finally {
      await api.stop();
    }
  });

  it('does not exist in production', () => {
    const pass: Middleware = async (_ctx, next) => next();
    const production = {
      config: { NODE_ENV: 'production' },
      wechatPay: null,
      wechatPayEmulator: null,
      authenticate: pass,
      rateLimit: () => pass,
      checkResponses: false,
    } as unknown as AppContext;
    const paths = paymentRoutes(production).stack.map((layer) => layer.path);
    expect(paths).toContain('/api/payments/wechat/notify');
    expect(paths).not.toContain(SIMULATE);
  });
});
