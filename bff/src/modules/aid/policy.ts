/** Who may do what with tuition-aid programmes and applications (members' side). */
import { Types } from 'mongoose';
import { PROGRAMME_ORG_LEVELS, UNION_OFFICE_ROLES, type OrgLevel } from '@union/shared';
import { ForbiddenError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import type { AidApplicationDoc } from './aid-application.model';
import type { AidProgrammeDoc } from './aid-programme.model';

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

/** The organisations where the caller holds a union office grant, loaded once per request. */
export function officesOf(actor: Actor): Promise<OrganizationDoc[]> {
  const ids = scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));
  return OrganizationModel.find({ _id: { $in: ids } }, { level: 1, path: 1 }).lean<OrganizationDoc[]>();
}

/**
 * Whose payments the caller records in a programme. The office running it (or one above)
 * pays everyone: null. Under a programme run above them, a city or district office pays its
 * own subtree's applicants (the city allocates, each 区总 pays the people of its district):
 * those offices. Street and grassroots unions review but hold no funds: an empty list.
 */
export function payoutScope(
  actor: Actor,
  offices: readonly OrganizationDoc[],
  programme: Pick<AidProgrammeDoc, 'orgId' | 'orgPath'>,
): Types.ObjectId[] | null {
  if (holdsRoleOver(actor, UNION_OFFICE_ROLES, programme.orgPath)) return null;
  return offices
    .filter((office) => PROGRAMME_ORG_LEVELS.includes(office.level as OrgLevel))
    .filter((office) => office.path.some((ancestor) => ancestor.equals(programme.orgId)))
    .map((office) => office._id);
}

export const mayPayOut = (scope: Types.ObjectId[] | null) => scope === null || scope.length > 0;

/** The caller's member id; tuition aid is for members only. */
export function requireMemberId(actor: Actor): string {
  if (!actor.memberId) {
    throw ForbiddenError('金秋助学仅限工会会员申请：请先在“我的”中完成实名绑定，或申请加入工会');
  }
  return actor.memberId;
}
