/**
 * An activity's poster over HTTP: its organisers upload a JPEG/PNG/WebP judged by its bytes,
 * members see it on the activity and get the same bytes back, a replaced poster gets a new
 * address, and another district's staff cannot touch it (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { makePng, sendBytes, SMALL_JPEG } from '../station-admin/test-support';
import { ActivityModel } from './activity.model';
import { activityInput, memberSessions, organiser, publishedActivity, type MemberSession } from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;
let member: MemberSession;

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-poster');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-poster');
  [member] = (await memberSessions(api, orgs.xihuTech, 1)) as [MemberSession];
}, 60_000);
afterAll(() => api.stop());

const upload = (id: string, token: string, bytes: Buffer, contentType = 'image/png') =>
  sendBytes(api, 'PUT', `/api/staff/activities/${id}/poster`, { token, bytes, contentType });

/** As the mini-program's image tag fetches it: no sign-in. */
async function fetchPoster(url: string) {
  const response = await fetch(api.url + url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('cache-control'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('the activity poster', () => {
  it('shows an uploaded PNG on the member’s detail and serves the same bytes', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const before = await api.request('GET', `/api/activities/${id}`, { token: member.token });
    expect(before.body.posterUrl).toBeNull();

    const png = makePng(4);
    const uploaded = await upload(id, xihuStaff, png);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.posterUrl).toMatch(new RegExp(`^/api/activities/${id}/poster\\?v=[\\w-]+$`));

    const detail = await api.request('GET', `/api/activities/${id}`, { token: member.token });
    expect(detail.body.posterUrl).toBe(uploaded.body.posterUrl);
    const list = await api.request('GET', '/api/activities', { token: member.token });
    expect(list.body.items.find((item: { id: string }) => item.id === id).posterUrl).toBe(uploaded.body.posterUrl);

    const served = await fetchPoster(detail.body.posterUrl);
    expect(served).toMatchObject({ status: 200, type: 'image/png' });
    expect(served.cache).toMatch(/^public, max-age=\d+/);
    expect(served.bytes.equals(png)).toBe(true);
  });

  it('refuses a text file named .png with a Chinese reason, and keeps no poster', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const text = Buffer.from('姓名,电话\n张三,13900000000\n', 'utf8');
    const refused = await upload(id, xihuStaff, text, 'image/png');
    expect(refused.status).toBe(415);
    expect(refused.body.error.message).toMatch(/^文件类型不支持，请上传 JPG、PNG、WebP$/);
    expect((await ActivityModel.findById(id).lean())!.poster).toBeNull();
    const detail = await api.request('GET', `/api/activities/${id}`, { token: member.token });
    expect(detail.body.posterUrl).toBeNull();
    expect((await fetchPoster(`/api/activities/${id}/poster`)).status).toBe(404);
  });

  it('is out of reach (404) for another district’s staff, who change nothing', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const first = await upload(id, xihuStaff, makePng(2));
    const refused = await upload(id, binjiangStaff, makePng(5));
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe('活动不存在');
    const detail = await api.request('GET', `/api/activities/${id}`, { token: member.token });
    expect(detail.body.posterUrl).toBe(first.body.posterUrl);
    expect((await fetchPoster(first.body.posterUrl)).bytes.equals(makePng(2))).toBe(true);
  });

  it('gives a replaced poster a new address, and the old version is not kept', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    const first = await upload(id, xihuStaff, makePng(3));
    const second = await upload(id, xihuStaff, SMALL_JPEG, 'image/jpeg');
    expect(second.status).toBe(200);
    expect(second.body.posterUrl).not.toBe(first.body.posterUrl);

    const detail = await api.request('GET', `/api/activities/${id}`, { token: member.token });
    expect(detail.body.posterUrl).toBe(second.body.posterUrl);
    const served = await fetchPoster(second.body.posterUrl);
    expect(served).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(served.bytes.equals(SMALL_JPEG)).toBe(true);
    // The old address now answers with the current poster, and tells caches not to keep it.
    const stale = await fetchPoster(first.body.posterUrl);
    expect(stale).toMatchObject({ status: 200, type: 'image/jpeg', cache: 'no-cache' });
  });

  it('shows a draft’s poster only through the address its organisers are given', async () => {
    const created = await api.request('POST', '/api/staff/activities', { token: xihuStaff, body: activityInput(orgs) });
    const id = created.body.id as string;
    const uploaded = await upload(id, xihuStaff, makePng(6));
    expect(uploaded.status).toBe(200);
    const staffDetail = await api.request('GET', `/api/staff/activities/${id}`, { token: xihuStaff });
    expect(staffDetail.body.posterUrl).toBe(uploaded.body.posterUrl);
    expect((await api.request('GET', `/api/activities/${id}`, { token: member.token })).status).toBe(404);

    const viaEditor = await fetchPoster(uploaded.body.posterUrl);
    expect(viaEditor).toMatchObject({ status: 200, type: 'image/png' });
    expect(viaEditor.cache).toMatch(/^private/);
    expect((await fetchPoster(`/api/activities/${id}/poster`)).status).toBe(404);
    expect((await fetchPoster(`/api/activities/${id}/poster?v=guessed`)).status).toBe(404);
  });

  it('refuses a poster for a cancelled activity', async () => {
    const id = await publishedActivity(api, xihuStaff, activityInput(orgs));
    await api.request('POST', `/api/staff/activities/${id}/cancel`, { token: xihuStaff, body: { reason: '场地检修' } });
    const refused = await upload(id, xihuStaff, makePng(2));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('活动已取消，不能更换海报');
  });
});
