/** Tuition-aid programmes: defined by city or district offices, open to members in their subtree. */
import { Types } from 'mongoose';
import {
  PROGRAMME_ORG_LEVELS,
  type AidProgrammeInputSchema,
  type OrgLevel,
  type StaffAidProgramme,
} from '@union/shared';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import type { MemberDoc } from '../membership/member.model';
import { OrganizationModel, type OrganizationDoc } from '../organizations/organization.model';
import { findOrganization } from '../organizations/service';
import { AidProgrammeModel, type AidProgrammeDoc } from './aid-programme.model';
import { aidPolicy, mayPayOut, officeOrgIds, officesOf, orgOutOfReach, payoutScope } from './policy';
import { presentProgrammes } from './presenter';

type ProgrammeInput = z.output<typeof AidProgrammeInputSchema>;

export async function createProgramme(actor: Actor, input: ProgrammeInput): Promise<AidProgrammeDoc> {
  const org = await findOrganization(input.orgId);
  if (!org) throw orgOutOfReach();
  aidPolicy.authorize(actor, 'createProgrammeAt', org);
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
  const scope = officeOrgIds(actor);
  const offices = await OrganizationModel.find({ _id: { $in: scope } }, { path: 1 }).lean<OrganizationDoc[]>();
  const above = offices.flatMap((office) => office.path);
  return AidProgrammeModel.find({ $or: [{ orgPath: { $in: scope } }, { orgId: { $in: above } }] })
    .sort({ year: -1, applyFrom: -1, _id: -1 })
    .limit(100)
    .lean<AidProgrammeDoc[]>();
}

/** The staff member's programmes as their list shows them, with whether they record its payments. */
export async function staffProgrammeList(actor: Actor, now: Date): Promise<StaffAidProgramme[]> {
  const [programmes, offices] = await Promise.all([programmesForStaff(actor), officesOf(actor)]);
  const presented = await presentProgrammes(programmes, now);
  return presented.map((programme, index) => ({
    ...programme,
    mayDisburse: mayPayOut(payoutScope(actor, offices, programmes[index]!)),
  }));
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
