/**
 * Teams over HTTP: a captain signs up a team (one place of the group) and shares a code;
 * members join by code within the size cap, even when they all press at once; a team short
 * of its minimum at close is cancelled and its place goes to the waitlist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree, type OrgTree } from '../../../test/fixtures';
import { startTestApi, type TestApi } from '../../../test/harness';
import { NotificationModel } from '../notifications/notification.model';
import { lockClosedTeams } from './team.service';
import {
  activityInput,
  inDays,
  memberSessions,
  organiser,
  publishedActivity,
  requestId,
  signUpAs,
  type MemberSession,
} from './test-support';

let api: TestApi;
let orgs: OrgTree;
let staff: string;
let members: MemberSession[];
let outsiders: MemberSession[];

beforeAll(async () => {
  api = await startTestApi();
  orgs = await createOrgTree();
  staff = await organiser(api, orgs.xihu, 'xihu-teams');
  members = await memberSessions(api, orgs.xihuTech, 30);
  outsiders = await memberSessions(api, orgs.binjiang, 1);
}, 60_000);
afterAll(() => api.stop());

const get = (path: string, token: string) => api.request('GET', path, { token });
const post = (path: string, token: string, body?: unknown) => api.request('POST', path, { token, body });

const teamActivity = (capacity = 4, team = { min: 2, max: 5 }) =>
  publishedActivity(
    api,
    staff,
    activityInput(orgs, { groups: [{ id: 'teams', name: '团体组', capacity, allocation: 'first_come', team }] }),
  );
const createTeam = (member: MemberSession, activityId: string, name = '拔河一队', id = requestId()) =>
  post(`/api/activities/${activityId}/teams`, member.token, { groupId: 'teams', name, requestId: id });
const join = (member: MemberSession, code: string, id = requestId()) =>
  post('/api/activities/teams/join', member.token, { code, requestId: id });

describe('teams', () => {
  it('creates a team with a code, lets members join, shows it to both, and lets a member leave', async () => {
    const activityId = await teamActivity();
    const [captain, first, second] = members.slice(0, 3);
    const created = await createTeam(captain!, activityId, '拔河一队', 'team-create-0001');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: '拔河一队', role: 'captain', size: 1, min: 2, max: 5, locked: false });
    expect(created.body.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(created.body.entry).toMatchObject({ status: 'confirmed', groupId: 'teams' });
    expect(created.body.entry.team).toMatchObject({ name: '拔河一队', code: created.body.code, role: 'captain' });

    const joined = await join(first!, created.body.code.toLowerCase());
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ role: 'member', size: 2, code: created.body.code });
    expect((await join(second!, created.body.code)).body.size).toBe(3);

    const mine = await get(`/api/activities/teams/mine?activityId=${activityId}`, first!.token);
    expect(mine.body.members).toHaveLength(3);
    expect(mine.body.members[0]).toMatchObject({ captain: true });
    expect(mine.body.members[1].name).toContain('*');

    expect((await post(`/api/activities/teams/${created.body.id}/leave`, first!.token)).status).toBe(200);
    const removed = await post(
      `/api/activities/teams/${created.body.id}/members/${second!.memberId}/remove`,
      captain!.token,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.size).toBe(1);
    expect((await get(`/api/activities/teams/mine?activityId=${activityId}`, first!.token)).status).toBe(404);
    // Having left, they may join again.
    expect((await join(first!, created.body.code)).body.size).toBe(2);
    // A replayed creation answers with the same team; a second team of the same captain is refused.
    const replay = await createTeam(captain!, activityId, '拔河一队', 'team-create-0001');
    expect(replay.body).toMatchObject({ id: created.body.id, code: created.body.code });
    expect((await createTeam(captain!, activityId, '拔河二队')).status).toBe(409);
  });

  it('holds the size cap under 20 parallel joins, and one seat per member under parallel duplicates', async () => {
    const activityId = await teamActivity();
    const captain = members[3]!;
    const created = await createTeam(captain, activityId);
    const joiners = members.slice(4, 24);
    const results = await Promise.all(joiners.map((member) => join(member, created.body.code)));
    expect(results.filter((result) => result.status === 200)).toHaveLength(4);
    expect(results.filter((result) => result.status === 409)).toHaveLength(16);
    const mine = await get(`/api/activities/teams/mine?activityId=${activityId}`, captain.token);
    expect(mine.body).toMatchObject({ size: 5 });
    expect(mine.body.members).toHaveLength(5);

    const other = await teamActivity();
    const team = await createTeam(members[24]!, other);
    const same = members[25]!;
    const twice = await Promise.all([join(same, team.body.code), join(same, team.body.code)]);
    expect(twice.map((result) => result.status).sort()).toEqual([200, 409]);
    expect((await get(`/api/activities/teams/mine?activityId=${other}`, same.token)).body.size).toBe(2);
    // Nor may a team member sign up individually or start a team of their own.
    expect((await createTeam(same, other, '二队')).status).toBe(409);
  });

  it('refuses an ineligible joiner and an individual sign-up into a team group', async () => {
    const activityId = await teamActivity();
    const team = await createTeam(members[26]!, activityId);
    const refused = await join(outsiders[0]!, team.body.code);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('本活动仅限西湖区总工会所属会员报名');
    const individual = await signUpAs(api, members[27]!, activityId, { groupId: 'teams' });
    expect(individual.status).toBe(409);
    expect(individual.body.error.message).toContain('团队报名');
    const unknown = await join(members[27]!, 'ZZZZZZ');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'code', message: '邀请码无效' }]);
  });

  it('cancels every team still below its minimum at close', async () => {
    const activityId = await teamActivity(1, { min: 3, max: 5 });
    const short = await createTeam(members[28]!, activityId, '人少队');
    const waiting = await createTeam(members[29]!, activityId, '候补队');
    expect(waiting.body.entry.status).toBe('waitlisted');

    const result = await lockClosedTeams(inDays(5.5));
    expect(result.cancelled).toBeGreaterThanOrEqual(2);
    // Both were short of three: the first is cancelled and its place offered to the second,
    // which the same pass then cancels too; what a member reads is each team's state.
    const first = await get(`/api/activities/teams/mine?activityId=${activityId}`, members[28]!.token);
    expect(first.status).toBe(404);
    const entries = await get('/api/activities/entries/mine', members[28]!.token);
    const entry = entries.body.items.find((item: { id: string }) => item.id === short.body.entry.id);
    expect(entry.status).toBe('cancelled');
  });

  it('offers a cancelled short team’s place to the waitlisted team that is full enough', async () => {
    const activityId = await teamActivity(1, { min: 2, max: 5 });
    const short = await createTeam(members[0]!, activityId, '人少队');
    const waiting = await createTeam(members[1]!, activityId, '候补队');
    expect(short.body.entry.status).toBe('confirmed');
    expect(waiting.body.entry.status).toBe('waitlisted');
    expect((await join(members[2]!, waiting.body.code)).status).toBe(200);

    await lockClosedTeams(inDays(5.5));
    const offered = await get(`/api/activities/teams/mine?activityId=${activityId}`, members[1]!.token);
    expect(offered.body).toMatchObject({ status: 'locked', size: 2 });
    expect(offered.body.entry.status).toBe('offered');
  });

  it('shows a joined team in the joiner’s 我的活动 and activity page, without a cancel of the captain’s entry', async () => {
    const activityId = await teamActivity();
    const [captain, joiner] = members.slice(12, 14);
    const created = await createTeam(captain!, activityId, '展示队');
    expect((await join(joiner!, created.body.code)).status).toBe(200);

    const mine = await get('/api/activities/entries/mine', joiner!.token);
    const shown = mine.body.items.find((entry: { activityId: string }) => entry.activityId === activityId);
    expect(shown).toMatchObject({ status: 'confirmed', canCancel: false });
    expect(shown.team).toMatchObject({ name: '展示队', role: 'member', size: 2, code: created.body.code });

    const detail = await get(`/api/activities/${activityId}`, joiner!.token);
    expect(detail.body.myEntry).toMatchObject({ id: created.body.entry.id, team: { role: 'member' } });
    expect(detail.body.signUpProblem).toBe('您已加入本活动的队伍');
    // It is still the captain's entry: the joiner cannot cancel it.
    expect((await post(`/api/activities/entries/${created.body.entry.id}/cancel`, joiner!.token)).status).toBe(404);
  });

  it('dissolves the team when its captain cancels: members are free to join another team', async () => {
    const activityId = await teamActivity();
    const [captain, joiner, other] = members.slice(15, 18);
    const created = await createTeam(captain!, activityId, '解散队');
    expect((await join(joiner!, created.body.code)).status).toBe(200);

    expect((await post(`/api/activities/entries/${created.body.entry.id}/cancel`, captain!.token)).status).toBe(200);
    expect((await get(`/api/activities/teams/mine?activityId=${activityId}`, joiner!.token)).status).toBe(404);
    expect((await join(other!, created.body.code)).status).toBe(409);
    const told = await NotificationModel.find({ accountId: joiner!.accountId, kind: 'activity_status' }).lean();
    expect(told.map((notification) => notification.body)).toContain(
      '队伍「解散队」已解散（队长已取消报名），您可以重新报名或加入其他队伍',
    );

    const next = await createTeam(other!, activityId, '新队');
    const rejoined = await join(joiner!, next.body.code);
    expect(rejoined.status).toBe(200);
    expect(rejoined.body).toMatchObject({ name: '新队', size: 2 });
  });
});
