/**
 * The workbench table (shared/src/staff-entries.ts) against the real API: for every staff role,
 * each entry the mini-program would show opens with a request that succeeds, and each entry it
 * hides is refused (403). The mini-program's side is in miniapp/src/utils/staff-entries.test.tsx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ENTRIES, STAFF_ENTRY_KEYS, staffEntriesOf, type Me, type StaffEntryKey } from '@union/shared';
import { createMerchant, clerkSession } from '../src/modules/vouchers/test-support';
import { createOrgTree, createStaff, loginWechat, STAFF_PASSWORD, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';

/** What each entry's page sends first, filled in as the page fills it. */
const FIRST_REQUEST: Record<StaffEntryKey, { query?: Record<string, string>; body?: unknown }> = {
  merchantRedeem: {},
  merchantToday: {},
  verifyCard: { body: { token: 'UC1.not-a-card-at-all' } },
  joinReview: { query: { status: 'pending', limit: '20' } },
  aidReview: {},
  aidProgrammes: {},
  stations: { query: { limit: '20' } },
  benefitMerchants: { query: { limit: '20' } },
  benefitOffers: { query: { limit: '20' } },
  benefitSettlement: { query: { month: '2026-11' } },
  activities: { query: { limit: '20' } },
  quizzes: { query: { limit: '20' } },
  skillContests: {},
  figures: { query: { period: '2026' } },
};

let api: TestApi;
let orgs: OrgTree;
const accounts: { who: string; token: string; me: Me }[] = [];

async function staffAccount(
  who: string,
  role: Parameters<typeof createStaff>[1][number]['role'],
  org: OrgTree['city'],
) {
  await createStaff(who, [{ role, org }]);
  const login = await api.request('POST', '/api/auth/password-login', {
    body: { username: who, password: STAFF_PASSWORD },
  });
  accounts.push({ who, token: login.body.accessToken, me: login.body.me });
}

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  await staffAccount('city_admin', 'union_admin', orgs.city);
  await staffAccount('district_staff', 'union_staff', orgs.xihu);
  await staffAccount('street_staff', 'union_staff', orgs.xixi);
  await staffAccount('grassroots_staff', 'union_staff', orgs.xihuTech);
  await staffAccount('station_keeper', 'station_keeper', orgs.xixi);
  await staffAccount('unbound_clerk', 'merchant_staff', orgs.city);
  await clerkSession(api, await createMerchant(orgs.xihu), 'merchant_clerk');
  const clerk = await api.request('POST', '/api/auth/password-login', {
    body: { username: 'merchant_clerk', password: STAFF_PASSWORD },
  });
  accounts.push({ who: 'merchant_clerk', token: clerk.body.accessToken, me: clerk.body.me });
  const wechat = await loginWechat(api, 'entries-wechat-user');
  accounts.push({ who: 'wechat_user', token: wechat.token, me: wechat.session.me });
});
afterAll(() => api.stop());

describe('the staff workbench', () => {
  it('shows an entry to a role exactly when the request its page opens with succeeds for that role', async () => {
    const seen: Record<string, { shown: StaffEntryKey[]; answers: Record<string, number> }> = {};
    for (const { who, token, me } of accounts) {
      const shown = staffEntriesOf(me);
      const answers: Record<string, number> = {};
      for (const key of STAFF_ENTRY_KEYS) {
        const { method, path } = STAFF_ENTRIES[key].opensWith;
        const { query, body } = FIRST_REQUEST[key];
        const url = query ? `${path}?${new URLSearchParams(query)}` : path;
        answers[key] = (await api.request(method.toUpperCase(), url, { token, body })).status;
      }
      seen[who] = { shown, answers };
    }
    for (const [who, { shown, answers }] of Object.entries(seen)) {
      for (const key of STAFF_ENTRY_KEYS) {
        const expected = shown.includes(key) ? 'succeeds' : 'refused (403)';
        const actual =
          answers[key]! >= 200 && answers[key]! < 300
            ? 'succeeds'
            : answers[key] === 403
              ? 'refused (403)'
              : `answers ${answers[key]}`;
        expect({ who, entry: key, firstRequest: actual }).toEqual({ who, entry: key, firstRequest: expected });
      }
    }
    // The table is not vacuous: each kind of account sees its own work.
    expect(seen.district_staff!.shown).toContain('aidProgrammes');
    expect(seen.station_keeper!.shown).toEqual(['verifyCard', 'stations']);
    expect(seen.merchant_clerk!.shown.slice(0, 2)).toEqual(['merchantRedeem', 'merchantToday']);
    expect(seen.unbound_clerk!.shown).toEqual(['verifyCard']);
    expect(seen.wechat_user!.shown).toEqual([]);
  });
});
