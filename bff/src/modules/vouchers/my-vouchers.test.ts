import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VOUCHER_TOKEN_BATCH_SIZE, VOUCHER_TOKEN_TTL_SECONDS, verifyVoucherToken } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, loginWechat } from '../../../test/fixtures';
import type { MerchantDoc } from '../merchants/merchant.model';
import type { OfferDoc } from '../offers/offer.model';
import {
  claim,
  createMerchant,
  createOffer,
  daysFromNow,
  insertVoucher,
  memberSession,
  type MemberSession,
} from './test-support';

let api: TestApi;
let merchant: MerchantDoc;
let offer: OfferDoc;
let alice: MemberSession;
let bob: MemberSession;

beforeAll(async () => {
  api = await startTestApi();
  const orgs = await createOrgTree();
  merchant = await createMerchant(orgs.xihuTech);
  offer = await createOffer(merchant, { limitPerMember: 10 });
  alice = await memberSession(api, orgs.xihuTech, '张丽华');
  bob = await memberSession(api, orgs.xihuTech, '李强');
});
afterAll(() => api.stop());

const list = (member: MemberSession, query = '') =>
  api.request('GET', `/api/benefits/vouchers${query}`, { token: member.token });
const qr = (member: MemberSession, voucherId: string) =>
  api.request('POST', `/api/benefits/vouchers/${voucherId}/qr`, { token: member.token });

describe('我的券', () => {
  it('groups vouchers as unused, used, expired and refunded, newest first', async () => {
    const member = await memberSession(api, { _id: merchant.orgId, path: merchant.orgPath }, '王五');
    const older = await insertVoucher(offer, member);
    const newer = await insertVoucher(offer, member);
    const used = await insertVoucher(offer, member, { status: 'used', redeemedAt: new Date() });
    const expired = await insertVoucher(offer, member, { validFrom: daysFromNow(-30), validUntil: daysFromNow(-1) });
    const refunding = await insertVoucher(offer, member, { status: 'refunding' });
    const refunded = await insertVoucher(offer, member, { status: 'refunded', refundedAt: new Date() });

    const ids = async (view: string) => (await list(member, `?view=${view}`)).body.items.map((v: any) => v.id);
    expect(await ids('unused')).toEqual([String(newer._id), String(older._id)]);
    expect(await ids('used')).toEqual([String(used._id)]);
    expect(await ids('expired')).toEqual([String(expired._id)]);
    expect(await ids('refunded')).toEqual([String(refunded._id), String(refunding._id)]);
    // Unused is the default view, and an expired voucher says so.
    expect((await list(member)).body.items).toHaveLength(2);
    const expiredView = (await list(member, '?view=expired')).body.items[0];
    expect(expiredView).toMatchObject({ status: 'unused', displayStatus: 'expired' });
    const refundingView = (await list(member, '?view=refunded')).body.items[1];
    expect(refundingView.displayStatus).toBe('refunding');
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const member = await memberSession(api, { _id: merchant.orgId, path: merchant.orgPath }, '赵六');
    for (let i = 0; i < 5; i++) await insertVoucher(offer, member);
    const first = await list(member, '?limit=2');
    const second = await list(member, `?limit=2&cursor=${first.body.nextCursor}`);
    const third = await list(member, `?limit=2&cursor=${second.body.nextCursor}`);
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((v: any) => v.id);
    expect(new Set(seen).size).toBe(5);
    expect(third.body.nextCursor).toBeNull();
  });

  it('is empty for an account not bound to a member', async () => {
    const { token } = await loginWechat(api, 'wx-my-vouchers-unbound');
    const response = await api.request('GET', '/api/benefits/vouchers', { token });
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });
});

describe('one voucher', () => {
  it('shows the member their own voucher', async () => {
    const claimed = await claim(api, alice.token, offer._id);
    const response = await api.request('GET', `/api/benefits/vouchers/${claimed.body.id}`, { token: alice.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(claimed.body);
  });

  it("answers 404 to another member asking for someone else's voucher, and for its QR", async () => {
    const claimed = await claim(api, alice.token, offer._id);
    const response = await api.request('GET', `/api/benefits/vouchers/${claimed.body.id}`, { token: bob.token });
    expect(response.status).toBe(404);
    expect((await qr(bob, claimed.body.id)).status).toBe(404);
  });
});

describe('the voucher QR', () => {
  it('is a batch of ten consecutive one-minute UV1 tokens verifiable with the published key', async () => {
    const claimed = await claim(api, alice.token, offer._id);
    const response = await qr(alice, claimed.body.id);
    expect(response.status).toBe(200);
    const tokens: { token: string; validFrom: string; expiresAt: string }[] = response.body.tokens;
    expect(tokens).toHaveLength(VOUCHER_TOKEN_BATCH_SIZE);
    tokens.forEach((window, index) => {
      expect(window.token.startsWith(`UV1.${claimed.body.id}.`)).toBe(true);
      expect(Date.parse(window.expiresAt) - Date.parse(window.validFrom)).toBe(VOUCHER_TOKEN_TTL_SECONDS * 1000);
      if (index > 0) expect(window.validFrom).toBe(tokens[index - 1]!.expiresAt);
    });
    const keys = (await api.request('GET', '/api/card/public-keys')).body.keys;
    expect(verifyVoucherToken(tokens[0]!.token, keys)).toMatchObject({
      result: 'valid',
      claims: { voucherId: claimed.body.id },
    });
  });

  it('stops at the end of the voucher’s validity', async () => {
    const endingSoon = await insertVoucher(offer, alice, { validUntil: new Date(Date.now() + 150_000) });
    const response = await qr(alice, String(endingSoon._id));
    expect(response.body.tokens).toHaveLength(3);
  });

  it('is refused with the reason for a used, expired, refunded or not yet valid voucher', async () => {
    const cases = [
      [{ status: 'used', redeemedAt: new Date() }, 'already_redeemed', '这张券已使用'],
      [{ validFrom: daysFromNow(-10), validUntil: daysFromNow(-1) }, 'expired', '这张券已过期'],
      [{ status: 'refunded' }, 'refunded', '这张券已退款'],
      [{ status: 'refunding' }, 'refunding', '这张券正在退款，不能使用'],
    ] as const;
    for (const [state, code, message] of cases) {
      const voucher = await insertVoucher(offer, alice, state);
      const response = await qr(alice, String(voucher._id));
      expect(response.status, code).toBe(409);
      expect(response.body.error).toMatchObject({ code, message });
    }
    const future = await insertVoucher(offer, alice, { validFrom: new Date('2099-03-01T02:00:00Z') });
    const early = await qr(alice, String(future._id));
    expect(early.body.error).toMatchObject({ code: 'not_yet_valid', message: '这张券 2099-03-01 10:00 起可用' });
  });

  it('is refused once the voucher expires while the member holds it', async () => {
    const voucher = await insertVoucher(offer, alice, { validUntil: new Date(Date.now() + 2_000) });
    vi.useFakeTimers({ now: Date.now() + 10_000, toFake: ['Date'] });
    try {
      expect((await qr(alice, String(voucher._id))).body.error.code).toBe('expired');
    } finally {
      vi.useRealTimers();
    }
  });
});
