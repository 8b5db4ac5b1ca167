/** Who may do what with members and join applications. */
import { UNION_OFFICE_ROLES } from '@union/shared';
import { holdsRoleOver, type Actor } from '../auth/actor';
import type { JoinApplicationDoc } from './join-application.model';
import type { MemberDoc } from './member.model';

export const membershipPolicy = {
  /** The member themselves, or union office staff whose subtree holds the member's organisation. */
  readMember: (actor: Actor, member: MemberDoc) =>
    actor.memberId === String(member._id) || holdsRoleOver(actor, UNION_OFFICE_ROLES, member.orgPath),
  /** Unmasked personal data is for the person themselves only. */
  seeUnmasked: (actor: Actor, subject: { accountId?: unknown; _id?: unknown }, kind: 'member' | 'application') =>
    kind === 'member' ? actor.memberId === String(subject._id) : actor.accountId === String(subject.accountId),
  readOwnApplication: (actor: Actor, application: JoinApplicationDoc) =>
    actor.accountId === String(application.accountId),
  reviewApplication: (actor: Actor, application: JoinApplicationDoc) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath),
};
