import { Types } from 'mongoose';
import { chinaDateOf, chinaDayRange } from '@union/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { loginWechat } from '../../../test/fixtures';
import { AccountModel } from '../auth/account.model';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { VoucherModel } from '../vouchers/voucher.model';
import { MerchantInvitationModel } from './merchant-invitation.model';
import { catalogueWorld, createMerchantVia, merchantBody, type CatalogueWorld } from './test-support';

let api: TestApi;
let world: CatalogueWorld;
let clerkCount = 0;

beforeAll(async () => {
  api = await startTestApi();
  world = await catalogueWorld(api);
});
afterAll(() => api.stop());

async function newMerchant(name: string) {
  return createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name }));
}

async function invite(merchantId: string): Promise<string> {
  const response = await api.request('POST', `/api/admin/merchants/${merchantId}/invitations`, { token: world.xihu });
  expect(response.status).toBe(200);
  return response.body.code;
}

async function newClerk() {
  clerkCount += 1;
  return (await loginWechat(api, `clerk-${clerkCount}-${new Types.ObjectId().toHexString()}`)).token;
}

const bind = (token: string, invitationCode: string) =>
  api.request('POST', '/api/merchant/bind', { token, body: { invitationCode } });

const revoke = (merchantId: string, accountId: string) =>
  api.request('POST', `/api/admin/merchants/${merchantId}/staff/${accountId}/revoke`, { token: world.xihu });

async function newClerkAccount() {
  clerkCount += 1;
  const openid = `clerk-${clerkCount}-${new Types.ObjectId().toHexString()}`;
  const { token } = await loginWechat(api, openid);
  const account = await AccountModel.findOne({ openid }, { _id: 1 }).lean();
  return { token, accountId: String(account!._id) };
}

/** Another role the clerk holds, given by someone else (not a merchant binding). */
const keeperGrant = () => ({ role: 'station_keeper', orgId: new Types.ObjectId(world.orgs.xihu.id) });

