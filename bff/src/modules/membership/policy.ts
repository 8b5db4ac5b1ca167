/**
 * Who may do what with members and join applications, and the scope of join review. A member
 * or an application out of the caller's reach reads exactly like a missing one, so ids cannot
 * be probed.
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { ForbiddenError, NotFoundError, type HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { JoinApplicationDoc } from './join-application.model';
import type { MemberDoc } from './member.model';

const isTheMember = (actor: Actor, member: Pick<MemberDoc, '_id'>) => actor.memberId === String(member._id);
const isApplicant = (actor: Actor, application: Pick<JoinApplicationDoc, 'accountId'>) =>
  actor.accountId === String(application.accountId);

const rules = {
  /** The member themselves, or union office staff whose subtree holds the member's organisation. */
  readMember: (actor: Actor, member: Pick<MemberDoc, '_id' | 'orgPath'>) =>
    isTheMember(actor, member) || holdsRoleOver(actor, UNION_OFFICE_ROLES, member.orgPath),
  /** Unmasked personal data is for the person themselves only. */
  seeMemberUnmasked: isTheMember,
  seeApplicationUnmasked: isApplicant,
  /** Follow or withdraw an application: the account that submitted it. */
  actAsApplicant: isApplicant,
  /** Join review: union office staff whose subtree holds the application's organisation. */
  reviewApplication: (actor: Actor, application: Pick<JoinApplicationDoc, 'orgPath'>) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath),
};

export const memberNotFound = () => NotFoundError('会员不存在');
export const applicationNotFound = () => NotFoundError('入会申请不存在');

const refusals: Record<keyof typeof rules, () => HttpError> = {
  readMember: memberNotFound,
  seeMemberUnmasked: memberNotFound,
  seeApplicationUnmasked: applicationNotFound,
  actAsApplicant: applicationNotFound,
  reviewApplication: applicationNotFound,
};

export const membershipPolicy = definePolicy(rules, (action) => refusals[action]());

/** Filter for the join applications in the subtrees where the actor reviews (union office grants). */
export function reviewableApplications(actor: Actor): { orgPath: { $in: Types.ObjectId[] } } {
  const scope = scopeOrgIds(actor, UNION_OFFICE_ROLES);
  if (scope.length === 0) throw ForbiddenError('只有工会工作人员可以审核入会申请');
  return { orgPath: { $in: scope.map((id) => new Types.ObjectId(id)) } };
}
