import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

const CHINESE = /[\u4e00-\u9fff]/;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

/** Every detail the client receives is a Chinese sentence, never zod's English or a bare code. */
function expectChineseDetails(response: { status: number; body: any }, paths: string[]) {
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('validation_failed');
  const details: { path: string; message: string }[] = response.body.error.details;
  expect(details.map((detail) => detail.path).sort()).toEqual([...paths].sort());
  for (const detail of details) {
    expect(detail.message, `${detail.path}: ${detail.message}`).toMatch(CHINESE);
    expect(detail.message).not.toMatch(/^[\x20-\x7e]*$/);
    expect(detail.message).not.toMatch(/Invalid|expected|received|Too (big|small)/i);
  }
  return details;
}

describe('validation messages over HTTP', () => {
  it('words missing and mistyped body fields in Chinese', async () => {
    const response = await api.request('POST', '/api/auth/password-login', { body: { username: 42 } });
    const details = expectChineseDetails(response, ['username', 'password']);
    expect(details.find((detail) => detail.path === 'password')!.message).toBe('请填写此项');
  });

  it('words a body that is not an object in Chinese', async () => {
    const response = await api.request('POST', '/api/auth/wechat-login', { body: ['x'] });
    expectChineseDetails(response, ['(body)']);
  });

  it('words bad query numbers, lengths and options in Chinese', async () => {
    const cursor = 'x'.repeat(65);
    const listed = await api.request('GET', `/api/benefits/offers?cursor=${cursor}&limit=2.5&category=nonsense`);
    expectChineseDetails(listed, ['cursor', 'limit', 'category']);

    const nearby = await api.request('GET', '/api/benefits/offers/nearby?lng=120&radius=abc&limit=0');
    const details = expectChineseDetails(nearby, ['lat', 'radius', 'limit']);
    expect(details.find((detail) => detail.path === 'limit')!.message).toBe('不能小于 1');
  });

  it('keeps the messages the contract sets itself', async () => {
    const response = await api.request('POST', '/api/auth/password-login', { body: { username: ' ', password: '' } });
    expect(expectChineseDetails(response, ['username', 'password'])).toEqual([
      { path: 'username', message: '请输入用户名' },
      { path: 'password', message: '请输入密码' },
    ]);
  });
});
