/** Who may do what with tuition-aid programmes and applications (members' side). */
import { UNION_OFFICE_ROLES } from '@union/shared';
import { ForbiddenError } from '../../http/errors';
import { holdsRoleOver, type Actor } from '../auth/actor';
import type { AidApplicationDoc } from './aid-application.model';

/** Programmes are run by a city or district federation, never by a street or grassroots union. */
export const PROGRAMME_ORG_LEVELS: readonly string[] = ['city', 'district'];

export const aidPolicy = {
  /** The applicant member themselves (whichever WeChat account they are bound to now). */
  ownApplication: (actor: Actor, application: Pick<AidApplicationDoc, 'memberId'>) =>
    actor.memberId !== null && actor.memberId === String(application.memberId),
  /** Office staff whose subtree holds the programme's organisation. */
  createProgramme: (actor: Actor, org: { path: readonly { toString(): string }[] }) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  /**
   * The applicant, or office staff whose subtree holds the applicant's organisation;
   * an unsubmitted draft is the applicant's alone.
   */
  readDocument: (actor: Actor, application: AidApplicationDoc) =>
    aidPolicy.ownApplication(actor, application) ||
    (application.status !== 'draft' && holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath)),
};

/** The caller's member id; tuition aid is for members only. */
export function requireMemberId(actor: Actor): string {
  if (!actor.memberId) {
    throw ForbiddenError('金秋助学仅限工会会员申请：请先在“我的”中完成实名绑定，或申请加入工会');
  }
  return actor.memberId;
}
