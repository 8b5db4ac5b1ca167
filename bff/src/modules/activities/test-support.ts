/**
 * Test world for activities: an org tree, organisers signed in over HTTP, and members written
 * straight to the roster with bound accounts and tokens minted directly (hundreds of them
 * for the races, so not through the login endpoint, which is tested elsewhere).
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { chinaDateOf, type ActivityInputDraft } from '@union/shared';
import type { TestApi } from '../../../test/harness';
import { createStaff, loginStaff, makeIdNumber, type OrgTree } from '../../../test/fixtures';
import { AccountModel } from '../auth/account.model';
import { MemberModel } from '../membership/member.model';

type Org = { _id: Types.ObjectId; path: Types.ObjectId[] };

const DAY_MS = 86_400_000;
export const requestId = (): string => randomUUID();
export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

export interface MemberSession {
  token: string;
  memberId: string;
  accountId: string;
}

let batch = 0;

/** `count` active members of `org`, each bound to a WeChat account, with access tokens. */
export async function memberSessions(
  api: TestApi,
  org: Org,
  count: number,
  person: { birth?: string; gender?: 'male' | 'female'; status?: string; bound?: boolean } = {},
): Promise<MemberSession[]> {
  batch += 1;
  const { cipher, tokens } = api.running.runtime;
  const rows = Array.from({ length: count }, (_, index) => {
    // The 17th digit of an ID number is odd for men, even for women.
    const sequence = String((index % 450) * 2 + (person.gender === 'female' ? 100 : 101)).padStart(3, '0');
    const idNumber = makeIdNumber('330106', person.birth ?? '19850101', sequence);
    const mobile = `139${String(batch).padStart(3, '0')}${String(index).padStart(5, '0')}`;
    return {
      memberId: new Types.ObjectId(),
      accountId: new Types.ObjectId(),
      idNumber: `${idNumber}#${batch}:${index}`,
      sealedIdNumber: idNumber,
      mobile,
    };
  });
  await MemberModel.insertMany(
    rows.map((row, index) => ({
      _id: row.memberId,
      memberNo: `T${String(batch).padStart(4, '0')}${String(index).padStart(6, '0')}`,
      name: `会员${batch}-${index}`,
      idNumberSealed: cipher.encrypt(row.sealedIdNumber),
      // Unique per member, as the roster requires; the number itself is what the audience rules read.
      idNumberIndex: cipher.blindIndex('idNumber', row.idNumber),
      mobileSealed: cipher.encrypt(row.mobile),
      mobileIndex: cipher.blindIndex('mobile', row.mobile),
      occupation: 'employee',
      orgId: org._id,
      orgPath: org.path,
      joinedAt: new Date('2020-05-01T00:00:00Z'),
      status: person.status ?? 'active',
      boundAccountId: person.bound === false ? null : row.accountId,
    })),
  );
  await AccountModel.insertMany(
    rows.map((row) => ({
      _id: row.accountId,
      kind: 'wechat',
      openid: `wx-activity-${randomUUID()}`,
      displayName: '微信用户',
      memberId: row.memberId,
    })),
  );
  const sessions: MemberSession[] = [];
  for (const row of rows) {
    const { accessToken } = await tokens.issue(row.accountId);
    sessions.push({ token: accessToken, memberId: String(row.memberId), accountId: String(row.accountId) });
  }
  return sessions;
}

/** A union office account over `org`, signed in. */
export async function organiser(api: TestApi, org: Org, username: string): Promise<string> {
  await createStaff(username, [{ role: 'union_staff', org: { _id: org._id } }]);
  return loginStaff(api, username);
}

/** A 文体活动 of the 西湖区 with one first-come group, its sign-up open now, a session in a week. */
export function activityInput(orgs: OrgTree, overrides: Partial<ActivityInputDraft> = {}): ActivityInputDraft {
  const sessionDate = chinaDateOf(inDays(7));
  return {
    title: '职工拔河比赛',
    kind: 'sports_culture',
    description: '以企业为单位报名，12支队伍循环赛。',
    orgId: orgs.xihu.id,
    venue: {
      kind: 'place',
      name: '西湖区文体中心',
      address: '杭州市西湖区文二路 1 号',
      location: { lat: 30.28, lng: 120.14 },
    },
    sessions: [{ date: sessionDate, start: '09:00', end: '11:30' }],
    groups: [{ id: 'open', name: '公开组', capacity: 10, allocation: 'first_come' }],
    audience: { occupations: [], gender: null, minAge: null, maxAge: null },
    questions: [],
    signUpOpensAt: inDays(-1).toISOString(),
    signUpClosesAt: inDays(5).toISOString(),
    cancelDeadline: inDays(6).toISOString(),
    offerHoldHours: 12,
    ...overrides,
  };
}

/** Creates and publishes an activity as the organiser; resolves its id. */
export async function publishedActivity(api: TestApi, token: string, input: ActivityInputDraft): Promise<string> {
  const created = await api.request('POST', '/api/staff/activities', { token, body: input });
  if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const published = await api.request('POST', `/api/staff/activities/${created.body.id}/publish`, { token });
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return created.body.id;
}

export const signUpAs = (
  api: TestApi,
  member: MemberSession,
  activityId: string,
  body: { groupId?: string; requestId?: string; answers?: unknown } = {},
) =>
  api.request('POST', `/api/activities/${activityId}/entries`, {
    token: member.token,
    body: { groupId: 'open', requestId: requestId(), ...body },
  });
