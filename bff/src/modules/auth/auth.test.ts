import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree, createStaff, loginWechat, STAFF_PASSWORD } from '../../../test/fixtures';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  const orgs = await createOrgTree();
  await createStaff('xihu_staff', [{ role: 'union_staff', org: orgs.xihu }]);
});
afterAll(() => api.stop());

const mint = (openid: string) => api.running.runtime.wechatEmulator!.mintLoginCode(openid);

describe('WeChat login', () => {
  it('signs in with a fresh code and returns the same account on the next login', async () => {
    const first = await api.request('POST', '/api/auth/wechat-login', { body: { code: mint('wx-user-1') } });
    expect(first.status).toBe(200);
    expect(first.body.accessToken).toBeTruthy();
    expect(first.body.me).toMatchObject({ kind: 'wechat', member: null, roles: [] });
    const second = await api.request('POST', '/api/auth/wechat-login', { body: { code: mint('wx-user-1') } });
    expect(second.body.me.id).toBe(first.body.me.id);
  });

  it('refuses a code WeChat never issued', async () => {
    const response = await api.request('POST', '/api/auth/wechat-login', { body: { code: 'not-a-real-code' } });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('wechat_code_invalid');
    expect(response.body.error.message).toMatch(/登录凭证无效/);
  });

  it('refuses a code that was already used', async () => {
    const code = mint('wx-user-2');
    expect((await api.request('POST', '/api/auth/wechat-login', { body: { code } })).status).toBe(200);
    const replay = await api.request('POST', '/api/auth/wechat-login', { body: { code } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('wechat_code_used');
  });

  it('answers a missing code with a field-level 400', async () => {
    const response = await api.request('POST', '/api/auth/wechat-login', { body: {} });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'code' })]);
  });

  it('creates one account when the same user logs in twice at once', async () => {
    const responses = await Promise.all(
      [mint('wx-racer'), mint('wx-racer'), mint('wx-racer')].map((code) =>
        api.request('POST', '/api/auth/wechat-login', { body: { code } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(responses.map((r) => r.body.me.id)).size).toBe(1);
  });
});

describe('sessions', () => {
  it('rejects requests without or with a forged access token', async () => {
    expect((await api.request('GET', '/api/me')).status).toBe(401);
    const forged = await api.request('GET', '/api/me', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.x' });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('access_token_invalid');
  });

  it('rotates the refresh token, and a replayed old one logs out the whole family', async () => {
    const { session } = await loginWechat(api, 'wx-rotate');
    const rotated = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(session.refreshToken);
    expect((await api.request('GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(200);

    const replay = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('refresh_token_reused');

    // The thief's and the owner's newer tokens are now useless too.
    const newer = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } });
    expect(newer.status).toBe(401);
    expect((await api.request('GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(401);
  });

  it('lets exactly one of two parallel refreshes with the same token through', async () => {
    const { session } = await loginWechat(api, 'wx-parallel-refresh');
    const results = await Promise.all(
      [1, 2].map(() => api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('logs out: the refresh token and the access token stop working', async () => {
    const { session } = await loginWechat(api, 'wx-logout');
    expect(
      (await api.request('POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(200);
    expect((await api.request('GET', '/api/me', { token: session.accessToken })).status).toBe(401);
    const refresh = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refresh.status).toBe(401);
  });
});

describe('staff password login', () => {
  it('signs staff in with their roles', async () => {
    const response = await api.request('POST', '/api/auth/password-login', {
      body: { username: 'xihu_staff', password: STAFF_PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.body.me.roles).toEqual([
      expect.objectContaining({ role: 'union_staff', orgName: '西湖区总工会', orgLevel: 'district' }),
    ]);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await api.request('POST', '/api/auth/password-login', {
      body: { username: 'xihu_staff', password: 'nope' },
    });
    const unknown = await api.request('POST', '/api/auth/password-login', {
      body: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });
});
