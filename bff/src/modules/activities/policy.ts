/**
 * Who may do what with activities: organisers run the activities of their org subtree, members
 * see published ones and act on their own entries. What is out of reach reads as missing.
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { ForbiddenError, NotFoundError, ValidationError, type HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { ActivityDoc } from './activity.model';
import type { EntryDoc } from './entry.model';

type OrgLike = { path: readonly { toString(): string }[] };

const rules = {
  /** Create an activity hosted by (or aimed at) this organisation: office staff above it. */
  organiseAt: (actor: Actor, org: OrgLike) => holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  /** Edit, publish, pause, cancel, read the sign-up list: office staff above the host. */
  manage: (actor: Actor, activity: Pick<ActivityDoc, 'orgPath'>) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, activity.orgPath),
  /** Sign a member up on their behalf (代报名): office staff above the member's organisation. */
  actForMember: (actor: Actor, member: { orgPath: readonly { toString(): string }[] }) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, member.orgPath),
  /** A draft is its organisers' alone. */
  viewAsMember: (_actor: Actor, activity: Pick<ActivityDoc, 'status'>) => activity.status !== 'draft',
  /** Cancel or confirm an entry: the member who made it. */
  actAsEntrant: (actor: Actor, entry: Pick<EntryDoc, 'memberId'>) =>
    actor.memberId !== null && actor.memberId === String(entry.memberId),
};

const refusals: Record<keyof typeof rules, () => HttpError> = {
  organiseAt: () => ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]),
  manage: () => NotFoundError('活动不存在'),
  // The same answer as a wrong name + ID number pair (on-behalf.service.ts), so a pair cannot
  // be probed to learn that someone outside the caller's subtree is a member.
  actForMember: () =>
    ValidationError([
      { path: 'name', message: '姓名与身份证号不匹配' },
      { path: 'idNumber', message: '姓名与身份证号不匹配' },
    ]),
  viewAsMember: () => NotFoundError('活动不存在'),
  actAsEntrant: () => NotFoundError('报名记录不存在'),
};

export const activityPolicy = definePolicy(rules, (action) => refusals[action]());

/** The organisations whose subtrees the caller organises activities for. */
export const organiserOrgIds = (actor: Actor): Types.ObjectId[] =>
  scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));

/** The caller's member id: signing up is for bound members only. */
export function requireMemberId(actor: Actor): string {
  if (!actor.memberId) throw ForbiddenError('请先在“我的”中完成实名绑定后再报名');
  return actor.memberId;
}
