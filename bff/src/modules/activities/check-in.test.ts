/**
 * Check-in over HTTP: staff scan the member's card QR, members scan the rotating session code,
 * offline batches sync once however often they are replayed. Session times are moved in the
 * store after sign-up so that "now" (the HTTP layer's clock) falls inside the check-in window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { DEV_SECRETS } from '../../config';
import { ActivityModel } from './activity.model';
import { SESSION_CODE_STEP_MS, sessionCodeOf } from './check-in.service';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let xihuStaff: string;
let binjiangStaff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  xihuStaff = await organiser(api, orgs.xihu, 'xihu-check-in');
  binjiangStaff = await organiser(api, orgs.binjiang, 'binjiang-check-in');
  members = await memberSessions(api, orgs.xihuTech, 8);
}, 60_000);
afterAll(() => api.stop());

const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const get = (path: string, token: string) => api.request('GET', path, { token });
const MIN = 60_000;
const m = (index: number) => members[index] as MemberSession;

/** Two sessions: the first running now (started 10 min ago), the second tomorrow. */
async function runningActivity(capacity = 10): Promise<string> {
  const id = await publishedActivity(
    api,
    xihuStaff,
    activityInput(orgs, { groups: [{ id: 'open', name: '公开组', capacity, allocation: 'first_come' }] }),
  );
  return id;
}
async function startNow(id: string) {
  const now = Date.now();
  await ActivityModel.updateOne(
    { _id: id },
    {
      $set: {
        sessions: [
          { date: '', start: '', end: '', startsAt: new Date(now - 10 * MIN), endsAt: new Date(now + 60 * MIN) },
          {
            date: '',
            start: '',
            end: '',
            startsAt: new Date(now + 24 * 60 * MIN),
            endsAt: new Date(now + 25 * 60 * MIN),
          },
        ],
      },
    },
  );
}
const cardToken = async (member: MemberSession): Promise<string> =>
  (await api.request('POST', '/api/card/qr', { token: member.token })).body.tokens[0].token;

describe('staff scan of the member card', () => {
  it('checks a confirmed entrant in once, and answers alreadyCheckedIn on a repeat', async () => {
    const id = await runningActivity();
    expect((await signUpAs(api, m(0), id)).status).toBe(200);
    await startNow(id);
    const token = await cardToken(m(0));
    const first = await post(`/api/staff/activities/${id}/check-ins`, xihuStaff, { cardToken: token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      alreadyCheckedIn: false,
      sessionIndex: 0,
      attendedSessions: 1,
      groupName: '公开组',
    });
    const again = await post(`/api/staff/activities/${id}/check-ins`, xihuStaff, { cardToken: token });
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, attendedSessions: 1 });
    const list = await get(`/api/staff/activities/${id}/attendance?sessionIndex=0`, xihuStaff);
    expect(list.body).toMatchObject({ total: 1, checkedIn: 1 });
    expect(list.body.items[0].statusText).toBe('已签到');
  });

  it('refuses a member not signed up (404), a waitlisted one (409), outside the window, and other districts (404)', async () => {
    const id = await runningActivity(1);
    await signUpAs(api, m(1), id);
    await signUpAs(api, m(2), id); // waitlisted: capacity 1
    const outside = await post(`/api/staff/activities/${id}/check-ins`, xihuStaff, {
      cardToken: await cardToken(m(1)),
    });
    expect(outside.status).toBe(409);
    await startNow(id);
    const notSigned = await post(`/api/staff/activities/${id}/check-ins`, xihuStaff, {
      cardToken: await cardToken(m(3)),
    });
    expect(notSigned.status).toBe(404);
    expect(notSigned.body.error.message).toContain('未报名本活动');
    const waitlisted = await post(`/api/staff/activities/${id}/check-ins`, xihuStaff, {
      cardToken: await cardToken(m(2)),
    });
    expect(waitlisted.status).toBe(409);
    const other = await post(`/api/staff/activities/${id}/check-ins`, binjiangStaff, {
      cardToken: await cardToken(m(1)),
    });
    expect(other.status).toBe(404);
  });
});

describe('session code and offline sync', () => {
  it('lets a member check in with the current code and refuses forged or other-activity codes', async () => {
    const id = await runningActivity();
    const otherId = await runningActivity();
    await signUpAs(api, m(4), id);
    await startNow(id);
    await startNow(otherId);
    const code = (await get(`/api/staff/activities/${id}/session-code`, xihuStaff)).body;
    expect(code.sessionIndex).toBe(0);
    const otherCode = (await get(`/api/staff/activities/${otherId}/session-code`, xihuStaff)).body.code;
    expect((await post(`/api/activities/${id}/check-in`, m(4).token, { code: otherCode })).status).toBe(400);
    const forged = code.code.slice(0, -2) + (code.code.endsWith('AA') ? 'BB' : 'AA');
    expect((await post(`/api/activities/${id}/check-in`, m(4).token, { code: forged })).status).toBe(400);
    const step = Math.floor(Date.now() / SESSION_CODE_STEP_MS);
    const expired = sessionCodeOf(DEV_SECRETS.JWT_SECRET, id, 0, step - 2); // 60+ s old
    const expiredAnswer = await post(`/api/activities/${id}/check-in`, m(4).token, { code: expired });
    expect(expiredAnswer.body.error.details[0].message).toContain('已过期');
    const otherSession = sessionCodeOf(DEV_SECRETS.JWT_SECRET, id, 1, step);
    expect((await post(`/api/activities/${id}/check-in`, m(4).token, { code: otherSession })).status).toBe(409);
    const ok = await post(`/api/activities/${id}/check-in`, m(4).token, { code: code.code });
    expect(ok.status).toBe(200);
    expect(ok.body.attendedSessions).toBe(1);
  });

  it('counts an offline batch once when synced twice and in parallel', async () => {
    const id = await runningActivity();
    await signUpAs(api, m(5), id);
    await signUpAs(api, m(6), id);
    await startNow(id);
    const scannedAt = new Date().toISOString();
    const items = [
      { clientId: 'dev1-1', cardToken: await cardToken(m(5)), sessionIndex: 0, scannedAt },
      { clientId: 'dev1-2', cardToken: await cardToken(m(6)), sessionIndex: 0, scannedAt },
      { clientId: 'dev1-3', cardToken: await cardToken(m(7)), sessionIndex: 0, scannedAt },
    ];
    const runs = await Promise.all(
      [1, 2, 3].map(() => post(`/api/staff/activities/${id}/check-ins/sync`, xihuStaff, { items })),
    );
    const replay = await post(`/api/staff/activities/${id}/check-ins/sync`, xihuStaff, { items });
    const checkedIn = [...runs, replay]
      .flatMap((r) => r.body.results)
      .filter((r: { result: string }) => r.result === 'checked_in');
    expect(checkedIn).toHaveLength(2);
    expect(replay.body.results.map((r: { result: string }) => r.result)).toEqual(['already', 'already', 'refused']);
    const list = await get(`/api/staff/activities/${id}/attendance?sessionIndex=0`, xihuStaff);
    expect(list.body.checkedIn).toBe(2);
  });
});
