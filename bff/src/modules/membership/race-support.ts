/** Shared set-up for the membership race tests: reviewers, applicants, and putting applications back. */
import { createStaff, loginStaff, loginWechat, makeIdNumber, type OrgTree } from '../../../test/fixtures';
import type { TestApi } from '../../../test/harness';
import { AccountModel } from '../auth/account.model';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';

export interface Reviewer {
  accountId: string;
  token: string;
}

/** Union staff able to review applications to 杭州西溪科技有限公司工会, from four levels of the tree. */
export async function createReviewers(api: TestApi, orgs: OrgTree): Promise<Reviewer[]> {
  const grants = [
    { username: 'race_xixi', role: 'union_staff', org: orgs.xixi },
    { username: 'race_xihu', role: 'union_staff', org: orgs.xihu },
    { username: 'race_city_admin', role: 'union_admin', org: orgs.city },
    { username: 'race_city_staff', role: 'union_staff', org: orgs.city },
  ] as const;
  const reviewers: Reviewer[] = [];
  for (const { username, role, org } of grants) {
    await createStaff(username, [{ role, org }]);
    const account = await AccountModel.findOne({ username }).lean();
    reviewers.push({ accountId: String(account!._id), token: await loginStaff(api, username) });
  }
  return reviewers;
}

/** `count` applicants, each with one pending application submitted over HTTP. */
const DIGITS = '零一二三四五六七八九';
/** 申请人 followed by the number in Chinese digits: names may hold only letters. */
const nameOf = (index: number) => `申请人${[...String(index)].map((digit) => DIGITS[Number(digit)]).join('')}号`;

export async function submitApplications(api: TestApi, orgs: OrgTree, count: number, tag: string) {
  const applications: JoinApplicationDoc[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await loginWechat(api, `wx-${tag}-${i}`);
    const response = await api.request('POST', '/api/join-applications', {
      token,
      body: {
        orgId: orgs.xihuTech.id,
        name: nameOf(i),
        idNumber: makeIdNumber('330106', '19960815', String(100 + i)),
        mobile: `1390000${String(1000 + i)}`,
        occupation: 'rider',
        employer: '美团外卖西湖站',
        agreeToCharter: true,
      },
    });
    if (response.status !== 200) throw new Error(`application failed: ${JSON.stringify(response.body)}`);
    applications.push((await JoinApplicationModel.findById(response.body.id).lean<JoinApplicationDoc>())!);
  }
  return applications;
}

/**
 * Puts applications back to pending, as submitted: the decision undone, the member an approval
 * created removed, and the applicant's account unbound again.
 */
export async function resetToPending(applications: JoinApplicationDoc[]) {
  const ids = applications.map((application) => application._id);
  await Promise.all([
    MemberModel.deleteMany({ _id: { $in: ids } }),
    AccountModel.updateMany(
      { _id: { $in: applications.map((application) => application.accountId) } },
      { $unset: { memberId: 1 } },
    ),
    ...applications.map((application) =>
      JoinApplicationModel.updateOne(
        { _id: application._id },
        {
          $set: {
            status: 'pending',
            decidedAt: null,
            decidedBy: null,
            rejectReason: null,
            memberId: null,
            memberNo: null,
            openIdNumberIndex: application.idNumberIndex,
            openAccountId: application.accountId,
          },
        },
      ),
    ),
  ]);
}

export const sameId = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);
