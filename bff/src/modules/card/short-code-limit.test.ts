import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
} from '../../../test/fixtures';

let api: TestApi;
let guesser: string;
let colleague: string;
let memberToken: string;
const li = { name: '李娜', idNumber: makeIdNumber('330106', '19920211', '042'), mobile: '13800000002' };

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1' });
  const orgs = await createOrgTree();
  await createMember(api.running.runtime.cipher, orgs.xihuTech, li);
  memberToken = (await loginWechat(api, 'wx-li')).token;
  await api.request('POST', '/api/membership/bind', { token: memberToken, body: li });
  await createStaff('guesser', [{ role: 'station_keeper', org: orgs.xixi }]);
  await createStaff('colleague', [{ role: 'merchant_staff', org: orgs.city }]);
  guesser = await loginStaff(api, 'guesser');
  colleague = await loginStaff(api, 'colleague');
});
afterAll(() => api.stop());

const verify = (staffToken: string, body: Record<string, string>) =>
  api.request('POST', '/api/staff/card-verifications', { token: staffToken, body });

it('slows down a clerk typing code after code, but not their scans or another clerk', async () => {
  const statuses: number[] = [];
  for (let n = 0; n < 31; n++) statuses.push((await verify(guesser, { code: String(10_000_000 + n) })).status);
  expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
  expect(statuses[30]).toBe(429);

  const batch = (await api.request('POST', '/api/card/qr', { token: memberToken })).body.tokens;
  const limited = await verify(guesser, { code: batch[0].shortCode });
  expect(limited.status).toBe(429);
  expect(limited.body.error.message).toMatch(/频繁/);
  expect((await verify(guesser, { token: batch[0].token })).body.result).toBe('valid');
  expect((await verify(colleague, { code: batch[0].shortCode })).body.result).toBe('valid');
});
