/**
 * Who reviews what. Step i of a programme's chain is reviewed by the applicant's own
 * organisation at level reviewChain[i] (their grassroots union, street, district,
 * city). Staff above it see the application read-only; staff outside see nothing.
 * Beside the rules: the organisation lookups they need and the loaders that apply them.
 */
import { Types } from 'mongoose';
import { ORG_LEVELS, UNION_OFFICE_ROLES, type OrgLevel } from '@union/shared';
import { ForbiddenError, NotFoundError, type HttpError } from '../../http/errors';
import { holdsRoleOver, scopeOrgIds, type Actor } from '../auth/actor';
import { definePolicy } from '../auth/policy';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import type { AidProgrammeDoc } from '../aid/aid-programme.model';
import { mayPayOut, officeOrgIds, officesOf, payoutScope } from '../aid/policy';
import { requireAidProgramme } from '../aid/programmes.service';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';

const rules = {
  /**
   * Office staff whose subtree holds the applicant's organisation (read-only above the
   * reviewing level); a member's unfinished draft is theirs alone.
   */
  read: (actor: Actor, application: Pick<AidApplicationDoc, 'status' | 'orgPath'>) =>
    application.status !== 'draft' && holdsRoleOver(actor, UNION_OFFICE_ROLES, application.orgPath),
  /** Decide a step reviewed by this organisation: its own office staff, not those above it. */
  decideFor: (actor: Actor, office: Pick<OrganizationDoc, '_id'>) =>
    scopeOrgIds(actor, UNION_OFFICE_ROLES).includes(String(office._id)),
  /** Staff at the programme's organisation or above run it: notice rejections and all of its payments. */
  runProgramme: (actor: Actor, programme: Pick<AidProgrammeDoc, 'orgPath'>) =>
    holdsRoleOver(actor, UNION_OFFICE_ROLES, programme.orgPath),
};

// What is out of reach reads exactly like what does not exist.
const refusals: Record<keyof typeof rules, () => HttpError> = {
  read: () => NotFoundError('助学申请不存在'),
  decideFor: () => ForbiddenError('不是本级审核，您只能查看'),
  runProgramme: () => NotFoundError('助学项目不存在'),
};

export const aidReviewPolicy = definePolicy(rules, (action) => refusals[action]());

// ---- organisation lookups -----------------------------------------------------

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
function reviewingOrg(orgPath: readonly Types.ObjectId[], level: string, orgs: OrgLookup) {
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

// ---- loaders that apply the rules ------------------------------------------------

export async function applicationForStaff(actor: Actor, id: string | Types.ObjectId): Promise<AidApplicationDoc> {
  const application = await AidApplicationModel.findById(id).lean<AidApplicationDoc>();
  if (!application) throw NotFoundError('助学申请不存在');
  aidReviewPolicy.authorize(actor, 'read', application);
  return application;
}

/**
 * A programme the caller has anything to do with: they run it (its organisation or
 * above) or review for it (an organisation inside its subtree). Others get 404.
 */
export async function programmeForStaff(actor: Actor, id: string): Promise<AidProgrammeDoc> {
  const programme = await requireAidProgramme(id);
  if (aidReviewPolicy.can(actor, 'runProgramme', programme)) return programme;
  const grantOrgs = await OrganizationModel.find({ _id: { $in: officeOrgIds(actor) } }).lean<OrganizationDoc[]>();
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
