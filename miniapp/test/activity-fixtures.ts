/** Member-side activity data for tests (detail, 我的活动 entries, teams), typed by the contract. */
import type { ActivityDetail, ActivityEntry } from '@union/shared';
import type { Team } from '../src/services/activities';

export const ACTIVITY_ID = '64b7f0c2a1b2c3d4e5f6a001';
export const ENTRY_ID = '64b7f0c2a1b2c3d4e5f6b001';
export const ORG_ID = '64b7f0c2a1b2c3d4e5f60001';

export function summary(overrides: Partial<ActivityDetail> = {}) {
  return {
    id: ACTIVITY_ID,
    title: '职工羽毛球赛',
    kind: 'sports' as const,
    kindLabel: '文体活动',
    status: 'published' as const,
    orgName: '市总工会',
    venueName: '市体育馆',
    firstSessionStartsAt: '2026-12-12T01:00:00.000Z',
    signUpOpensAt: '2026-11-01T00:00:00.000Z',
    signUpClosesAt: '2026-12-10T00:00:00.000Z',
    signUpState: 'open' as const,
    placesLeft: 5,
    allocationState: 'places' as const,
    memberPaysFen: 3000,
    posterUrl: null,
    ...overrides,
  };
}

export function detail(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    ...summary(),
    description: '',
    orgId: ORG_ID,
    venue: { kind: 'place', name: '市体育馆', address: '体育路1号', location: { lat: 30.27, lng: 120.13 } },
    sessions: [
      {
        date: '2026-12-12',
        start: '09:00',
        end: '11:00',
        startsAt: '2026-12-12T01:00:00.000Z',
        endsAt: '2026-12-12T03:00:00.000Z',
      },
    ],
    groups: [
      {
        id: 'men',
        name: '男子单打',
        capacity: 16,
        allocation: 'first_come',
        allocationLabel: '先到先得',
        placesLeft: 5,
        waitlistLength: 2,
        team: null,
      },
    ],
    audience: {
      orgId: ORG_ID,
      orgName: '市总工会',
      occupations: [],
      gender: null,
      minAge: null,
      maxAge: null,
      hardshipFamiliesOnly: false,
    },
    questions: [
      { id: 'size', title: '衣服尺码', required: true, type: 'single_choice', options: ['M', 'L'] },
      { id: 'note', title: '备注', required: false, type: 'short_text', maxLength: 20 },
    ],
    cancelDeadline: '2026-12-09T00:00:00.000Z',
    offerHoldHours: 12,
    fee: { priceFen: 5000, subsidyFen: 2000, memberPaysFen: 3000 },
    requiredSessions: null,
    lotteryWeights: { newEmploymentForm: 1, firstTime: 1, repeatedNoShow: 1, repeatedNoShowAfter: 2 },
    myEntry: null,
    signUpProblem: null,
    ...overrides,
  } as ActivityDetail;
}

export function entry(overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id: ENTRY_ID,
    activityId: ACTIVITY_ID,
    activityTitle: '职工羽毛球赛',
    groupId: 'men',
    groupName: '男子单打',
    status: 'confirmed',
    statusText: '已报名',
    waitlistPosition: null,
    offeredUntil: null,
    answers: {},
    createdAt: '2026-11-02T02:00:00.000Z',
    canCancel: true,
    ...overrides,
  };
}

export const TEAM_ID = '64b7f0c2a1b2c3d4e5f6d001';

/** A team group: its place is one team's, of 3 to 5 members. */
export function teamGroup(): ActivityDetail['groups'][number] {
  return {
    id: 'relay',
    name: '接力团体赛',
    capacity: 8,
    allocation: 'first_come',
    allocationLabel: '先到先得',
    placesLeft: 3,
    waitlistLength: 0,
    team: { min: 3, max: 5 },
  };
}

export function team(overrides: Partial<Team> = {}): Team {
  return {
    id: TEAM_ID,
    activityId: ACTIVITY_ID,
    groupId: 'relay',
    name: '飞鹰队',
    code: 'K7M2QX',
    role: 'captain',
    members: [{ memberId: '64b7f0c2a1b2c3d4e5f60718', name: '张*', captain: true }],
    size: 1,
    min: 3,
    max: 5,
    status: 'open',
    locked: false,
    entry: null,
    ...overrides,
  };
}
