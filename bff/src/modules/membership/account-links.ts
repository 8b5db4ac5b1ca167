/** Membership's part of what `/api/me` shows of an account (see auth/account-links.ts). */
import type { AccountLinks } from '../auth/account-links';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel, type MemberDoc } from './member.model';

export const membershipAccountLinks: Pick<AccountLinks, 'member' | 'latestJoinApplication'> = {
  member: (memberId) => MemberModel.findById(memberId).lean<MemberDoc>().exec(),
  latestJoinApplication: (accountId) =>
    JoinApplicationModel.findOne({ accountId }).sort({ submittedAt: -1 }).lean<JoinApplicationDoc>().exec(),
};
