import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { RACE_TIMEOUT_MS } from '../../../test/race';
import { createOrgTree, loginWechat, type OrgTree } from '../../../test/fixtures';
import type { MerchantDoc } from '../merchants/merchant.model';
import { OfferModel } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { ClaimQuotaModel } from './claim-quota.model';
import { claim, createMerchant, createOffer, memberSession, requestId, type MemberSession } from './test-support';
import { VoucherModel } from './voucher.model';

let api: TestApi;
let orgs: OrgTree;
let merchant: MerchantDoc;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  merchant = await createMerchant(orgs.xihuTech);
  members = [];
  for (let i = 0; i < 25; i++) members.push(await memberSession(api, orgs.xihuTech, `会员${i}号`));
});
afterAll(() => api.stop());

const stockOf = async (offerId: unknown) => (await OfferModel.findById(offerId).lean())!.stockRemaining;

describe('claiming a free coupon', () => {
  it('gives the member a voucher with a 12-digit code, the merchant, and records who claimed it', async () => {
    const offer = await createOffer(merchant);
    const response = await claim(api, members[0]!.token, offer._id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'unused',
      displayStatus: 'unused',
      offer: { id: String(offer._id), title: '满100减20', kind: 'coupon', headline: '满100减20' },
      merchant: { id: String(merchant._id), name: '西溪便民超市', category: 'supermarket' },
      paidFen: 0,
      orderId: null,
      redeemedAt: null,
      canRefund: false,
    });
    expect(response.body.code).toMatch(/^[1-9]\d{11}$/);
    expect(await stockOf(offer._id)).toBe(99);
    const events = await TrailEventModel.find({ voucherId: response.body.id }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'voucher.claimed', actorKind: 'member', actorLabel: '会员 会**号' });
  });

  it(
    'hands out exactly the stock when 500 claims race for 100 units, and nobody exceeds the limit',
    async () => {
      const offer = await createOffer(merchant, { stockTotal: 100, limitPerMember: 5, limitPeriod: 'total' });
      const attempts = Array.from({ length: 500 }, (_, i) => members[i % members.length]!);
      const responses = await Promise.all(attempts.map((member) => claim(api, member.token, offer._id)));

      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(100);
      expect(new Set(statuses)).toEqual(new Set([200, 409]));
      const codes = new Set(responses.filter((r) => r.status === 409).map((r) => r.body.error.code));
      expect([...codes].every((code) => code === 'sold_out' || code === 'claim_limit_reached')).toBe(true);

      expect(await VoucherModel.countDocuments({ offerId: offer._id })).toBe(100);
      expect(await stockOf(offer._id)).toBe(0);
      for (const member of members) {
        const held = await VoucherModel.countDocuments({ offerId: offer._id, memberId: member.memberId });
        expect(held).toBeLessThanOrEqual(5);
        // The quota counts exactly what the member holds: no unit was lost by a failed claim.
        const quota = await ClaimQuotaModel.findOne({ offerId: offer._id, memberId: member.memberId }).lean();
        expect(quota?.count ?? 0).toBe(held);
      }
      const ids = new Set(responses.filter((r) => r.status === 200).map((r) => r.body.id));
      expect(ids.size).toBe(100);
    },
    RACE_TIMEOUT_MS,
  );

  it('lets one member firing 20 parallel claims get exactly their monthly limit of 2', async () => {
    const offer = await createOffer(merchant, { limitPerMember: 2, limitPeriod: 'month' });
    const member = members[1]!;
    const responses = await Promise.all(Array.from({ length: 20 }, () => claim(api, member.token, offer._id)));
    expect(responses.filter((response) => response.status === 200)).toHaveLength(2);
    const refused = responses.filter((response) => response.status !== 200);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'claim_limit_reached')).toBe(true);
    expect(refused[0]!.body.error.message).toBe('每月每人限领 2 张，您已领满');
    expect(await VoucherModel.countDocuments({ offerId: offer._id, memberId: member.memberId })).toBe(2);
    expect(await stockOf(offer._id)).toBe(98);
  });

  it('issues one voucher when the same request is replayed ten times at once, and stock goes down by one', async () => {
    const offer = await createOffer(merchant, { limitPerMember: 1 });
    const member = members[2]!;
    const id = requestId();
    const responses = await Promise.all(Array.from({ length: 10 }, () => claim(api, member.token, offer._id, id)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await VoucherModel.countDocuments({ offerId: offer._id })).toBe(1);
    expect(await stockOf(offer._id)).toBe(99);
    expect((await ClaimQuotaModel.findOne({ offerId: offer._id, memberId: member.memberId }).lean())!.count).toBe(1);
    expect(await TrailEventModel.countDocuments({ offerId: offer._id, kind: 'voucher.claimed' })).toBe(1);

    // Replayed later, the same request still answers the same voucher.
    const later = await claim(api, member.token, offer._id, id);
    expect(later.status).toBe(200);
    expect(later.body.id).toBe(responses[0]!.body.id);
  });

  it('refuses a second claim over the limit with a message in Chinese', async () => {
    const offer = await createOffer(merchant, { limitPerMember: 1, limitPeriod: 'day' });
    expect((await claim(api, members[3]!.token, offer._id)).status).toBe(200);
    const again = await claim(api, members[3]!.token, offer._id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'claim_limit_reached', message: '每天每人限领 1 张，您已领满' });
  });

  it('tells the member to buy a paid voucher instead of claiming it', async () => {
    const offer = await createOffer(merchant, {
      kind: 'subsidised_voucher',
      title: '50元购100元券',
      coupon: null,
      faceValueFen: 10_000,
      priceFen: 5_000,
      unionSubsidyFen: 3_800,
    });
    const response = await claim(api, members[4]!.token, offer._id);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('payment_required');
    expect(await stockOf(offer._id)).toBe(100);
  });

  it('lets a member claim a card the union pays for entirely, which costs them nothing to refund', async () => {
    const offer = await createOffer(merchant, {
      kind: 'subsidised_voucher',
      title: '爱心超市卡',
      coupon: null,
      faceValueFen: 5_000,
      priceFen: 0,
      unionSubsidyFen: 5_000,
    });
    const response = await claim(api, members[4]!.token, offer._id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ faceValueFen: 5_000, paidFen: 0, canRefund: false, orderId: null });
    expect(response.body.offer.headline).toBe('免费领50元券');
    const stored = await VoucherModel.findById(response.body.id).lean();
    expect(stored!.unionSubsidyFen).toBe(5_000);
  });

  it('refuses members outside the audience with the reasons in Chinese, and takes no stock', async () => {
    const offer = await createOffer(merchant, {
      audience: { occupations: ['rider', 'courier'], hardshipFamiliesOnly: false },
    });
    const response = await claim(api, members[5]!.token, offer._id);
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'not_eligible', message: '暂不能领取：仅限外卖骑手、快递员' });
    expect(await stockOf(offer._id)).toBe(100);
  });

  it('refuses an account that is not bound to a member', async () => {
    const offer = await createOffer(merchant);
    const { token } = await loginWechat(api, 'wx-voucher-unbound');
    const response = await claim(api, token, offer._id);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('请先实名绑定会员');
  });

  it('answers sold out once the stock is gone, and 404 for an unknown or draft offer', async () => {
    const offer = await createOffer(merchant, { stockTotal: 1 });
    expect((await claim(api, members[6]!.token, offer._id)).status).toBe(200);
    const late = await claim(api, members[7]!.token, offer._id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('sold_out');
    const draft = await createOffer(merchant, { status: 'draft' });
    expect((await claim(api, members[7]!.token, draft._id)).status).toBe(404);
    expect((await claim(api, members[7]!.token, '65a1b2c3d4e5f60718293a4b')).status).toBe(404);
  });

  it('rejects a malformed request id as a field error', async () => {
    const offer = await createOffer(merchant);
    const response = await claim(api, members[8]!.token, offer._id, 'x');
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'requestId', message: '请求编号格式不正确' }]);
  });
});
