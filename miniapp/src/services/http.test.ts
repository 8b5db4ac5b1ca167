import Taro from '@tarojs/taro';
import {
  authEndpoints,
  cardEndpoints,
  membershipEndpoints,
  stationAdminEndpoints,
  stationVisitEndpoints,
} from '@union/shared';
import { describe, expect, it } from 'vitest';
import { taroTest } from '../../test/taro-mock';
import { apiError, card, session, signIn } from '../../test/fixtures';
import { ApiError, downloadBinary, NETWORK_ERROR_MESSAGE, request, uploadBinary } from './http';
import { loadSession } from './session-store';

describe('http client', () => {
  it('sends the stored access token and returns the response body', async () => {
    signIn();
    taroTest.respondWith(({ token }) => ({ statusCode: 200, data: token === 'access-token-1' ? card() : null }));

    await expect(request(cardEndpoints.myCard)).resolves.toMatchObject({ memberNo: 'M2026000123' });
  });

  it('fills path parameters and serializes the query', async () => {
    signIn();
    const seen: string[] = [];
    taroTest.respondWith(({ path, query }) => {
      seen.push(`${path}?${query}`);
      return { statusCode: 200, data: { items: [], nextCursor: null } };
    });

    await request(membershipEndpoints.queue, { query: { status: 'pending', limit: 20, cursor: undefined } });
    await request(membershipEndpoints.withdraw, { params: { id: '64b7f0c2a1b2c3d4e5f6bbbb' } });

    expect(seen).toEqual([
      '/api/staff/join-applications?status=pending&limit=20',
      '/api/join-applications/64b7f0c2a1b2c3d4e5f6bbbb/withdraw?',
    ]);
  });

  it('refreshes once on access_token_invalid, even for concurrent requests, and retries them', async () => {
    signIn();
    let refreshCalls = 0;
    taroTest.respondWith(({ path, token, body }) => {
      if (path === authEndpoints.refresh.path) {
        refreshCalls += 1;
        expect(body).toEqual({ refreshToken: 'refresh-token-0123456789-abcdef' });
        return {
          statusCode: 200,
          data: session({ accessToken: 'access-token-2', refreshToken: 'refresh-token-rotated-0123456789' }),
        };
      }
      if (token !== 'access-token-2') return apiError(401, 'access_token_invalid', '登录已过期');
      return { statusCode: 200, data: card() };
    });

    const results = await Promise.all([
      request(cardEndpoints.myCard),
      request(cardEndpoints.myCard),
      request(cardEndpoints.myCard),
    ]);

    expect(results.map((r) => r.memberNo)).toEqual(['M2026000123', 'M2026000123', 'M2026000123']);
    expect(refreshCalls).toBe(1);
    expect(loadSession()?.refreshToken).toBe('refresh-token-rotated-0123456789');
  });

  it('clears the session and goes to login on any other 401', async () => {
    signIn();
    taroTest.respondWith(() => apiError(401, 'session_revoked', '会话已注销'));

    await expect(request(cardEndpoints.myCard)).rejects.toMatchObject({ status: 401 });
    expect(loadSession()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('signs out when the refresh itself is refused', async () => {
    signIn();
    taroTest.respondWith(({ path }) =>
      path === authEndpoints.refresh.path
        ? apiError(401, 'refresh_token_invalid', '登录已过期')
        : apiError(401, 'access_token_invalid', '登录已过期'),
    );

    await expect(request(cardEndpoints.myCard)).rejects.toBeInstanceOf(ApiError);
    expect(loadSession()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
  });

  it('turns the BFF error shape into an ApiError with field details', async () => {
    signIn();
    taroTest.respondWith(() =>
      apiError(400, 'validation_failed', '请检查填写的信息', [
        { path: 'idNumber', message: '身份证号校验位不正确，请核对后重新输入' },
      ]),
    );

    const error = await request(membershipEndpoints.bind, {
      body: { name: '张伟', idNumber: '11010519491231002X', mobile: '13800000000' },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: '请检查填写的信息' });
    expect((error as ApiError).details[0]?.path).toBe('idNumber');
  });

  it('reports a network failure in Chinese', async () => {
    signIn();
    taroTest.respondWith(() => {
      throw new Error('request:fail');
    });

    await expect(request(cardEndpoints.myCard)).rejects.toMatchObject({ status: 0, message: NETWORK_ERROR_MESSAGE });
    expect(loadSession()).not.toBeNull();
  });

  it('does not call a signed-in endpoint without a session', async () => {
    await expect(request(cardEndpoints.myCard)).rejects.toMatchObject({ status: 401 });
    expect(Taro.request).not.toHaveBeenCalled();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('sends raw bytes with their content type, and retries them after refreshing the token', async () => {
    signIn();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]).buffer;
    const uploads: { body: unknown; contentType?: string; token?: string }[] = [];
    taroTest.respondWith(({ path, body, contentType, token }) => {
      if (path === authEndpoints.refresh.path)
        return { statusCode: 200, data: session({ accessToken: 'access-token-2' }) };
      uploads.push({ body, contentType, token });
      if (token !== 'access-token-2') return apiError(401, 'access_token_invalid', '登录已过期');
      return { statusCode: 200, data: { ok: true } };
    });

    await uploadBinary(stationAdminEndpoints.uploadPhoto, {
      params: { id: '64b7f0c2a1b2c3d4e5f6c001' },
      body: bytes,
      contentType: 'image/jpeg',
    });

    expect(uploads).toEqual([
      { body: bytes, contentType: 'image/jpeg', token: 'access-token-1' },
      { body: bytes, contentType: 'image/jpeg', token: 'access-token-2' },
    ]);
  });

  it('fetches a binary answer as an ArrayBuffer and reads an error answer as the JSON error', async () => {
    signIn();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer;
    const error = new TextEncoder().encode(
      JSON.stringify({ error: { code: 'forbidden', message: '无权查看该驿站 🚫' } }),
    );
    taroTest.respondWith(({ path, responseType }) => {
      expect(responseType).toBe('arraybuffer');
      return path.includes('64b7f0c2a1b2c3d4e5f6c001')
        ? { statusCode: 200, data: png }
        : { statusCode: 403, data: error.buffer };
    });

    await expect(
      downloadBinary(stationVisitEndpoints.qrPoster, { params: { id: '64b7f0c2a1b2c3d4e5f6c001' } }),
    ).resolves.toBe(png);
    await expect(
      downloadBinary(stationVisitEndpoints.qrPoster, { params: { id: '64b7f0c2a1b2c3d4e5f6c002' } }),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden', message: '无权查看该驿站 🚫' });
  });
});
