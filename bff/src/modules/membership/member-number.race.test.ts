/**
 * Member numbers under contention: parallel allocations, and parallel approvals of different
 * applications, get distinct numbers that are exactly the next ones in the sequence (no number
 * handed out twice, none skipped that nobody took).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { currentSequence } from '../../db/counters';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';
import { MEMBER_NO_PREFIX, nextMemberNo } from './member-number';
import { createReviewers, resetToPending, sameId, submitApplications, type Reviewer } from './race-support';

const APPLICATIONS = 16;
/**
 * Allocations raced at once. The counter is a compare-and-set: each round only one caller
 * wins and the rest read, back off and retry, so a trial's cost grows much faster than this
 * number (measured: 32 ways ~300 ms a trial, 16 ways ~120 ms). db/conformance.test.ts already
 * races the sequence itself 32 ways.
 */
const ALLOCATIONS = 16;

let api: TestApi;
let reviewers: Reviewer[];
let applications: JoinApplicationDoc[];

beforeAll(async () => {
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  reviewers = await createReviewers(api, orgs);
  applications = await submitApplications(api, orgs, APPLICATIONS, 'number-race');
}, 120_000);
afterAll(() => api.stop());

const sequenceOf = (memberNo: string) => {
  if (!new RegExp(`^${MEMBER_NO_PREFIX}\\d{8}$`).test(memberNo)) throw new Error(`malformed member number ${memberNo}`);
  return Number(memberNo.slice(MEMBER_NO_PREFIX.length));
};
/** Null when `numbers` are exactly last+1 … last+count, each once; otherwise what is wrong. */
function notTheNext(numbers: number[], last: number, count: number): string | null {
  const sorted = numbers.slice().sort((a, b) => a - b);
  const expected = Array.from({ length: count }, (_, index) => last + index + 1);
  return JSON.stringify(sorted) === JSON.stringify(expected) ? null : `got ${sorted.join(',')} after ${last}`;
}

describe('member numbers under contention', () => {
  it(
    `hands ${ALLOCATIONS} parallel allocations ${ALLOCATIONS} distinct numbers, exactly the next ${ALLOCATIONS} of the sequence (200 trials)`,
    async () => {
      let last = 0;
      const report = await race<string>({
        trials: 200,
        parallel: ALLOCATIONS,
        reset: async () => void (last = await currentSequence('memberNo')),
        attempt: () => nextMemberNo(),
        check: async (results) => {
          const failed = results.filter((result) => result instanceof RaceError).length;
          if (failed) return `${failed} allocations failed`;
          const problem = notTheNext((results as string[]).map(sequenceOf), last, ALLOCATIONS);
          if (problem) return problem;
          const now = await currentSequence('memberNo');
          return now === last + ALLOCATIONS ? null : `counter moved from ${last} to ${now}`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );

  it(
    `gives ${APPLICATIONS} applications approved in parallel by four reviewers ${APPLICATIONS} distinct numbers, exactly the next ones, each its member's (100 trials)`,
    async () => {
      let last = 0;
      const report = await race<ApiResponse>({
        trials: 100,
        parallel: APPLICATIONS,
        reset: async () => {
          await resetToPending(applications);
          last = await currentSequence('memberNo');
        },
        attempt: (contender) =>
          api.request('POST', `/api/staff/join-applications/${String(applications[contender]!._id)}/approve`, {
            token: reviewers[contender % reviewers.length]!.token,
          }),
        check: async (results) => {
          const statuses = results.map((result) => (result instanceof RaceError ? 'error' : result.status));
          if (statuses.some((status) => status !== 200)) return `answers ${JSON.stringify(tally(statuses, String))}`;
          const answers = (results as ApiResponse[]).map((result) => result.body.memberNo as string);
          const problem = notTheNext(answers.map(sequenceOf), last, APPLICATIONS);
          if (problem) return problem;
          const now = await currentSequence('memberNo');
          if (now !== last + APPLICATIONS) return `counter moved from ${last} to ${now}`;
          const ids = applications.map((application) => application._id);
          const [stored, members] = await Promise.all([
            JoinApplicationModel.find({ _id: { $in: ids } }, { memberNo: 1 }).lean(),
            MemberModel.find({ _id: { $in: ids } }, { memberNo: 1 }).lean(),
          ]);
          if (members.length !== APPLICATIONS) return `${members.length} members created`;
          const mismatched = applications.filter((application, index) => {
            const mine = (list: { _id: unknown; memberNo?: string | null }[]) =>
              list.find((entry) => sameId(entry._id, application._id))?.memberNo;
            return mine(stored) !== answers[index] || mine(members) !== answers[index];
          });
          return mismatched.length === 0 ? null : `${mismatched.length} members hold another number than approved`;
        },
      });
      expect(report.violations).toEqual([]);
    },
    RACE_TIMEOUT_MS,
  );
});
