/**
 * Who may do what with knowledge contests: union offices run the quizzes hosted within their
 * subtree; members of the audience subtree take published ones and see their own attempts.
 * What is out of reach reads as missing, so ids cannot be probed.
 */
import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES } from '@union/shared';
import { ForbiddenError, NotFoundError, ValidationError, type HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import type { QuizDoc } from './quiz.model';

type OrgLike = { path: readonly { toString(): string }[] };
/** The caller as a member: their roster organisation path. */
export interface MemberView {
  memberId: string;
  orgPath: readonly { toString(): string }[];
  active: boolean;
}

const rules = {
  /** Host a quiz at this organisation: office staff above it. */
  organiseAt: (actor: Actor, org: OrgLike) => holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  /** Edit, publish, close, read the bank and the report: office staff above the host. */
  manage: (actor: Actor, quiz: Pick<QuizDoc, 'orgPath'>) => holdsRoleOver(actor, UNION_OFFICE_ROLES, quiz.orgPath),
  /** A published (or closed) quiz, to an active member of its audience subtree. */
  take: (_actor: Actor, { quiz, member }: { quiz: Pick<QuizDoc, 'status' | 'audienceOrgId'>; member: MemberView }) =>
    quiz.status !== 'draft' && member.active && member.orgPath.some((id) => String(id) === String(quiz.audienceOrgId)),
  /** An attempt: the member who made it. */
  ownAttempt: (actor: Actor, attempt: { memberId: Types.ObjectId }) =>
    actor.memberId !== null && actor.memberId === String(attempt.memberId),
};

const refusals: Record<keyof typeof rules, () => HttpError> = {
  organiseAt: () => ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]),
  manage: () => NotFoundError('竞赛不存在'),
  take: () => NotFoundError('竞赛不存在'),
  ownAttempt: () => NotFoundError('答卷不存在'),
};

export const quizPolicy = definePolicy(rules, (action) => refusals[action]());

/** The organisations whose subtrees the caller runs quizzes for. */
export const organiserOrgIds = (actor: Actor): Types.ObjectId[] =>
  scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));

/** The caller's member id: taking a quiz is for bound members only. */
export function requireMemberId(actor: Actor): string {
  if (!actor.memberId) throw ForbiddenError('请先在“我的”中完成实名绑定后再参加竞赛');
  return actor.memberId;
}
