/**
 * Deciding a join application under contention, raced many times over at HTTP level: whatever
 * mix of approvals and rejections several reviewers fire at one pending application at once,
 * exactly one decision applies, and an approval creates exactly one member.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgTree } from '../../../test/fixtures';
import { startTestApi, type ApiResponse, type TestApi } from '../../../test/harness';
import { race, RaceError, tally, RACE_TIMEOUT_MS } from '../../../test/race';
import { AccountModel } from '../auth/account.model';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';
import { createReviewers, resetToPending, sameId, submitApplications, type Reviewer } from './race-support';

const TRIALS = 200;
const PARALLEL = 16;

let api: TestApi;
let reviewers: Reviewer[];
let application: JoinApplicationDoc;

beforeAll(async () => {
  // Reviewers fire thousands of decisions: rate limits are not under test here.
  api = await startTestApi({ RATE_LIMIT_SCALE: '1000' });
  const orgs = await createOrgTree();
  reviewers = await createReviewers(api, orgs);
  application = (await submitApplications(api, orgs, 1, 'join-race'))[0]!;
});
afterAll(() => api.stop());

type Result = ApiResponse | RaceError;
const status = (result: Result) => (result instanceof RaceError ? 'error' : result.status);
const code = (result: Result) =>
  result instanceof RaceError ? 'error' : (result.body?.error?.code ?? String(result.status));

describe('deciding one application under contention', () => {
  it(
    `lets exactly one of ${PARALLEL} parallel decisions by four reviewers (approvals against approvals, and against rejections) apply, refuses the rest with 409, and creates exactly one member when it is an approval (${TRIALS} trials)`,
    async () => {
      const path = `/api/staff/join-applications/${String(application._id)}`;
      // Odd trials: every reviewer approves. Even trials: half approve, half reject, and each
      // rejection leaves up to 60 ms late (approving takes a member number first, so rejections
      // sent at the same instant nearly always reach the decision first).
      const approves = (contender: number, trial: number) => trial % 2 === 1 || (contender + trial / 2) % 2 === 0;
      const reviewerOf = (contender: number) => reviewers[contender % reviewers.length]!;
      const reasonOf = (contender: number) => `第${contender}位审核人驳回`;
      const outcomes = { approved: 0, rejected: 0, approvedAgainstRejections: 0 };

      const report = await race<ApiResponse>({
        trials: TRIALS,
        parallel: PARALLEL,
        reset: () => resetToPending([application]),
        attempt: (contender, trial) =>
          approves(contender, trial)
            ? api.request('POST', `${path}/approve`, { token: reviewerOf(contender).token })
            : sleep(Math.random() * 60).then(() =>
                api.request('POST', `${path}/reject`, {
                  token: reviewerOf(contender).token,
                  body: { reason: reasonOf(contender) },
                }),
              ),
        check: async (results, trial) => {
          const answers = JSON.stringify(tally(results, code));
          const winners = results.flatMap((result, contender) => (status(result) === 200 ? [contender] : []));
          if (winners.length !== 1) return `${winners.length} decisions applied: ${answers}`;
          const refused = results.filter((result) => code(result) === 'application_already_decided').length;
          if (refused !== PARALLEL - 1) return `answers ${answers}`;

          const winner = winners[0]!;
          const answer = (results[winner] as ApiResponse).body;
          const expected = approves(winner, trial) ? 'approved' : 'rejected';
          const [stored, members, account] = await Promise.all([
            JoinApplicationModel.findById(application._id).lean<JoinApplicationDoc>(),
            MemberModel.find({ idNumberIndex: application.idNumberIndex }).lean(),
            AccountModel.findById(application.accountId, { memberId: 1 }).lean(),
          ]);
          if (answer.status !== expected) return `the winner asked for ${expected} but was told ${answer.status}`;
          if (stored!.status !== expected) return `stored ${stored!.status}, the winner decided ${expected}`;
          if (!sameId(stored!.decidedBy, reviewerOf(winner).accountId)) return 'stored as decided by someone else';
          outcomes[expected] += 1;
          if (expected === 'approved' && trial % 2 === 0) outcomes.approvedAgainstRejections += 1;
          if (expected === 'rejected') {
            if (stored!.rejectReason !== reasonOf(winner)) return `stored reason "${stored!.rejectReason}"`;
            if (members.length !== 0 || account!.memberId) return `rejected, yet ${members.length} members created`;
            return stored!.memberNo === null ? null : `rejected, yet numbered ${stored!.memberNo}`;
          }
          if (members.length !== 1) return `approved, and ${members.length} members created`;
          const member = members[0]!;
          if (!sameId(member._id, application._id)) return 'the member is not the one the application names';
          if (member.memberNo !== stored!.memberNo || member.memberNo !== answer.memberNo) {
            return `member number ${member.memberNo}, application ${stored!.memberNo}, answer ${answer.memberNo}`;
          }
          if (!sameId(member.boundAccountId, application.accountId) || !sameId(account!.memberId, member._id)) {
            return 'the applicant is not bound to the new member';
          }
          return null;
        },
      });
      expect(report.violations).toEqual([]);
      // Both kinds of decision won against the other, not only one kind every time.
      expect(outcomes.rejected).toBeGreaterThan(0);
      expect(outcomes.approvedAgainstRejections).toBeGreaterThan(0);
    },
    RACE_TIMEOUT_MS,
  );
});
