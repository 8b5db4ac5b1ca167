/**
 * Review decisions cut off from the database at every step (see every-step.ts). Approving a
 * join application: the member exists once, bound to the applicant's account, once the
 * reviewer's retry and the approval repair (`completeInterruptedApprovals`, every minute and at
 * start-up) have run.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import './provided-context';
import { atEveryStep, startDatabaseCut, type DatabaseCut } from './every-step';
import { createOrgTree, loginWechat, makeIdNumber, type OrgTree } from './fixtures';
import { startTestApi, type TestApi } from './harness';
import { AccountModel } from '../src/modules/auth/account.model';
import { JoinApplicationModel, type JoinApplicationDoc } from '../src/modules/membership/join-application.model';
import { completeInterruptedApprovals } from '../src/modules/membership/join-review.service';
import { MemberModel } from '../src/modules/membership/member.model';
import { createReviewers, type Reviewer } from '../src/modules/membership/race-support';

let cut: DatabaseCut;
let api: TestApi;
let orgs: OrgTree;
let reviewer: Reviewer;

beforeAll(async () => {
  cut = await startDatabaseCut(inject('mongoUri'));
  api = await startTestApi({ MONGODB_URI: cut.uri, MONGODB_TIMEOUT_MS: '1000', RATE_LIMIT_SCALE: '1000' });
  orgs = await createOrgTree();
  reviewer = (await createReviewers(api, orgs))[0]!;
}, 60_000);
afterAll(async () => {
  cut.restore();
  await api?.stop();
  await cut?.stop();
});

describe('a review decision cut off from the database at every step', () => {
  it('approving a join application: one member, bound to the applicant, once repaired', async () => {
    let trial = 0;
    const approve = (application: JoinApplicationDoc) =>
      api.request('POST', `/api/staff/join-applications/${String(application._id)}/approve`, {
        token: reviewer.token,
      });
    await atEveryStep(cut, api, {
      async prepare() {
        trial += 1;
        const { token } = await loginWechat(api, `wx-cut-join-${trial}`);
        const submitted = await api.request('POST', '/api/join-applications', {
          token,
          body: {
            orgId: orgs.xihuTech.id,
            name: '王小骑',
            idNumber: makeIdNumber('330106', '19960815', String(100 + trial)),
            mobile: `1390001${String(1000 + trial)}`,
            occupation: 'rider',
            employer: '美团外卖西湖站',
            agreeToCharter: true,
          },
        });
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
        return (await JoinApplicationModel.findById(submitted.body.id).lean<JoinApplicationDoc>())!;
      },
      act: approve,
      async repair(application) {
        const retried = await approve(application);
        expect([200, 409], JSON.stringify(retried.body)).toContain(retried.status);
        // What the approval repair job (and an instance starting up) runs.
        await completeInterruptedApprovals(new Date(Date.now() - 60_000));
      },
      async check(application) {
        const stored = (await JoinApplicationModel.findById(application._id).lean<JoinApplicationDoc>())!;
        expect(stored.status).toBe('approved');
        const members = await MemberModel.find({ idNumberIndex: application.idNumberIndex }).lean();
        expect(members.map((member) => String(member._id))).toEqual([String(stored.memberId)]);
        expect(String(members[0]!.boundAccountId)).toBe(String(application.accountId));
        const account = await AccountModel.findById(application.accountId).lean();
        expect(String(account!.memberId)).toBe(String(stored.memberId));
      },
    });
  }, 240_000);
});
