/** Skill contest data for the contest page tests (judge sheets, results, setup), typed by the contract. */
import type {
  ContestSetupView,
  JudgeContest,
  PublishedResults,
  ResultsPreview,
  RoundProgress,
  RoundScoring,
  ScoreSheet,
} from '@union/shared';

export const CONTEST_ID = '64b7f0c2a1b2c3d4e5f6c0a1';
export const ENTRANT_ID = '64b7f0c2a1b2c3d4e5f6c0b1';
export const JUDGE_ID = '64b7f0c2a1b2c3d4e5f6c0d1';

/** 实操: 操作规范30 / 完成质量40 / 用时20 / 安全10. */
export const RUBRIC: RoundScoring = {
  kind: 'rubric',
  items: [
    { id: 'norms', name: '操作规范', maxPoints: 30, weight: 1 },
    { id: 'quality', name: '完成质量', maxPoints: 40, weight: 1 },
    { id: 'time', name: '用时', maxPoints: 20, weight: 1 },
    { id: 'safety', name: '安全', maxPoints: 10, weight: 1 },
  ],
};

export const SHEET_PATH = `/api/contest-judging/contests/${CONTEST_ID}/entrants/${ENTRANT_ID}/sheet`;

export function judgeRound(overrides: Partial<ScoreSheet['round']> = {}): ScoreSheet['round'] {
  return { id: 'practice', name: '实操', status: 'open', scoring: RUBRIC, assigned: 3, submitted: 0, ...overrides };
}

export function scoreSheet(overrides: Partial<ScoreSheet> = {}): ScoreSheet {
  return {
    activityId: CONTEST_ID,
    round: judgeRound(),
    entrant: {
      entrantId: ENTRANT_ID,
      name: '李娜',
      groupId: 'senior',
      groupName: '高级工组',
      absent: false,
      sheetStatus: 'none',
      total: null,
    },
    status: 'none',
    scores: { items: {}, value: null },
    total: null,
    revision: 0,
    submittedAt: null,
    corrections: [],
    canEdit: true,
    canCorrect: false,
    others: null,
    ...overrides,
  };
}

export function judgeContest(overrides: Partial<JudgeContest> = {}): JudgeContest {
  return {
    activityId: CONTEST_ID,
    title: '西湖区职工焊工技能竞赛',
    orgName: '西湖区总工会',
    judgeName: '吴评委',
    groups: [{ id: 'senior', name: '高级工组' }],
    rounds: [judgeRound({ submitted: 1 })],
    published: false,
    ...overrides,
  };
}

export function publishedResults(overrides: Partial<PublishedResults> = {}): PublishedResults {
  const row = (
    rank: number | null,
    displayName: string,
    award: string | null,
    total: number | null,
    isMine = false,
  ) => ({
    rank,
    displayName,
    isTeam: false,
    award,
    total,
    rounds: [{ roundId: 'practice', score: total, absent: total === null }],
    isMine,
  });
  return {
    activityId: CONTEST_ID,
    title: '西湖区职工焊工技能竞赛',
    published: true,
    publishedAt: '2026-12-04T08:00:00.000Z',
    rounds: [{ id: 'practice', name: '实操', status: 'closed', unit: null }],
    groups: [
      {
        groupId: 'senior',
        groupName: '高级工组',
        rows: [
          row(1, '王*', '一等奖', 92.5),
          row(2, '李*', '二等奖', 88, true),
          row(2, '赵强', '二等奖', 88),
          row(null, '陈*', null, null),
        ],
      },
    ],
    myConsent: { showFullName: false },
    ...overrides,
  };
}

export function setupView(overrides: Partial<ContestSetupView> = {}): ContestSetupView {
  return {
    activityId: CONTEST_ID,
    title: '西湖区职工焊工技能竞赛',
    orgName: '西湖区总工会',
    groups: [
      { id: 'senior', name: '高级工组', team: false, entrants: 4 },
      { id: 'junior', name: '中级工组', team: false, entrants: 3 },
    ],
    setup: null,
    rounds: [],
    scoresSubmitted: false,
    scoresRevision: 0,
    publication: null,
    ...overrides,
  };
}

export function roundProgress(overrides: Partial<RoundProgress> = {}): RoundProgress {
  return {
    roundId: 'practice',
    roundName: '实操',
    status: 'open',
    expected: 4,
    submitted: 3,
    judges: [
      { judgeId: JUDGE_ID, displayName: '吴评委', expected: 2, submitted: 2 },
      { judgeId: '64b7f0c2a1b2c3d4e5f6c0d2', displayName: '郑评委', expected: 2, submitted: 1 },
    ],
    entrants: [
      {
        entrantId: ENTRANT_ID,
        name: '李娜',
        groupId: 'senior',
        groupName: '高级工组',
        absent: false,
        expected: 2,
        submitted: 1,
        missingJudges: ['郑评委'],
      },
      {
        entrantId: '64b7f0c2a1b2c3d4e5f6c0b2',
        name: '王强',
        groupId: 'senior',
        groupName: '高级工组',
        absent: false,
        expected: 2,
        submitted: 2,
        missingJudges: [],
      },
    ],
    ...overrides,
  };
}

export function resultsPreview(overrides: Partial<ResultsPreview> = {}): ResultsPreview {
  return {
    scoresRevision: 7,
    publishable: true,
    blockers: [],
    publication: null,
    rounds: [{ id: 'practice', name: '实操', status: 'closed', unit: null }],
    groups: [
      {
        groupId: 'senior',
        groupName: '高级工组',
        rows: [
          {
            entrantId: ENTRANT_ID,
            name: '李娜',
            rank: 1,
            award: '一等奖',
            total: 90,
            reachedRoundId: 'practice',
            rounds: [
              { roundId: 'practice', score: 90, absent: false, incomplete: false, trimmed: false, advanced: null },
            ],
            judges: [
              {
                roundId: 'practice',
                scores: [
                  { judgeId: JUDGE_ID, judgeName: '吴评委', total: 91, items: {}, corrected: false },
                  { judgeId: '64b7f0c2a1b2c3d4e5f6c0d2', judgeName: '郑评委', total: 89, items: {}, corrected: true },
                ],
              },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}
