/**
 * Test world for contests: a 西湖区 skill contest with two groups (A组, B组) of three confirmed
 * entrants each, its setup (理论 plain → top 2 per group advance; 实操 rubric, trimmed mean),
 * two district organisers (西湖 runs it, 滨江 must not see it) and helpers to bind judges and
 * score over HTTP as the phones would.
 */
import { randomUUID } from 'node:crypto';
import type { ContestSetupDraft } from '@union/shared';
import { createOrgTree, loginWechat, type OrgTree } from '../../../test/fixtures';
import { startTestApi } from '../../../test/harness';
import {
  activityInput,
  memberSessions,
  organiser,
  publishedActivity,
  signUpAs,
  type MemberSession,
} from '../activities/test-support';

export const requestId = (): string => randomUUID();

export const RUBRIC = [
  { id: 'norm', name: '操作规范', maxPoints: 30, weight: 1 },
  { id: 'quality', name: '完成质量', maxPoints: 40, weight: 1 },
  { id: 'time', name: '用时', maxPoints: 20, weight: 1 },
  { id: 'safety', name: '安全', maxPoints: 10, weight: 1 },
];

export function contestSetup(overrides: Partial<ContestSetupDraft> = {}): ContestSetupDraft {
  return {
    rounds: [
      {
        id: 'theory',
        name: '理论',
        scoring: { kind: 'plain', maxPoints: 100 },
        weight: 40,
        advancement: { mode: 'top_k', k: 2 },
      },
      {
        id: 'practice',
        name: '实操',
        scoring: { kind: 'rubric', items: RUBRIC },
        aggregation: { method: 'trimmed_mean', trimWhenAtLeast: 3 },
        weight: 60,
      },
    ],
    ranking: { basis: 'weighted_total', tieBreak: [{ by: 'item', roundId: 'practice', itemId: 'quality' }] },
    awards: [
      {
        groupId: 'a',
        tiers: [
          { name: '一等奖', count: 1 },
          { name: '二等奖', count: 1 },
        ],
      },
      { groupId: 'b', tiers: [{ name: '一等奖', count: 1 }] },
    ],
    ...overrides,
  };
}

export interface Entrant {
  id: string;
  group: 'a' | 'b';
  member: MemberSession;
}

export interface JudgeSession {
  token: string;
  judgeId: string;
}

let judgeCount = 0;

