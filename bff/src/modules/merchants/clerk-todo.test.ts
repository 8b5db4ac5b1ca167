/**
 * 商户邀请待处理: an active merchant without a clerk and without a live invitation is in the
 * cadre's queue (`GET /api/admin/merchants?needsClerk=true`) and counted by the workbench to-do;
 * an invitation takes it out until it expires, a bound clerk takes it out until unbound; a
 * suspended merchant and a sibling district's are not the cadre's; the count is the queue's length.
 */
import type { Workbench } from '@union/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWechat } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { AccountModel } from '../auth/account.model';
import { MerchantInvitationModel } from './merchant-invitation.model';
import { MerchantStaffRevocationModel } from './merchant-staff-revocation.model';
import { MerchantModel } from './merchant.model';
import { catalogueWorld, createMerchantVia, merchantBody, type CatalogueWorld } from './test-support';

let api: TestApi;
let world: CatalogueWorld;

beforeAll(async () => {
  api = await startTestApi();
  world = await catalogueWorld(api);
});
afterAll(() => api.stop());

const get = async (token: string, path: string) => {
  const response = await api.request('GET', path, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};

/** The to-do as the cadre's workbench shows it. */
async function todo(token: string) {
  const bench: Workbench = await get(token, '/api/staff/workbench');
  const found = bench.todos.find((item) => item.key === 'merchantInvitations');
  expect(found, 'the cadre sees the to-do').toBeDefined();
  return found!;
}

/** The whole queue, two at a time, so page 2 onwards is filtered too. */
async function queue(token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: any[]; nextCursor: string | null } = await get(
      token,
      `/api/admin/merchants?needsClerk=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const queueIds = async (token: string) => (await queue(token)).map((merchant) => merchant.id as string);

const newMerchant = (name: string, token = world.xihu, orgId = world.orgs.xihu.id) =>
  createMerchantVia(api, token, merchantBody(orgId, { name }));

async function invite(merchantId: string, token = world.xihu): Promise<string> {
  const response = await api.request('POST', `/api/admin/merchants/${merchantId}/invitations`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.code;
}

/** A clerk binds with a fresh invitation; answers the clerk's account id. */
async function bindClerk(merchantId: string, token = world.xihu): Promise<string> {
  const openid = `clerk-todo-${new Types.ObjectId().toHexString()}`;
  const clerk = await loginWechat(api, openid);
  const bound = await api.request('POST', '/api/merchant/bind', {
    token: clerk.token,
    body: { invitationCode: await invite(merchantId, token) },
  });
  expect(bound.status, JSON.stringify(bound.body)).toBe(200);
  return String((await AccountModel.findOne({ openid }, { _id: 1 }).lean().exec())!._id);
}

/** Every invitation of the merchant expired `ago` ms before now. */
async function expireInvitations(merchantId: string, ago = 3_600_000): Promise<Date> {
  const expiresAt = new Date(Date.now() - ago);
  await MerchantInvitationModel.updateMany({ merchantId }, { $set: { expiresAt } }).exec();
  return expiresAt;
}

const marked = async (token: string, merchantId: string) =>
  (await get(token, `/api/admin/merchants/${merchantId}`)).needsClerk as boolean;

describe('商户邀请待处理', () => {
  it('lists a new merchant, drops it once invited, and brings it back when the invitation expires', async () => {
    const merchant = await newMerchant('待邀请水果店');
    expect(await queueIds(world.xihu)).toContain(merchant.id);
    expect(merchant.needsClerk).toBe(true);

    await invite(merchant.id);
    expect(await queueIds(world.xihu)).not.toContain(merchant.id);
    expect(await marked(world.xihu, merchant.id)).toBe(false);

    await expireInvitations(merchant.id);
    expect(await queueIds(world.xihu)).toContain(merchant.id);
    expect(await marked(world.xihu, merchant.id)).toBe(true);
  });

  it('drops a merchant once a clerk is bound, and counts an invitation whose uses are all taken as spent', async () => {
    const merchant = await newMerchant('已有店员药房');
    await bindClerk(merchant.id);
    // The code still has 4 uses for colleagues; with it expired the bound clerk alone keeps it out.
    await expireInvitations(merchant.id);
    expect(await queueIds(world.xihu)).not.toContain(merchant.id);
    expect(await marked(world.xihu, merchant.id)).toBe(false);

    const usedUp = await newMerchant('邀请码用尽商家');
    await invite(usedUp.id);
    await MerchantInvitationModel.updateMany({ merchantId: usedUp.id }, { $set: { uses: 5 } }).exec();
    expect(await queueIds(world.xihu)).toContain(usedUp.id);
  });

  it('leaves out a suspended merchant, even when it has no clerk', async () => {
    const merchant = await newMerchant('暂停合作商家');
    const suspended = await api.request('PATCH', `/api/admin/merchants/${merchant.id}`, {
      token: world.xihu,
      body: { status: 'suspended' },
    });
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.needsClerk).toBe(false);
    expect(await queueIds(world.xihu)).not.toContain(merchant.id);
    const suspendedQueue = await get(world.xihu, '/api/admin/merchants?needsClerk=true&status=suspended');
    expect(suspendedQueue.items).toEqual([]);
  });

  it('dates the oldest from the later of signing, the last invitation’s expiry and the last clerk’s unbinding', async () => {
    // 滨江's only merchants are made here, so its to-do is about this one.
    const merchant = await newMerchant('滨江待邀请商家', world.binjiang, world.orgs.binjiang.id);
    // Signed 10 days ago (through the driver: mongoose keeps createdAt out of updates).
    const signedAt = new Date(Date.now() - 10 * 86_400_000);
    await MerchantModel.collection.updateOne(
      { _id: new Types.ObjectId(merchant.id) },
      { $set: { createdAt: signedAt } },
    );
    expect(await todo(world.binjiang)).toMatchObject({
      count: 1,
      oldestAt: signedAt.toISOString(),
      oldestAgeLabel: '最早 10 天前',
    });

    await invite(merchant.id, world.binjiang);
    expect(await todo(world.binjiang)).toMatchObject({ count: 0, oldestAt: null });
    const expiredAt = await expireInvitations(merchant.id, 60_000);
    expect(await todo(world.binjiang)).toMatchObject({ count: 1, oldestAt: expiredAt.toISOString() });

    const clerkId = await bindClerk(merchant.id, world.binjiang);
    expect(await todo(world.binjiang)).toMatchObject({ count: 0 });
    await expireInvitations(merchant.id, 120_000);
    const revoked = await api.request('POST', `/api/admin/merchants/${merchant.id}/staff/${clerkId}/revoke`, {
      token: world.binjiang,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const revocation = await MerchantStaffRevocationModel.findOne({ merchantId: merchant.id }).lean().exec();
    expect(await todo(world.binjiang)).toMatchObject({
      count: 1,
      oldestAt: revocation!.revokedAt.toISOString(),
    });
  });

  it('counts only the cadre’s district, and the count is the length of the queue it opens', async () => {
    const sibling = await newMerchant('滨江第二家', world.binjiang, world.orgs.binjiang.id);
    for (const name of ['西湖甲', '西湖乙', '西湖丙']) await newMerchant(name);

    const xihuQueue = await queueIds(world.xihu);
    expect(xihuQueue).not.toContain(sibling.id);
    expect(new Set(xihuQueue).size).toBe(xihuQueue.length);
    expect((await todo(world.xihu)).count).toBe(xihuQueue.length);
    for (const item of await queue(world.xihu)) expect(item.needsClerk).toBe(true);

    const binjiangQueue = await queueIds(world.binjiang);
    expect(binjiangQueue).toContain(sibling.id);
    expect((await todo(world.binjiang)).count).toBe(binjiangQueue.length);
    // The city sees both districts.
    expect((await todo(world.city)).count).toBe(xihuQueue.length + binjiangQueue.length);
    expect(await queueIds(world.city)).toHaveLength(xihuQueue.length + binjiangQueue.length);
  });

  it('refuses needsClerk=maybe with the field named, and changes nothing', async () => {
    const before = await todo(world.xihu);
    const refused = await api.request('GET', '/api/admin/merchants?needsClerk=maybe', { token: world.xihu });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'needsClerk', message: '待邀请店员筛选应为 true 或 false' }]);
    expect(await todo(world.xihu)).toMatchObject({ count: before.count, oldestAt: before.oldestAt });
  });
});