describe('merchant invitations', () => {
  it('gives an 8-character code once, valid 7 days for 5 people, and stores only a keyed hash of it', async () => {
    const merchant = await newMerchant('邀请码商家');
    const response = await api.request('POST', `/api/admin/merchants/${merchant.id}/invitations`, {
      token: world.xihu,
    });
    expect(response.body.code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(response.body.maxUses).toBe(5);
    const days = (new Date(response.body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const stored = await MerchantInvitationModel.find({ merchantId: merchant.id }).lean();
    expect(JSON.stringify(stored)).not.toContain(response.body.code);
  });

  it('binds a clerk, who then sees the workbench, and shows them to union staff', async () => {
    const merchant = await newMerchant('绑定商家');
    const clerk = await newClerk();
    // Lower case and spaces around are forgiven.
    const bound = await bind(clerk, ` ${(await invite(merchant.id)).toLowerCase()} `);
    expect(bound.status).toBe(200);
    expect(bound.body).toEqual({
      merchant: expect.objectContaining({ id: merchant.id, name: '绑定商家' }),
      today: { redemptions: 0, faceValueFen: 0 },
    });
    const workbench = await api.request('GET', '/api/merchant/workbench', { token: clerk });
    expect(workbench.status).toBe(200);
    expect(workbench.body.merchant.id).toBe(merchant.id);

    const staff = await api.request('GET', `/api/admin/merchants/${merchant.id}/staff`, { token: world.xihu });
    expect(staff.body.items).toHaveLength(1);
    const account = await AccountModel.findById(staff.body.items[0].accountId).lean();
    expect(account!.grants).toEqual([{ role: 'merchant_staff', orgId: new Types.ObjectId(world.orgs.xihu.id) }]);
    const detail = await api.request('GET', `/api/admin/merchants/${merchant.id}`, { token: world.xihu });
    expect(detail.body.staffCount).toBe(1);
    expect(await TrailEventModel.countDocuments({ merchantId: merchant.id, kind: 'merchant.staff_bound' })).toBe(1);
  });

  it('refuses a wrong or expired code with a field detail', async () => {
    const merchant = await newMerchant('过期商家');
    const code = await invite(merchant.id);
    const clerk = await newClerk();
    const wrong = await bind(clerk, 'ZZZZ2222');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([expect.objectContaining({ path: 'invitationCode' })]);
    const malformed = await bind(clerk, 'abc');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('invitationCode');

    await MerchantInvitationModel.updateMany(
      { merchantId: merchant.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const expired = await bind(clerk, code);
    expect(expired.status).toBe(400);
    expect(expired.body.error.details[0].path).toBe('invitationCode');
    expect(await AccountModel.findOne({ merchantId: merchant.id }).lean()).toBeNull();
  });

  it('lets exactly 5 of 6 clerks binding at once use a 5-person code', async () => {
    const merchant = await newMerchant('并发商家');
    const code = await invite(merchant.id);
    const clerks = await Promise.all(Array.from({ length: 6 }, () => newClerk()));
    const responses = await Promise.all(clerks.map((clerk) => bind(clerk, code)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 400]);
    expect(await AccountModel.countDocuments({ merchantId: merchant.id })).toBe(5);
    const invitation = await MerchantInvitationModel.findOne({ merchantId: merchant.id }).lean();
    expect(invitation!.uses).toBe(5);
  });

  it('treats a repeated bind to the same merchant as done, and refuses a second merchant with 409', async () => {
    const first = await newMerchant('第一家');
    const second = await newMerchant('第二家');
    const clerk = await newClerk();
    const code = await invite(first.id);
    const replies = await Promise.all([bind(clerk, code), bind(clerk, code), bind(clerk, code)]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect((await MerchantInvitationModel.findOne({ merchantId: first.id }).lean())!.uses).toBe(1);
    const other = await bind(clerk, await invite(second.id));
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('bound_to_other_merchant');
  });

  it('revokes a clerk: the workbench is closed to them at once, and they may bind elsewhere', async () => {
    const merchant = await newMerchant('解绑商家');
    const clerk = await newClerk();
    await bind(clerk, await invite(merchant.id));
    const staff = await api.request('GET', `/api/admin/merchants/${merchant.id}/staff`, { token: world.xihu });
    const accountId = staff.body.items[0].accountId;

    const outsider = await api.request('POST', `/api/admin/merchants/${merchant.id}/staff/${accountId}/revoke`, {
      token: world.binjiang,
    });
    expect(outsider.status).toBe(404);
    const revoked = await api.request('POST', `/api/admin/merchants/${merchant.id}/staff/${accountId}/revoke`, {
      token: world.xihu,
    });
    expect(revoked.body).toEqual({ ok: true });
    expect((await api.request('GET', '/api/merchant/workbench', { token: clerk })).status).toBe(403);
    const account = await AccountModel.findById(accountId).lean();
    expect(account!.merchantId ?? null).toBeNull();
    expect(account!.grants).toEqual([]);
    const again = await api.request('POST', `/api/admin/merchants/${merchant.id}/staff/${accountId}/revoke`, {
      token: world.xihu,
    });
    expect(again.status).toBe(404);

    const elsewhere = await newMerchant('新东家');
    expect((await bind(clerk, await invite(elsewhere.id))).status).toBe(200);
    expect(await TrailEventModel.countDocuments({ merchantId: merchant.id, kind: 'merchant.staff_revoked' })).toBe(1);
  });

  it('counts today’s redemptions (China day) and their face value on the workbench', async () => {
    const merchant = await newMerchant('核销商家');
    const clerk = await newClerk();
    await bind(clerk, await invite(merchant.id));
    const { start } = chinaDayRange(chinaDateOf(new Date()));
    const voucher = (overrides: Record<string, unknown>) => ({
      code: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
      issueKey: `test:${new Types.ObjectId().toHexString()}`,
      offerId: new Types.ObjectId(),
      merchantId: new Types.ObjectId(merchant.id),
      merchantOrgPath: world.orgs.xihu.path,
      memberId: new Types.ObjectId(),
      accountId: new Types.ObjectId(),
      kind: 'subsidised_voucher',
      title: '百元券',
      headline: '12元购100元券',
      faceValueFen: 10_000,
      paidFen: 1_200,
      unionSubsidyFen: 7_600,
      validFrom: new Date(Date.now() - 86_400_000),
      validUntil: new Date(Date.now() + 86_400_000),
      periodKey: 'total',
      claimedAt: new Date(Date.now() - 86_400_000),
      status: 'used',
      redeemedAt: new Date(start.getTime() + 1000),
      ...overrides,
    });
    await VoucherModel.insertMany([
      voucher({}),
      voucher({ faceValueFen: 5_000 }),
      voucher({ redeemedAt: new Date(start.getTime() - 1000) }), // yesterday, China time
      voucher({ status: 'unused', redeemedAt: null }),
      voucher({ merchantId: new Types.ObjectId() }),
    ]);
    const workbench = await api.request('GET', '/api/merchant/workbench', { token: clerk });
    expect(workbench.body.today).toEqual({ redemptions: 2, faceValueFen: 15_000 });
  });

  it('refuses an invitation for a suspended merchant', async () => {
    const merchant = await newMerchant('暂停商家');
    await api.request('PATCH', `/api/admin/merchants/${merchant.id}`, {
      token: world.xihu,
      body: { status: 'suspended' },
    });
    const response = await api.request('POST', `/api/admin/merchants/${merchant.id}/invitations`, {
      token: world.xihu,
    });
    expect(response.status).toBe(409);
  });
});

describe('merchant clerk binding after revocation and beside other grant changes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a revoked clerk the invitation they were bound with, but accepts a code made after revocation', async () => {
    const merchant = await newMerchant('撤销后重绑商家');
    const clerk = await newClerkAccount();
    const code = await invite(merchant.id);
    expect((await bind(clerk.token, code)).status).toBe(200);
    expect((await revoke(merchant.id, clerk.accountId)).status).toBe(200);

    const again = await bind(clerk.token, code);
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('merchant_staff_revoked');
    expect(again.body.error.message).toContain('新的邀请码');
    expect((await AccountModel.findById(clerk.accountId).lean())!.merchantId ?? null).toBeNull();
    expect((await MerchantInvitationModel.findOne({ merchantId: merchant.id }).lean())!.uses).toBe(1);
    expect((await api.request('GET', '/api/merchant/workbench', { token: clerk.token })).status).toBe(403);

    // The old code still serves the colleagues it was given to.
    expect((await bind((await newClerkAccount()).token, code)).status).toBe(200);
    // The union may take the clerk back with a new code.
    expect((await bind(clerk.token, await invite(merchant.id))).status).toBe(200);
  });

  /** Runs `change` on the clerk's account just before the service's next write of grants, as a concurrent request would. */
  function changeGrantsBeforeNextGrantWrite(accountId: string, change: () => Promise<unknown>) {
    const original = AccountModel.updateOne.bind(AccountModel);
    let done = false;
    vi.spyOn(AccountModel, 'updateOne').mockImplementation(((filter: any, update: any, options: any) => {
      if (done || String(filter?._id) !== accountId || !update?.$set?.grants) return original(filter, update, options);
      done = true;
      return change().then(() => original(filter, update, options));
    }) as any);
  }

  it('keeps a grant given to the clerk while they bind', async () => {
    const merchant = await newMerchant('并发授权绑定商家');
    const clerk = await newClerkAccount();
    const code = await invite(merchant.id);
    changeGrantsBeforeNextGrantWrite(clerk.accountId, () =>
      AccountModel.collection.updateOne(
        { _id: new Types.ObjectId(clerk.accountId) },
        { $set: { grants: [keeperGrant()] } },
      ),
    );
    expect((await bind(clerk.token, code)).status).toBe(200);
    const account = await AccountModel.findById(clerk.accountId).lean();
    expect(account!.grants).toEqual([
      keeperGrant(),
      { role: 'merchant_staff', orgId: new Types.ObjectId(world.orgs.xihu.id) },
    ]);
    expect(String(account!.merchantId)).toBe(merchant.id);
  });

  it('keeps a grant given to the clerk while they are revoked', async () => {
    const merchant = await newMerchant('并发授权解绑商家');
    const clerk = await newClerkAccount();
    expect((await bind(clerk.token, await invite(merchant.id))).status).toBe(200);
    changeGrantsBeforeNextGrantWrite(clerk.accountId, () =>
      AccountModel.collection.updateOne(
        { _id: new Types.ObjectId(clerk.accountId) },
        {
          $set: { grants: [{ role: 'merchant_staff', orgId: new Types.ObjectId(world.orgs.xihu.id) }, keeperGrant()] },
        },
      ),
    );
    expect((await revoke(merchant.id, clerk.accountId)).status).toBe(200);
    const account = await AccountModel.findById(clerk.accountId).lean();
    expect(account!.grants).toEqual([keeperGrant()]);
    expect(account!.merchantId ?? null).toBeNull();
  });

  it('leaves grants and binding consistent when a revoke and a bind elsewhere race', async () => {
    const first = await newMerchant('竞争旧东家');
    const second = await newMerchant('竞争新东家');
    for (let round = 0; round < 3; round += 1) {
      const clerk = await newClerkAccount();
      await AccountModel.collection.updateOne(
        { _id: new Types.ObjectId(clerk.accountId) },
        { $set: { grants: [keeperGrant()] } },
      );
      expect((await bind(clerk.token, await invite(first.id))).status).toBe(200);
      const code = await invite(second.id);
      const [revoked, bound] = await Promise.all([revoke(first.id, clerk.accountId), bind(clerk.token, code)]);
      expect(revoked.status).toBe(200);
      expect([200, 409]).toContain(bound.status);
      const account = await AccountModel.findById(clerk.accountId).lean();
      const staffGrants = account!.grants.filter((grant) => grant.role === 'merchant_staff');
      expect(account!.grants.filter((grant) => grant.role === 'station_keeper')).toEqual([keeperGrant()]);
      if (bound.status === 200) {
        expect(String(account!.merchantId)).toBe(second.id);
        expect(staffGrants).toHaveLength(1);
      } else {
        expect(account!.merchantId ?? null).toBeNull();
        expect(staffGrants).toEqual([]);
      }
    }
  });
});
