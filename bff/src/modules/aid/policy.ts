/**
 * Who may do what with tuition-aid programmes and applications (members' side), and the
 * scope helpers saying whose payments an office records.
 */
import { Types } from 'mongoose';
import { PROGRAMME_ORG_LEVELS, UNION_OFFICE_ROLES, type OrgLevel } from '@union/shared';
import { ForbiddenError, NotFoundError, ValidationError, type HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import type { AidApplicationDoc } from './aid-application.model';
import type { AidProgrammeDoc } from './aid-programme.model';

/** The applicant member themselves (whichever WeChat account they are bound to now). */
const isApplicant = (actor: Actor, application: Pick<AidApplicationDoc, 'memberId'>) =>
  actor.memberId !== null && actor.memberId === String(application.memberId);

const rules = {
  /** Read, fill in, submit or withdraw an application: the applicant alone. */
  actAsApplicant: isApplicant,
  /** Office staff whose subtree holds the programme's organisation. */
  createProgrammeAt: (actor: Actor, org: { path: readonly { toString(): string }[] }) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, org.path),
  /**
   * The applicant, or office staff whose subtree holds the applicant's organisation;
   * an unsubmitted draft is the applicant's alone.
   */
  readDocument: (actor: Actor, application: AidApplicationDoc) =>
    isApplicant(actor, application) ||
    (application.status !== 'draft' && holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath)),
};

/** An organisation outside the caller's scope reads exactly like a missing one. */
export const orgOutOfReach = () => ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]);

// What is out of reach reads exactly like what does not exist.
const refusals: Record<keyof typeof rules, () => HttpError> = {
  actAsApplicant: () => NotFoundError('助学申请不存在'),
  createProgrammeAt: orgOutOfReach,
  readDocument: () => NotFoundError('材料不存在'),
};

export const aidPolicy = definePolicy(rules, (action) => refusals[action]());

/** The organisations where the caller holds a union office grant: their subtrees are what they see. */
export const officeOrgIds = (actor: Actor): Types.ObjectId[] =>
  scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));

/** Those organisations themselves, loaded once per request. */
export function officesOf(actor: Actor): Promise<OrganizationDoc[]> {
  return OrganizationModel.find({ _id: { $in: officeOrgIds(actor) } }, { level: 1, path: 1 }).lean<OrganizationDoc[]>();
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
