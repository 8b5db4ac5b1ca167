import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger';
import { AccountModel } from '../src/modules/auth/account.model';
import { usernameHash } from '../src/modules/auth/login-budget';
import { createOrgTree, createStaff, STAFF_PASSWORD } from './fixtures';
import { startTestApi, type TestApi } from './harness';

const LOCKED = /^该账号密码错误次数过多，已暂时锁定，请 1[45] 分钟后再试$/;

let api: TestApi;
let staffId: string;
const lines: string[] = [];
let nextAddress = 1;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // Scale 1: the real budgets. Every attempt below comes from an address of its own, so the
  // per-address limit (10 per 5 minutes) never answers for the account's.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'true' }, createLogger('warn', sink));
  const orgs = await createOrgTree();
  await createStaff('budget_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  staffId = String((await AccountModel.findOne({ username: 'budget_staff' }).lean())!._id);
  await createStaff('other_staff', [{ role: 'union_staff', org: orgs.xihu }]);
  await createStaff('target_staff', [{ role: 'union_staff', org: orgs.xihu }]);
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => api.stop());

/** A password login from a fresh client address. */
function login(username: string, password: string) {
  const address = `203.0.113.${nextAddress++}`;
  return api.request('POST', '/api/auth/password-login', {
    body: { username, password },
    headers: { 'X-Forwarded-For': address },
  });
}

describe('per-account password budget', () => {
  it('locks an account after 20 wrong passwords from 30 addresses, and says how long to wait', async () => {
    const responses = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      // Case and spaces do not make a new budget.
      const username = attempt % 3 === 0 ? ' Budget_Staff ' : 'budget_staff';
      responses.push(await login(username, `wrong-${attempt}`));
    }
    expect(responses.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(401));
    expect(responses.slice(20).map((r) => r.status)).toEqual(Array(10).fill(429));
    const locked = responses[29]!;
    expect(locked.body.error.code).toBe('rate_limited');
    expect(locked.body.error.message).toMatch(LOCKED);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
  });

  it('refuses even the right password while the account is locked', async () => {
    const response = await login('budget_staff', STAFF_PASSWORD);
    expect(response.status).toBe(429);
    expect(response.body.error.message).toMatch(LOCKED);
  });

  it('stops one address after 5 wrong passwords for an account without locking the account for anyone else', async () => {
    const from = (address: string, password: string) =>
      api.request('POST', '/api/auth/password-login', {
        body: { username: 'target_staff', password },
        headers: { 'X-Forwarded-For': address },
      });
    const statuses = [];
    let last;
    for (let attempt = 0; attempt < 8; attempt++) {
      last = await from('198.51.100.7', `guess-${attempt}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(3).fill(429)]);
    expect(last!.body.error.message).toMatch(/^密码错误次数过多，此设备暂时不能登录该账号，请 1[45] 分钟后再试$/);
    // The attacker's address is refused even the right password; the staff member's own is not.
    expect((await from('198.51.100.7', STAFF_PASSWORD)).status).toBe(429);
    expect((await from('198.51.100.99', STAFF_PASSWORD)).status).toBe(200);
  });

  it('leaves other accounts alone', async () => {
    expect((await login('other_staff', STAFF_PASSWORD)).status).toBe(200);
  });

  it('writes one warning naming the account, never the username or a password', () => {
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'password_login_locked');
    expect(entries).toEqual([
      expect.objectContaining({
        level: 40,
        accountId: staffId,
        usernameHash: usernameHash('budget_staff'),
        failures: 20,
      }),
    ]);
    const log = lines.join('');
    expect(log).not.toContain('wrong-');
    expect(log).not.toContain(STAFF_PASSWORD);
    expect(log).not.toMatch(/budget_staff/i);
  });

  it('limits unknown usernames the same way, so answers do not tell which exist', async () => {
    const statuses = [];
    let last;
    for (let attempt = 0; attempt < 21; attempt++) {
      last = await login('nobody_here', `wrong-${attempt}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    expect(last!.body.error.message).toMatch(LOCKED);
    const entry = lines.map((line) => JSON.parse(line)).find((e) => e.usernameHash === usernameHash('nobody_here'));
    expect(entry).toMatchObject({ event: 'password_login_locked', accountId: null });
  });

  it('lets the staff member in again once the lock has run out, and a success clears the count', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 15 * 60_000 + 1000);
    expect((await login('budget_staff', STAFF_PASSWORD)).status).toBe(200);

    for (let attempt = 0; attempt < 19; attempt++) {
      expect((await login('budget_staff', `again-${attempt}`)).status).toBe(401);
    }
    expect((await login('budget_staff', STAFF_PASSWORD)).status).toBe(200);
    // The success above cleared the nineteen failures: nineteen more still do not lock the account.
    for (let attempt = 0; attempt < 19; attempt++) {
      expect((await login('budget_staff', `later-${attempt}`)).status).toBe(401);
    }
    expect((await login('budget_staff', STAFF_PASSWORD)).status).toBe(200);
  });
});
