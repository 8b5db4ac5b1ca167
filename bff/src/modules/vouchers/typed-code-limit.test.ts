import { afterAll, beforeAll, expect, it } from 'vitest';
import { luhnCheckDigit } from '@union/shared';
import { startTestApi, type TestApi } from '../../../test/harness';
import { createOrgTree } from '../../../test/fixtures';
import { clerkSession, createMerchant } from './test-support';

let api: TestApi;
let clerk: string;

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1' });
  const orgs = await createOrgTree();
  clerk = await clerkSession(api, await createMerchant(orgs.xihuTech), 'guessing_clerk');
});
afterAll(() => api.stop());

const codeOf = (n: number) => {
  const payload = String(10_000_000_000 + n);
  return payload + String(luhnCheckDigit(payload));
};

it('slows down an account typing code after code, so codes cannot be guessed, but never a scan', async () => {
  const statuses: number[] = [];
  for (let n = 0; n < 31; n++) {
    const response = await api.request('POST', '/api/merchant/redemptions/preview', {
      token: clerk,
      body: { code: codeOf(n) },
    });
    statuses.push(response.status);
  }
  expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
  expect(statuses[30]).toBe(429);
  const scan = await api.request('POST', '/api/merchant/redemptions/preview', {
    token: clerk,
    body: { token: 'UV1.not-a-token' },
  });
  expect(scan.body.result).toBe('forged');
});
