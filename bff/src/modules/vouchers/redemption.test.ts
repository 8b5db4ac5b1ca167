import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { luhnCheckDigit } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginStaff } from '../../../test/fixtures';
import { createVoucherSigner } from '../../crypto/voucher-signer';
import type { MerchantDoc } from '../merchants/merchant.model';
import { OfferModel, type OfferDoc } from '../offers/offer.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import {
  claim,
  clerkSession,
  createMerchant,
  createOffer,
  daysFromNow,
  insertVoucher,
  memberSession,
  requestId,
  type MemberSession,
} from './test-support';

let api: TestApi;
let shopA: MerchantDoc;
let shopB: MerchantDoc;
let offerA: OfferDoc;
let offerB: OfferDoc;
let member: MemberSession;
let clerkA1: string;
let clerkA2: string;
let clerkB: string;

beforeAll(async () => {
  api = await startTestApi();
  const orgs = await createOrgTree();
  shopA = await createMerchant(orgs.xihuTech, '西溪便民超市');
  shopB = await createMerchant(orgs.binjiangTech, '滨江理发店');
  offerA = await createOffer(shopA, { limitPerMember: 50 });
  offerB = await createOffer(shopB, { title: '理发8.8折', coupon: { type: 'discount', payPercent: 88 } });
  member = await memberSession(api, orgs.xihuTech, '张丽华');
  clerkA1 = await clerkSession(api, shopA, 'clerk_a1', '周小燕');
  clerkA2 = await clerkSession(api, shopA, 'clerk_a2');
  clerkB = await clerkSession(api, shopB, 'clerk_b');
});
afterAll(() => api.stop());

const preview = (clerk: string, lookup: { token?: string; code?: string }) =>
  api.request('POST', '/api/merchant/redemptions/preview', { token: clerk, body: lookup });
const redeem = (clerk: string, lookup: { token?: string; code?: string }, id = requestId()) =>
  api.request('POST', '/api/merchant/redemptions', { token: clerk, body: { ...lookup, requestId: id } });

async function claimedVoucher(offer = offerA): Promise<{ id: string; code: string }> {
  const response = await claim(api, member.token, offer._id);
  expect(response.status).toBe(200);
  return response.body;
}
async function qrToken(voucherId: string, index = 0): Promise<string> {
  const response = await api.request('POST', `/api/benefits/vouchers/${voucherId}/qr`, { token: member.token });
  return response.body.tokens[index].token;
}

