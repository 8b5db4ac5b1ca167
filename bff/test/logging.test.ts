import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { createMember, createOrgTree, loginWechat, makeIdNumber } from './fixtures';
import { startTestApi, type TestApi } from './harness';

let api: TestApi;
const lines: string[] = [];
const person = { name: '欧阳娜娜', idNumber: makeIdNumber('330106', '19930707', '088'), mobile: '13912345678' };

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  api = await startTestApi({}, createLogger('trace', sink));
  const orgs = await createOrgTree();
  await createMember(api.running.runtime.cipher, orgs.xihuTech, person);
});
afterAll(() => api.stop());

it('logs every request with its id, but never ID numbers, phone numbers, names or tokens', async () => {
  const { token, session } = await loginWechat(api, 'wx-logging');
  await api.request('POST', '/api/membership/bind', { token, body: person });
  await api.request('POST', '/api/membership/bind', { token, body: { ...person, mobile: 'not-a-phone' } });
  await api.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } });
  api.running.runtime.logger.info(
    { member: { idNumber: person.idNumber, mobile: person.mobile } },
    'careless log line',
  );

  const log = lines.join('');
  expect(log).toContain('"route":"/api/membership/bind"');
  expect(log).toMatch(/"requestId":"[\w-]{8,}"/);
  for (const secret of [person.idNumber, person.mobile, person.name, token, session.refreshToken]) {
    expect(log).not.toContain(secret);
  }
});
