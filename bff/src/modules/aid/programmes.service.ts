/** Tuition-aid programmes: defined by city or district offices, open to members in their subtree. */
import { Types } from 'mongoose';
import { PROGRAMME_ORG_LEVELS, UNION_OFFICE_ROLES, type AidProgrammeInputSchema, type OrgLevel } from '@union/shared';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../http/errors';
import { scopeOrgIds, type Actor } from '../auth/actor';
import type { MemberDoc } from '../membership/member.model';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { findOrganization } from '../organizations/service';
import { AidProgrammeModel, type AidProgrammeDoc } from './aid-programme.model';
import { aidPolicy } from './policy';

type ProgrammeInput = z.output<typeof AidProgrammeInputSchema>;

export async function createProgramme(actor: Actor, input: ProgrammeInput): Promise<AidProgrammeDoc> {
  const org = await findOrganization(input.orgId);
  // An organisation outside the caller's scope reads exactly like a missing one.
  if (!org || !aidPolicy.createProgramme(actor, org)) {
    throw ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]);
  }
  if (!PROGRAMME_ORG_LEVELS.includes(org.level as OrgLevel)) {
    throw ValidationError([{ path: 'orgId', message: '助学项目只能由市总工会或区/县总工会设立' }]);
  }
  const [created] = await AidProgrammeModel.insertMany([
    { ...input, orgId: org._id, orgPath: org.path, createdBy: new Types.ObjectId(actor.accountId) },
  ]);
  return created!.toObject() as AidProgrammeDoc;
}

/** Programmes run by the member's own organisation or any above it, newest first. */
export async function programmesForMember(member: Pick<MemberDoc, 'orgPath'>): Promise<AidProgrammeDoc[]> {
  return AidProgrammeModel.find({ orgId: { $in: member.orgPath } })
    .sort({ year: -1, applyFrom: -1, _id: -1 })
    .limit(50)
    .lean<AidProgrammeDoc[]>();
}

/**
 * Programmes a staff member has to do with: those their offices run (their subtree) and
 * those run above them that their offices review for.
 */
export async function programmesForStaff(actor: Actor): Promise<AidProgrammeDoc[]> {
  const scope = scopeOrgIds(actor, UNION_OFFICE_ROLES).map((id) => new Types.ObjectId(id));
  const offices = await OrganizationModel.find({ _id: { $in: scope } }, { path: 1 }).lean<OrganizationDoc[]>();
  const above = offices.flatMap((office) => office.path);
  return AidProgrammeModel.find({ $or: [{ orgPath: { $in: scope } }, { orgId: { $in: above } }] })
    .sort({ year: -1, applyFrom: -1, _id: -1 })
    .limit(100)
    .lean<AidProgrammeDoc[]>();
}

export async function requireAidProgramme(id: string | Types.ObjectId): Promise<AidProgrammeDoc> {
  const programme = await AidProgrammeModel.findById(id).lean<AidProgrammeDoc>();
  if (!programme) throw NotFoundError('助学项目不存在');
  return programme;
}

/** A programme the member may apply to (run by their organisation or above); others read as missing. */
export async function programmeForMember(member: Pick<MemberDoc, 'orgPath'>, id: string): Promise<AidProgrammeDoc> {
  const programme = await requireAidProgramme(id);
  if (!member.orgPath.some((orgId) => orgId.equals(programme.orgId))) throw NotFoundError('助学项目不存在');
  return programme;
}