describe('previewing at the counter', () => {
  it('shows a scanned voucher with the member name masked', async () => {
    const voucher = await claimedVoucher();
    const response = await preview(clerkA1, { token: await qrToken(voucher.id) });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      result: 'redeemable',
      voucher: {
        id: voucher.id,
        code: voucher.code,
        offerTitle: '满100减20',
        memberMaskedName: '张*华',
        redeemedAt: null,
      },
    });
    expect(JSON.stringify(response.body)).not.toContain('张丽华');
  });

  it('finds a typed code, with spaces, and refuses a mistyped one as a field error', async () => {
    const voucher = await claimedVoucher();
    const spaced = voucher.code.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect((await preview(clerkA1, { code: spaced })).body.result).toBe('redeemable');
    const wrongDigit = voucher.code.slice(0, -1) + String((Number(voucher.code.slice(-1)) + 1) % 10);
    const typo = await preview(clerkA1, { code: wrongDigit });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details).toEqual([{ path: 'code', message: '券码有误，请核对 12 位数字' }]);
  });

  it('answers not_found for a well-formed code nobody holds', async () => {
    const payload = '98765432101';
    const response = await preview(clerkA1, { code: payload + String(luhnCheckDigit(payload)) });
    expect(response.body).toEqual({ result: 'not_found', message: '券码不存在，请核对', voucher: null });
  });

  it("tells merchant B's clerk the voucher is not theirs, revealing nothing about it", async () => {
    const voucher = await claimedVoucher();
    const response = await preview(clerkB, { token: await qrToken(voucher.id) });
    expect(response.body).toEqual({
      result: 'wrong_merchant',
      message: '这不是本店的券，请会员到对应商家使用',
      voucher: null,
    });
  });

  it('refuses a token signed with another key as forged', async () => {
    const voucher = await claimedVoucher();
    const stranger = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    const forged = createVoucherSigner(
      stranger.toString('base64'),
      api.running.runtime.config.CARD_SIGNING_KEY_ID,
    ).issueBatch(voucher.id)[0]!.token;
    expect((await preview(clerkA1, { token: forged })).body).toMatchObject({ result: 'forged', voucher: null });
    const redeemed = await redeem(clerkA1, { token: forged });
    expect(redeemed.status).toBe(400);
    expect(redeemed.body.error.code).toBe('forged');
  });

  it('never takes a union card token for a voucher token', async () => {
    const card = api.running.runtime.cardSigner.issue(member.memberId).token;
    expect(card.startsWith('UC1.')).toBe(true);
    expect((await preview(clerkA1, { token: card })).body.result).toBe('forged');
    expect((await redeem(clerkA1, { token: card })).status).toBe(400);
  });

  it('answers qr_expired for a screenshot older than its minute, and for a later token shown early', async () => {
    const voucher = await claimedVoucher();
    const first = await qrToken(voucher.id, 0);
    const later = await qrToken(voucher.id, 5);
    expect((await preview(clerkA1, { token: later })).body.result).toBe('qr_expired');
    vi.useFakeTimers({ now: Date.now() + 70_000, toFake: ['Date'] });
    try {
      const stale = await preview(clerkA1, { token: first });
      expect(stale.body).toEqual({
        result: 'qr_expired',
        message: '二维码已失效，请会员刷新券码后重新出示',
        voucher: null,
      });
    } finally {
      vi.useRealTimers();
    }
    // Confirming is another matter: the clerk previewed in time and taps 确认核销 a little later.
    vi.useFakeTimers({ now: Date.now() + 4 * 60_000, toFake: ['Date'] });
    try {
      const refused = await redeem(clerkA1, { token: first });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('qr_expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('confirms a QR previewed within its minute even when the minute has just run out', async () => {
    const voucher = await claimedVoucher();
    const token = await qrToken(voucher.id, 0);
    expect((await preview(clerkA1, { token })).body.result).toBe('redeemable');
    vi.useFakeTimers({ now: Date.now() + 90_000, toFake: ['Date'] });
    try {
      const confirmed = await redeem(clerkA1, { token });
      expect(confirmed.body).toMatchObject({ code: voucher.code });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.code).toBe(voucher.code);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is for merchant staff bound to a merchant only', async () => {
    expect((await preview(member.token, { code: '123456789012' })).status).toBe(403);
    await createStaff('unbound_clerk', [{ role: 'merchant_staff', org: { _id: shopA.orgId } }]);
    const unbound = await loginStaff(api, 'unbound_clerk');
    const response = await preview(unbound, { code: '123456789012' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('请先用邀请码绑定商户');
  });
});

describe('redeeming', () => {
  it('redeems once, counts it on the offer, records the clerk, and the member sees 已使用 at once', async () => {
    const voucher = await claimedVoucher();
    const before = (await OfferModel.findById(offerA._id).lean())!.redeemedCount;
    const response = await redeem(clerkA1, { token: await qrToken(voucher.id) });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: voucher.id,
      code: voucher.code,
      memberMaskedName: '张*华',
      redeemedByName: '周小燕',
    });
    const mine = await api.request('GET', `/api/benefits/vouchers/${voucher.id}`, { token: member.token });
    expect(mine.body).toMatchObject({ status: 'used', displayStatus: 'used', redeemedAt: response.body.redeemedAt });
    expect((await OfferModel.findById(offerA._id).lean())!.redeemedCount).toBe(before + 1);
    const events = await TrailEventModel.find({ voucherId: voucher.id }).sort({ at: 1 }).lean();
    expect(events.map((event) => event.kind)).toEqual(['voucher.claimed', 'voucher.redeemed']);
    expect(events[1]).toMatchObject({ actorKind: 'merchant_staff', actorLabel: '商户店员 周*燕' });
  });

  it('lets exactly one of two counters redeem the same voucher at the same moment', async () => {
    const voucher = await claimedVoucher();
    const token = await qrToken(voucher.id);
    const [one, two] = await Promise.all([redeem(clerkA1, { token }), redeem(clerkA2, { code: voucher.code })]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const loser = one.status === 409 ? one : two;
    expect(loser.body.error.code).toBe('already_redeemed');
    expect(loser.body.error.message).toMatch(/^该券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 核销，不能重复使用$/);
    expect(await TrailEventModel.countDocuments({ voucherId: voucher.id, kind: 'voucher.redeemed' })).toBe(1);
  });

  it('answers a replay of the same request by the same clerk with the same redemption', async () => {
    const voucher = await claimedVoucher();
    const id = requestId();
    const replays = await Promise.all(Array.from({ length: 5 }, () => redeem(clerkA1, { code: voucher.code }, id)));
    expect(replays.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(replays.map((response) => response.body.redeemedAt)).size).toBe(1);
    const later = await redeem(clerkA1, { code: voucher.code }, id);
    expect(later.status).toBe(200);
    expect(later.body).toEqual(replays[0]!.body);
    // The same request id from another clerk is not a replay.
    expect((await redeem(clerkA2, { code: voucher.code }, id)).status).toBe(409);
    expect(await TrailEventModel.countDocuments({ voucherId: voucher.id, kind: 'voucher.redeemed' })).toBe(1);
  });

  it("refuses merchant A's clerk redeeming merchant B's voucher with 403 wrong_merchant", async () => {
    const voucher = await claimedVoucher(offerB);
    const response = await redeem(clerkA1, { code: voucher.code });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('wrong_merchant');
    const mine = await api.request('GET', `/api/benefits/vouchers/${voucher.id}`, { token: member.token });
    expect(mine.body.status).toBe('unused');
    expect((await redeem(clerkB, { code: voucher.code })).status).toBe(200);
  });

  it('refuses an expired, a refunded, a refunding and a not yet valid voucher with 409', async () => {
    const cases = [
      [{ validFrom: daysFromNow(-10), validUntil: daysFromNow(-1) }, 'expired'],
      [{ status: 'refunded' }, 'refunded'],
      [{ status: 'refunding' }, 'refunding'],
      [{ validFrom: daysFromNow(2) }, 'not_yet_valid'],
    ] as const;
    for (const [state, code] of cases) {
      const voucher = await insertVoucher(offerA, member, state);
      expect((await preview(clerkA1, { code: voucher.code })).body.result, code).toBe(code);
      const response = await redeem(clerkA1, { code: voucher.code });
      expect(response.status, code).toBe(409);
      expect(response.body.error.code).toBe(code);
    }
  });

  it('answers 404 for a code nobody holds', async () => {
    const payload = '12345678901';
    const response = await redeem(clerkA1, { code: payload + String(luhnCheckDigit(payload)) });
    expect(response.status).toBe(404);
  });

  it('asks for exactly one of a scanned token or a typed code', async () => {
    const response = await api.request('POST', '/api/merchant/redemptions', {
      token: clerkA1,
      body: { requestId: requestId() },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toEqual({ path: 'code', message: '请扫描券二维码或输入券码（二选一）' });
  });
});

describe("today's redemptions", () => {
  it("lists only this merchant's redemptions of today, newest first, with totals", async () => {
    const yesterday = await insertVoucher(offerA, member, { status: 'used', redeemedAt: daysFromNow(-1) });
    const response = await api.request('GET', '/api/merchant/redemptions/today', { token: clerkA2 });
    expect(response.status).toBe(200);
    const items: { id: string; redeemedAt: string }[] = response.body.items;
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.map((item) => item.id)).not.toContain(String(yesterday._id));
    expect([...items].sort((a, b) => b.redeemedAt.localeCompare(a.redeemedAt))).toEqual(items);
    expect(response.body.totals).toEqual({ count: items.length, faceValueFen: 0, paidFen: 0 });
    expect(response.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const other = await api.request('GET', '/api/merchant/redemptions/today', { token: clerkB });
    expect(other.body.items).toHaveLength(1);
  });
});
