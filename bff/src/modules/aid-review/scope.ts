/**
 * Who reviews what. Step i of a programme's chain is reviewed by the applicant's own
 * organisation at level reviewChain[i] (their grassroots union, street, district,
 * city). Staff above it see the application read-only; staff outside see nothing.
 */
import { Types } from 'mongoose';
import { ORG_LEVELS, UNION_OFFICE_ROLES, type OrgLevel } from '@union/shared';
import { ForbiddenError, NotFoundError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { mayPayOut, officesOf, payoutScope } from '../aid/policy';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';

const rank = (level: string) => ORG_LEVELS.indexOf(level as OrgLevel);

export type OrgLookup = Map<string, OrganizationDoc>;

/** The organisations on the given paths, loaded once for a whole page of applications. */
export async function loadOrgs(paths: readonly (readonly Types.ObjectId[])[]): Promise<OrgLookup> {
  const ids = [...new Set(paths.flat().map(String))].map((id) => new Types.ObjectId(id));
  const orgs = await OrganizationModel.find({ _id: { $in: ids } }).lean<OrganizationDoc[]>();
  return new Map(orgs.map((org) => [String(org._id), org]));
}

/**
 * The organisation that reviews `level` for an applicant on `orgPath`. When the path
 * skips that level (an industry federation holding members directly), the nearest
 * organisation above it reviews, so every step always has a reviewer.
 */
export function reviewingOrg(orgPath: readonly Types.ObjectId[], level: string, orgs: OrgLookup) {
  let found: OrganizationDoc | null = null;
  for (const id of orgPath) {
    const org = orgs.get(String(id));
    if (org && rank(org.level) <= rank(level)) found = org;
  }
  return found;
}

export function stepOrg(application: AidApplicationDoc, programme: AidProgrammeDoc, orgs: OrgLookup) {
  const step = application.currentStep ?? null;
  const level = step === null ? undefined : programme.reviewChain[step];
  return level ? reviewingOrg(application.orgPath, level, orgs) : null;
}

/** Holds a union office grant at exactly this organisation (not above it). */
export const actsFor = (actor: Actor, orgId: Types.ObjectId | string) =>
  scopeOrgIds(actor, UNION_OFFICE_ROLES).includes(String(orgId));

export const aidReviewPolicy = {
  /** Office staff whose subtree holds the applicant's organisation (read-only above the reviewing level). */
  see: (actor: Actor, application: AidApplicationDoc) => holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath),
  /** Staff at the programme's organisation or above run it: notice rejections and all of its payments. */
  runProgramme: (actor: Actor, programme: AidProgrammeDoc) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, programme.orgPath),
};

export async function applicationForStaff(actor: Actor, id: string | Types.ObjectId): Promise<AidApplicationDoc> {
  const application = await AidApplicationModel.findById(id).lean<AidApplicationDoc>();
  // A member's unfinished draft is theirs alone.
  if (!application || application.status === 'draft' || !aidReviewPolicy.see(actor, application)) {
    throw NotFoundError('助学申请不存在');
  }
  return application;
}

export async function requireProgramme(id: string | Types.ObjectId): Promise<AidProgrammeDoc> {
  const programme = await AidProgrammeModel.findById(id).lean<AidProgrammeDoc>();
  if (!programme) throw NotFoundError('助学项目不存在');
  return programme;
}

/**
 * A programme the caller has anything to do with: they run it (its organisation or
 * above) or review for it (an organisation inside its subtree). Others get 404.
 */
export async function programmeForStaff(actor: Actor, id: string): Promise<AidProgrammeDoc> {
  const programme = await requireProgramme(id);
  if (aidReviewPolicy.runProgramme(actor, programme)) return programme;
  const grantOrgs = await OrganizationModel.find({
    _id: { $in: scopeOrgIds(actor, UNION_OFFICE_ROLES).map((orgId) => new Types.ObjectId(orgId)) },
  }).lean<OrganizationDoc[]>();
  const insideProgramme = (org: OrganizationDoc) => org.path.some((ancestor) => ancestor.equals(programme.orgId));
  if (grantOrgs.some(insideProgramme)) return programme;
  throw NotFoundError('助学项目不存在');
}

/** A programme to pay out, and whose applicants: all (`within` null) or those of the caller's offices' subtrees. */
export async function programmeToPay(
  actor: Actor,
  id: string,
): Promise<{ programme: AidProgrammeDoc; within: Types.ObjectId[] | null }> {
  const programme = await programmeForStaff(actor, id);
  const within = payoutScope(actor, await officesOf(actor), programme);
  if (!mayPayOut(within)) {
    throw ForbiddenError('发放由举办该项目的工会或区/县总工会办理，街道和基层工会可以查看审核和统计');
  }
  return { programme, within };
}

/** Narrows an application filter to the applicants a payer pays. */
export const payableBy = (within: Types.ObjectId[] | null) => (within ? { orgPath: { $in: within } } : {});
