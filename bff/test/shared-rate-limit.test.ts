/**
 * Rate limits held across instances: with RATE_LIMIT_STORE=mongo two BFF instances on one
 * database (this process and a child process) spend one budget per key, one request at a
 * time or all at once, and a locked account is locked on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateWindowModel, rateCounters } from '../src/http/rate-store';
import { createOrgTree, createStaff, STAFF_PASSWORD } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { startOtherInstance, type OtherInstance } from './instances';

const SHARED = { RATE_LIMIT_STORE: 'mongo', RATE_LIMIT_SCALE: '1', TRUST_PROXY: 'true' };

let api: TestApi;
let other: OtherInstance;
let nextAddress = 1;

beforeAll(async () => {
  api = await startTestApi(SHARED);
  other = await startOtherInstance(SHARED);
  const orgs = await createOrgTree();
  await createStaff('shared_budget_staff', [{ role: 'union_staff', org: orgs.xihu }]);
}, 90_000);
afterAll(async () => {
  await other?.stop();
  await api.stop();
});

/** A password login sent to instance `index` (0: this process, 1: the other) from `address`. */
async function login(index: number, body: { username: string; password: string }, address: string) {
  const response = await fetch(`${[api.url, other.url][index]}/api/auth/password-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

describe('one budget across instances', () => {
  it('counts an address’s logins on both instances against its one limit (10 per 5 minutes)', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const body = { username: `nobody${attempt}`, password: 'guess' };
      statuses.push((await login(attempt % 2, body, '198.51.100.7')).status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it('lets no more than the limit through when the requests arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_unused, n) =>
        login(n % 2, { username: `nobody-at-once${n}`, password: 'guess' }, '198.51.100.8'),
      ),
    );
    const through = answers.filter((answer) => answer.status === 401).length;
    expect(through).toBeLessThanOrEqual(10);
    expect(answers.filter((answer) => answer.status === 429).length).toBe(16 - through);
  });

  it('locks an account on every instance after its wrong passwords were spread over both', async () => {
    const wrong = await Promise.all(
      Array.from({ length: 20 }, (_unused, n) =>
        login(n % 2, { username: 'shared_budget_staff', password: `wrong-${n}` }, `203.0.113.${nextAddress++}`),
      ),
    );
    expect(wrong.map((answer) => answer.status)).toEqual(Array(20).fill(401));
    for (const index of [0, 1]) {
      const right = await login(index, { username: 'shared_budget_staff', password: STAFF_PASSWORD }, '203.0.113.250');
      expect(right.status).toBe(429);
      expect(right.body.error?.message).toMatch(/^该账号密码错误次数过多，已暂时锁定/);
    }
  });
});

describe('the database store', () => {
  const counter = rateCounters('mongo')('store-test', 60);

  it('opens a window at the first hit, counts into it, and opens a new one once it ended', async () => {
    expect((await counter.hit('k')).count).toBe(1);
    expect((await counter.hit('k')).count).toBe(2);
    const window = (await counter.peek('k'))!;
    expect(window.count).toBe(2);
    expect(window.msBeforeNext).toBeGreaterThan(0);
    expect(window.msBeforeNext).toBeLessThanOrEqual(60_000);
    await RateWindowModel.updateOne({ _id: 'store-test:k' }, { $set: { resetAt: new Date(Date.now() - 1) } });
    expect(await counter.peek('k')).toBeNull();
    expect((await counter.hit('k')).count).toBe(1);
  });

  it('counts every one of many hits at once', async () => {
    const windows = await Promise.all(Array.from({ length: 40 }, () => counter.hit('burst')));
    expect((await counter.peek('burst'))!.count).toBe(40);
    // Each read saw its own hit or later ones: the highest is all of them.
    expect(Math.max(...windows.map((window) => window.count))).toBe(40);
  });

  it('sets a lock over the window and clears a key', async () => {
    await counter.set('locked', 21, 900);
    const lock = (await counter.peek('locked'))!;
    expect(lock.count).toBe(21);
    expect(lock.msBeforeNext).toBeGreaterThan(60_000);
    await counter.clear('locked');
    expect(await counter.peek('locked')).toBeNull();
  });
});
