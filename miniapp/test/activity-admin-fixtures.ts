/** An activity as the organiser pages read it, and one staff-side entry. */
import type { ActivityDetail } from '@union/shared';
import { DISTRICT_ORG } from './staff-fixtures';

export const ACTIVITY_ID = '64b7f0c2a1b2c3d4e5f6a001';
export const ENTRY_ID = '64b7f0c2a1b2c3d4e5f6e001';

type Group = ActivityDetail['groups'][number];

export function activityGroup(overrides: Partial<Group> = {}): Group {
  return {
    id: 'singles',
    name: '男子单打',
    capacity: 32,
    allocation: 'first_come',
    allocationLabel: '先到先得',
    placesLeft: 10,
    waitlistLength: 0,
    team: null,
    ...overrides,
  };
}

export function staffActivity(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    id: ACTIVITY_ID,
    title: '职工羽毛球赛',
    kind: 'sports_culture',
    kindLabel: '文体活动',
    status: 'published',
    orgName: DISTRICT_ORG.name,
    venueName: '区体育馆',
    firstSessionStartsAt: '2026-12-20T01:00:00.000Z',
    signUpOpensAt: '2026-12-01T01:00:00.000Z',
    signUpClosesAt: '2026-12-10T10:00:00.000Z',
    signUpState: 'open',
    placesLeft: 10,
    allocationState: 'places',
    memberPaysFen: 0,
    posterUrl: null,
    description: '',
    orgId: DISTRICT_ORG.id,
    venue: { kind: 'place', name: '区体育馆', address: '西湖区文三路 100 号', location: { lat: 30.28, lng: 120.14 } },
    sessions: [
      {
        date: '2026-12-20',
        start: '09:00',
        end: '11:00',
        startsAt: '2026-12-20T01:00:00.000Z',
        endsAt: '2026-12-20T03:00:00.000Z',
      },
    ],
    groups: [activityGroup()],
    audience: {
      orgId: DISTRICT_ORG.id,
      orgName: DISTRICT_ORG.name,
      occupations: [],
      gender: null,
      minAge: null,
      maxAge: null,
      hardshipFamiliesOnly: false,
    },
    questions: [],
    cancelDeadline: '2026-12-12T10:00:00.000Z',
    offerHoldHours: 12,
    fee: { priceFen: 0, subsidyFen: 0, memberPaysFen: 0 },
    requiredSessions: null,
    lotteryWeights: { newEmploymentForm: 1, firstTime: 1, repeatedNoShow: 1, repeatedNoShowAfter: 2 },
    myEntry: null,
    signUpProblem: null,
    ...overrides,
  };
}

export function staffEntry(overrides: Record<string, unknown> = {}) {
  return {
    id: ENTRY_ID,
    activityId: ACTIVITY_ID,
    activityTitle: '职工羽毛球赛',
    groupId: 'singles',
    groupName: '男子单打',
    status: 'pending_review',
    statusText: '待审核',
    waitlistPosition: null,
    offeredUntil: null,
    answers: {},
    createdAt: '2026-12-02T02:00:00.000Z',
    memberName: '张*',
    memberNo: 'M0001',
    rejectReason: null,
    onBehalf: false,
    ...overrides,
  };
}
