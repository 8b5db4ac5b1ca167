import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1' });
});
afterAll(() => api.stop());

it('slows down password guessing from one address with 429 and a Retry-After header', async () => {
  const statuses: number[] = [];
  let last;
  for (let attempt = 0; attempt < 12; attempt++) {
    last = await api.request('POST', '/api/auth/password-login', {
      // A new name each time: one name's own budget (login-budget.test.ts) is not what is tested here.
      body: { username: `admin${attempt}`, password: `guess${attempt}` },
    });
    statuses.push(last.status);
  }
  expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
  expect(statuses.slice(10)).toEqual([429, 429]);
  expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(last!.body.error.code).toBe('rate_limited');
});
