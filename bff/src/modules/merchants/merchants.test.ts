import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createMember, loginWechat, makeIdNumber } from '../../../test/fixtures';
import { makePng, sendBytes, SMALL_JPEG } from '../station-admin/test-support';
import { TrailEventModel } from '../event-trail/trail-event.model';
import { MerchantModel } from './merchant.model';
import { catalogueWorld, createMerchantVia, merchantBody, type CatalogueWorld } from './test-support';

let api: TestApi;
let world: CatalogueWorld;

beforeAll(async () => {
  api = await startTestApi();
  world = await catalogueWorld(api);
});
afterAll(() => api.stop());

describe('managing merchants', () => {
  it('signs a merchant in the staff member’s subtree and shows it with its organisation and counts', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xixi.id, { name: '西溪眼镜店' }));
    expect(merchant).toMatchObject({
      name: '西溪眼镜店',
      category: 'supermarket',
      orgId: world.orgs.xixi.id,
      orgName: '西溪街道总工会',
      status: 'active',
      staffCount: 0,
      activeOfferCount: 0,
      logoUrl: null,
      photos: [],
    });
    const events = await TrailEventModel.find({ merchantId: merchant.id }).lean();
    expect(events.map((event) => event.kind)).toEqual(['merchant.created']);
  });

  it('refuses to sign a merchant for an organisation outside the staff member’s subtree', async () => {
    const response = await api.request('POST', '/api/admin/merchants', {
      token: world.xihu,
      body: merchantBody(world.orgs.binjiangTech.id),
    });
    expect(response.status).toBe(403);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'orgId' })]);
  });

  it('hides another district’s merchants: not listed, and 404 to read, edit, invite or upload', async () => {
    const binjiangMerchant = await createMerchantVia(
      api,
      world.binjiang,
      merchantBody(world.orgs.xixing.id, { name: '滨江理发店', category: 'haircut' }),
    );
    const list = await api.request('GET', '/api/admin/merchants?limit=50', { token: world.xihu });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(binjiangMerchant.id);

    const path = `/api/admin/merchants/${binjiangMerchant.id}`;
    expect((await api.request('GET', path, { token: world.xihu })).status).toBe(404);
    expect((await api.request('PATCH', path, { token: world.xihu, body: { name: '改名' } })).status).toBe(404);
    expect((await api.request('POST', `${path}/invitations`, { token: world.xihu })).status).toBe(404);
    expect((await api.request('GET', `${path}/staff`, { token: world.xihu })).status).toBe(404);
    const upload = await sendBytes(api, 'PUT', `${path}/logo`, {
      token: world.xihu,
      bytes: makePng(),
      contentType: 'image/png',
    });
    expect(upload.status).toBe(404);
    expect((await MerchantModel.findById(binjiangMerchant.id).lean())!.name).toBe('滨江理发店');

    // The city sees both districts.
    const cityRead = await api.request('GET', path, { token: world.city });
    expect(cityRead.status).toBe(200);
  });

  it('keeps members and clerks out of the management endpoints', async () => {
    await createMember(api.running.runtime.cipher, world.orgs.xihuTech, {
      name: '钱多多',
      idNumber: makeIdNumber('330106', '19900101', '771'),
      mobile: '13900007771',
    });
    const { token } = await loginWechat(api, 'merchant-test-member');
    expect((await api.request('GET', '/api/admin/merchants', { token })).status).toBe(403);
  });

  it('edits details, suspends and resumes, each with a new catalogue revision and an event', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '文二路药房' }));
    const before = (await MerchantModel.findById(merchant.id).lean())!.revision;
    const path = `/api/admin/merchants/${merchant.id}`;
    const edited = await api.request('PATCH', path, {
      token: world.xihu,
      body: { name: '文二路大药房', category: 'pharmacy', location: { lat: 30.28, lng: 120.13 } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: '文二路大药房',
      category: 'pharmacy',
      location: { lat: 30.28, lng: 120.13 },
    });
    const suspended = await api.request('PATCH', path, { token: world.xihu, body: { status: 'suspended' } });
    expect(suspended.body.status).toBe('suspended');
    const filtered = await api.request('GET', '/api/admin/merchants?status=suspended', { token: world.xihu });
    expect(filtered.body.items.map((item: { id: string }) => item.id)).toEqual([merchant.id]);
    const resumed = await api.request('PATCH', path, { token: world.xihu, body: { status: 'active' } });
    expect(resumed.body.status).toBe('active');

    const after = (await MerchantModel.findById(merchant.id).lean())!.revision;
    expect(after).toBeGreaterThan(before);
    const events = await TrailEventModel.find({ merchantId: merchant.id, kind: 'merchant.updated' }).lean();
    expect(events.map((event) => event.summary)).toEqual([
      '修改商家 文二路药房 的信息',
      '暂停与 文二路大药房 的合作',
      '恢复与 文二路大药房 的合作',
    ]);
  });

  it('keeps the phone and description when only the status or the name changes', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '文一路书店' }));
    const path = `/api/admin/merchants/${merchant.id}`;
    expect((await api.request('PATCH', path, { token: world.xihu, body: { status: 'suspended' } })).status).toBe(200);
    const renamed = await api.request('PATCH', path, { token: world.xihu, body: { name: '文一路新华书店' } });
    expect(renamed.body).toMatchObject({
      name: '文一路新华书店',
      phone: '0571-88001234',
      description: '新鲜水果，会员专享折扣。',
    });
  });

  it('answers field details for an invalid merchant', async () => {
    const response = await api.request('POST', '/api/admin/merchants', {
      token: world.xihu,
      body: merchantBody(world.orgs.xihu.id, { name: 'A', category: 'casino', phone: '123' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      'category',
      'name',
      'phone',
    ]);
  });

  it('pages the list newest first and searches by name', async () => {
    for (const name of ['翠苑理发一店', '翠苑理发二店', '翠苑理发三店']) {
      await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name, category: 'haircut' }));
    }
    const first = await api.request('GET', '/api/admin/merchants?q=翠苑理发&limit=2', { token: world.xihu });
    expect(first.body.items.map((item: { name: string }) => item.name)).toEqual(['翠苑理发三店', '翠苑理发二店']);
    const second = await api.request('GET', `/api/admin/merchants?q=翠苑理发&limit=2&cursor=${first.body.nextCursor}`, {
      token: world.xihu,
    });
    expect(second.body.items.map((item: { name: string }) => item.name)).toEqual(['翠苑理发一店']);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('merchant images', () => {
  const fetchImage = async (url: string) => {
    const response = await fetch(api.url + url);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  it('stores a logo and photos judged by their bytes, serves them to anyone, and removes a photo', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '图片商家' }));
    const base = `/api/admin/merchants/${merchant.id}`;
    const png = makePng(3);
    const logo = await sendBytes(api, 'PUT', `${base}/logo`, {
      token: world.xihu,
      bytes: png,
      contentType: 'image/png',
    });
    expect(logo.status).toBe(200);
    expect(logo.body.logoUrl).toMatch(new RegExp(`^/api/benefits/merchants/${merchant.id}/images/[0-9a-f]{24}$`));
    const servedLogo = await fetchImage(logo.body.logoUrl);
    expect(servedLogo).toMatchObject({ status: 200, type: 'image/png' });
    expect(servedLogo.bytes.equals(png)).toBe(true);

    // Declared PNG, but the bytes are a JPEG: the bytes decide.
    const photo = await sendBytes(api, 'POST', `${base}/photos`, {
      token: world.xihu,
      bytes: SMALL_JPEG,
      contentType: 'image/png',
    });
    expect(photo.status).toBe(200);
    expect(photo.body.photos).toHaveLength(1);
    expect((await fetchImage(photo.body.photos[0].url)).type).toBe('image/jpeg');

    const newLogo = await sendBytes(api, 'PUT', `${base}/logo`, {
      token: world.xihu,
      bytes: SMALL_JPEG,
      contentType: 'image/jpeg',
    });
    expect(newLogo.body.logoUrl).not.toBe(logo.body.logoUrl);
    expect((await fetchImage(logo.body.logoUrl)).status).toBe(404);

    const removed = await api.request('DELETE', `${base}/photos/${photo.body.photos[0].id}`, { token: world.xihu });
    expect(removed.status).toBe(200);
    expect(removed.body.photos).toEqual([]);
    expect((await fetchImage(photo.body.photos[0].url)).status).toBe(404);
  });

  it('refuses a renamed executable with 415 and stores nothing', async () => {
    const merchant = await createMerchantVia(api, world.xihu, merchantBody(world.orgs.xihu.id, { name: '病毒商家' }));
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64)]);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90), Buffer.from([0x00, 0x01])]);
    for (const bytes of [elf, exe]) {
      const response = await sendBytes(api, 'POST', `/api/admin/merchants/${merchant.id}/photos`, {
        token: world.xihu,
        bytes,
        contentType: 'image/jpeg',
      });
      expect(response.status).toBe(415);
    }
    expect((await MerchantModel.findById(merchant.id).lean())!.photos).toEqual([]);
  });
});
