/**
 * Check-in of a team over HTTP: a teammate checks in on the captain's entry by the session code,
 * a card scan or an offline batch; each teammate counts once per session, the team's entry turns
 * 已签到 on the first arrival, and someone who left the team is not let in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { ActivityModel } from './activity.model';
import { EntryModel } from './entry.model';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-team-check-in');
  members = await memberSessions(api, orgs.xihuTech, 8);
}, 60_000);
afterAll(() => api.stop());

const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });
const get = (path: string, token: string) => api.request('GET', path, { token });
const MIN = 60_000;
const m = (index: number) => members[index] as MemberSession;
const cardToken = async (member: MemberSession): Promise<string> =>
  (await api.request('POST', '/api/card/qr', { token: member.token })).body.tokens[0].token;

/** A team activity whose first session runs now; `captain` leads a team `others` joined. */
async function runningTeam(captain: MemberSession, others: MemberSession[]) {
  const id = await publishedActivity(
    api,
    staff,
    activityInput(orgs, {
      groups: [{ id: 'teams', name: '团体组', capacity: 4, allocation: 'first_come', team: { min: 2, max: 5 } }],
    }),
  );
  const team = await post(`/api/activities/${id}/teams`, captain.token, {
    groupId: 'teams',
    name: '拔河一队',
    requestId: requestId(),
  });
  expect(team.status).toBe(200);
  for (const member of others) {
    const joined = await post('/api/activities/teams/join', member.token, {
      code: team.body.code,
      requestId: requestId(),
    });
    expect(joined.status).toBe(200);
  }
  const now = Date.now();
  await ActivityModel.updateOne(
    { _id: id },
    {
      $set: {
        sessions: [
          { date: '', start: '', end: '', startsAt: new Date(now - 10 * MIN), endsAt: new Date(now + 60 * MIN) },
          { date: '', start: '', end: '', startsAt: new Date(now + 1440 * MIN), endsAt: new Date(now + 1500 * MIN) },
        ],
      },
    },
  );
  return { id, teamId: team.body.id as string, entryId: team.body.entry.id as string };
}

describe('team check-in', () => {
  it('checks teammates in on the captain entry, each once, by session code and card scan', async () => {
    const { id, entryId } = await runningTeam(m(0), [m(1), m(2)]);
    const code = (await get(`/api/staff/activities/${id}/session-code`, staff)).body.code;

    const teammate = await post(`/api/activities/${id}/check-in`, m(1).token, { code });
    expect(teammate.status).toBe(200);
    expect(teammate.body).toMatchObject({ alreadyCheckedIn: false, entryId, sessionIndex: 0, attendedSessions: 1 });
    // The first arrival of the team checks the team's entry in.
    expect((await EntryModel.findById(entryId).lean())?.status).toBe('checked_in');

    const scanned = await post(`/api/staff/activities/${id}/check-ins`, staff, { cardToken: await cardToken(m(2)) });
    expect(scanned.status).toBe(200);
    expect(scanned.body).toMatchObject({ alreadyCheckedIn: false, entryId });
    // The second teammate is a person of their own, not a repeat of the first.
    expect(scanned.body.maskedName).not.toBe(teammate.body.maskedName);

    const again = await post(`/api/activities/${id}/check-in`, m(1).token, { code });
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, attendedSessions: 1 });
    const captain = await post(`/api/activities/${id}/check-in`, m(0).token, { code });
    expect(captain.body).toMatchObject({ alreadyCheckedIn: false, entryId });

    const stats = (await get(`/api/staff/activities/${id}/stats`, staff)).body;
    expect(stats).toMatchObject({ participants: 3, distinctParticipants: 3 });
    expect(stats.sessions[0]).toMatchObject({ checkedIn: 1, expected: 1 });
  });

  it('counts a teammate once in an offline batch synced twice', async () => {
    const { id, entryId } = await runningTeam(m(3), [m(4)]);
    const scannedAt = new Date().toISOString();
    const items = [{ clientId: 'team-dev-1', cardToken: await cardToken(m(4)), sessionIndex: 0, scannedAt }];
    const first = await post(`/api/staff/activities/${id}/check-ins/sync`, staff, { items });
    const replay = await post(`/api/staff/activities/${id}/check-ins/sync`, staff, { items });
    expect(first.body.results[0].result).toBe('checked_in');
    expect(replay.body.results[0].result).toBe('already');
    expect((await EntryModel.findById(entryId).lean())?.status).toBe('checked_in');
    expect((await get(`/api/staff/activities/${id}/stats`, staff)).body.participants).toBe(1);
  });

  it('refuses a member who left the team', async () => {
    const { id, teamId } = await runningTeam(m(5), [m(6), m(7)]);
    expect((await post(`/api/activities/teams/${teamId}/leave`, m(6).token)).status).toBe(200);
    const code = (await get(`/api/staff/activities/${id}/session-code`, staff)).body.code;
    expect((await post(`/api/activities/${id}/check-in`, m(6).token, { code })).status).toBe(404);
    const scan = await post(`/api/staff/activities/${id}/check-ins`, staff, { cardToken: await cardToken(m(6)) });
    expect(scan.status).toBe(404);
    expect((await post(`/api/activities/${id}/check-in`, m(7).token, { code })).status).toBe(200);
  });
});