export async function startContestWorld(options: { setup?: ContestSetupDraft | null; title?: string } = {}) {
  const api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs: OrgTree = await createOrgTree();
  const staff = await organiser(api, orgs.xihu, `xihu-contest-${randomUUID().slice(0, 8)}`);
  const otherDistrict = await organiser(api, orgs.binjiang, `binjiang-contest-${randomUUID().slice(0, 8)}`);
  const members = await memberSessions(api, orgs.xihuTech, 8);

  async function newContest(
    title = options.title ?? '西湖区职工焊工技能竞赛',
    setup: ContestSetupDraft | null = contestSetup(),
  ) {
    const activityId = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        title,
        kind: 'skill_contest',
        groups: [
          { id: 'a', name: 'A组', capacity: 10, allocation: 'first_come' },
          { id: 'b', name: 'B组', capacity: 10, allocation: 'first_come' },
        ],
      }),
    );
    const entrants: Entrant[] = [];
    for (const [index, member] of members.slice(0, 6).entries()) {
      const group = index < 3 ? 'a' : 'b';
      const entry = await signUpAs(api, member, activityId, { groupId: group });
      if (entry.status !== 200 || entry.body.status !== 'confirmed')
        throw new Error(`sign-up failed: ${JSON.stringify(entry.body)}`);
      entrants.push({ id: entry.body.id, group, member });
    }
    if (setup) {
      const saved = await api.request('PUT', `/api/staff/contests/${activityId}/setup`, { token: staff, body: setup });
      if (saved.status !== 200) throw new Error(`setup failed: ${JSON.stringify(saved.body)}`);
    }
    return { activityId, entrants };
  }

  /** A contest of one team group: 焊花一队 (members 0 and 1) and 焊花二队 (members 2 and 3), each team one entrant. */
  async function newTeamContest(title: string, setup: ContestSetupDraft) {
    const activityId = await publishedActivity(
      api,
      staff,
      activityInput(orgs, {
        title,
        kind: 'skill_contest',
        groups: [{ id: 'teams', name: '团体组', capacity: 10, allocation: 'first_come', team: { min: 2, max: 4 } }],
      }),
    );
    for (const [captain, mate, name] of [
      [members[0]!, members[1]!, '焊花一队'],
      [members[2]!, members[3]!, '焊花二队'],
    ] as const) {
      const team = await api.request('POST', `/api/activities/${activityId}/teams`, {
        token: captain.token,
        body: { groupId: 'teams', name, requestId: requestId() },
      });
      if (team.status !== 200) throw new Error(`team failed: ${JSON.stringify(team.body)}`);
      const joined = await api.request('POST', '/api/activities/teams/join', {
        token: mate.token,
        body: { code: team.body.code, requestId: requestId() },
      });
      if (joined.status !== 200) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
    }
    const saved = await api.request('PUT', `/api/staff/contests/${activityId}/setup`, { token: staff, body: setup });
    if (saved.status !== 200) throw new Error(`setup failed: ${JSON.stringify(saved.body)}`);
    return { activityId };
  }

  const first = await newContest(undefined, options.setup === undefined ? contestSetup() : options.setup);

  /** A WeChat user bound as judge of `groupIds` (and `roundIds`) through an invitation code. */
  async function judge(
    activityId: string,
    groupIds: string[],
    roundIds: string[] = [],
    name?: string,
  ): Promise<JudgeSession> {
    judgeCount += 1;
    const invitation = await api.request('POST', `/api/staff/contests/${activityId}/judge-invitations`, {
      token: staff,
      body: { groupIds, roundIds },
    });
    if (invitation.status !== 200) throw new Error(`invitation failed: ${JSON.stringify(invitation.body)}`);
    const { token } = await loginWechat(api, `wx-judge-${judgeCount}-${randomUUID()}`);
    const bound = await api.request('POST', '/api/contest-judging/bind', {
      token,
      body: { code: invitation.body.code, displayName: name ?? `评委${judgeCount}号` },
    });
    if (bound.status !== 200) throw new Error(`bind failed: ${JSON.stringify(bound.body)}`);
    const judges = await api.request('GET', `/api/staff/contests/${activityId}/judges`, { token: staff });
    const mine = judges.body.items.find(
      (item: { displayName: string }) => item.displayName === (name ?? `评委${judgeCount}号`),
    );
    return { token, judgeId: mine.id };
  }

  const sheetPath = (activityId: string, entrantId: string) =>
    `/api/contest-judging/contests/${activityId}/entrants/${entrantId}/sheet`;

  const readSheet = (judgeToken: string, activityId: string, roundId: string, entrantId: string) =>
    api.request('GET', `${sheetPath(activityId, entrantId)}?roundId=${roundId}`, { token: judgeToken });

  const saveSheet = (
    judgeToken: string,
    activityId: string,
    roundId: string,
    entrantId: string,
    body: Record<string, unknown>,
  ) =>
    api.request('PUT', sheetPath(activityId, entrantId), {
      token: judgeToken,
      body: { roundId, revision: 0, ...body },
    });

  const submitSheet = (
    judgeToken: string,
    activityId: string,
    roundId: string,
    entrantId: string,
    body: Record<string, unknown>,
  ) =>
    api.request('POST', `${sheetPath(activityId, entrantId)}/submit`, {
      token: judgeToken,
      body: { roundId, revision: 0, requestId: requestId(), ...body },
    });

  const correctSheet = (
    judgeToken: string,
    activityId: string,
    roundId: string,
    entrantId: string,
    body: Record<string, unknown>,
  ) =>
    api.request('POST', `${sheetPath(activityId, entrantId)}/correct`, {
      token: judgeToken,
      body: { roundId, requestId: requestId(), ...body },
    });

  /** Submits a fresh sheet and fails loudly if refused. */
  async function score(
    judgeToken: string,
    activityId: string,
    roundId: string,
    entrantId: string,
    scores: { value?: number; items?: Record<string, number> },
  ) {
    const submitted = await submitSheet(judgeToken, activityId, roundId, entrantId, scores);
    if (submitted.status !== 200) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
    return submitted.body;
  }

  const staffGet = (path: string, token = staff) => api.request('GET', path, { token });
  const staffPost = (path: string, body: unknown, token = staff) => api.request('POST', path, { token, body });

  const closeRound = (activityId: string, roundId: string) =>
    staffPost(`/api/staff/contests/${activityId}/close-round`, { roundId });

  /** Previews, then publishes at the previewed revision. */
  async function publish(activityId: string) {
    const preview = await staffGet(`/api/staff/contests/${activityId}/results/preview`);
    return staffPost(`/api/staff/contests/${activityId}/results/publish`, {
      scoresRevision: preview.body.scoresRevision,
    });
  }

  return {
    api,
    orgs,
    staff,
    otherDistrict,
    members,
    /** Members 6 and 7: signed up to nothing. */
    outsiders: members.slice(6),
    activityId: first.activityId,
    entrants: first.entrants,
    newContest,
    newTeamContest,
    judge,
    readSheet,
    saveSheet,
    submitSheet,
    correctSheet,
    score,
    staffGet,
    staffPost,
    closeRound,
    publish,
    stop: () => api.stop(),
  };
}

export type ContestWorld = Awaited<ReturnType<typeof startContestWorld>>;

export const rubric = (norm: number, quality: number, time: number, safety: number) => ({
  items: { norm, quality, time, safety },
});
