/**
 * Test world for the staff side: the fixture org tree, reviewers at each level, a
 * programme run by the city, and members who file real applications through the
 * member-side services (start, save the draft, submit).
 */
import { Types } from 'mongoose';
import type { Role } from '@union/shared';
import type { TestApi } from '../../../test/harness';
import {
  createMember,
  createOrgTree,
  createStaff,
  loginStaff,
  loginWechat,
  makeIdNumber,
  type OrgTree,
} from '../../../test/fixtures';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { AidApplicationModel } from '../aid/aid-application.model';
import { AidProgrammeModel } from '../aid/aid-programme.model';
import { saveDraft, startApplication, submitApplication } from '../aid/applications.service';
import { MemberModel } from '../membership/member.model';
import { AidDisbursementBatchModel } from './disbursement-batch.model';

export const TIERS = [
  { educationLevel: 'postgraduate', amountFen: 500_000 },
  { educationLevel: 'undergraduate', amountFen: 300_050 },
  { educationLevel: 'junior_college', amountFen: 200_000 },
] as const;

export { DAY_MS } from '@union/shared';

/** The staff API calls every review test makes. */
export function reviewApi(api: TestApi) {
  return {
    detail: (token: string, id: string) => api.request('GET', `/api/staff/aid/applications/${id}`, { token }),
    decide: (token: string, id: string, body: Record<string, unknown>) =>
      api.request('POST', `/api/staff/aid/applications/${id}/decision`, { token, body }),
  };
}

export interface Applicant {
  token: string;
  actor: Actor;
  name: string;
  idNumber: string;
}

export interface AidWorld {
  orgs: OrgTree;
  staff: Record<'tech' | 'community' | 'xixi' | 'xihu' | 'xihu2' | 'binjiang' | 'city', string>;
  createProgramme(options?: { noticeDays?: number; reviewChain?: string[] }): Promise<string>;
  createApplicant(org: OrgTree[keyof OrgTree], name: string): Promise<Applicant>;
  apply(applicant: Applicant, programmeId: string, child?: Partial<ChildInput>): Promise<string>;
  /** A complete draft, not yet submitted. */
  draft(applicant: Applicant, programmeId: string, child?: Partial<ChildInput>): Promise<string>;
  resubmit(applicant: Applicant, applicationId: string): Promise<void>;
}

interface ChildInput {
  name: string;
  idNumber: string;
  educationLevel: 'postgraduate' | 'undergraduate' | 'junior_college';
  school: string;
  hardshipCategory: string;
  accountNumber: string;
}

let sequence = 100;

export async function createAidWorld(api: TestApi): Promise<AidWorld> {
  const orgs = await createOrgTree();
  const staffGrants: [keyof AidWorld['staff'], Role, OrgTree[keyof OrgTree]][] = [
    ['tech', 'union_staff', orgs.xihuTech],
    ['community', 'union_staff', orgs.xihuCommunity],
    ['xixi', 'union_staff', orgs.xixi],
    ['xihu', 'union_staff', orgs.xihu],
    ['xihu2', 'union_admin', orgs.xihu],
    ['binjiang', 'union_staff', orgs.binjiang],
    ['city', 'union_admin', orgs.city],
  ];
  const staff = {} as AidWorld['staff'];
  for (const [key, role, org] of staffGrants) {
    await createStaff(`aid_${key}`, [{ role, org }]);
    staff[key] = await loginStaff(api, `aid_${key}`);
  }
  const deps = api.running.runtime;

  return {
    orgs,
    staff,
    async createProgramme(options = {}) {
      const programme = await AidProgrammeModel.create({
        name: '2026年金秋助学',
        year: 2026,
        orgId: orgs.city._id,
        orgPath: orgs.city.path,
        applyFrom: '2020-01-01',
        applyTo: '2099-12-31',
        tiers: TIERS,
        eligibility: {
          minMembershipMonths: 12,
          admissionYear: 2026,
          hardshipCategories: [],
          perCapitaMonthlyIncomeCeilingFen: null,
        },
        requiredDocuments: [],
        reviewChain: options.reviewChain ?? ['grassroots', 'district'],
        noticeDays: options.noticeDays ?? 0,
        createdBy: new Types.ObjectId(),
      });
      return String(programme._id);
    },
    async createApplicant(org, name) {
      sequence += 1;
      const idNumber = makeIdNumber('330106', '19800101', String(sequence).padStart(3, '0'));
      const person = { name, idNumber, mobile: `1390000${String(sequence).padStart(4, '0')}` };
      const member = await createMember(deps.cipher, org, person);
      const { token, session } = await loginWechat(api, `wx-aid-${sequence}`);
      await AccountModel.updateOne({ _id: session.me.id }, { $set: { memberId: member.id } });
      await MemberModel.updateOne({ _id: member.id }, { $set: { boundAccountId: session.me.id } });
      return {
        token,
        name,
        idNumber,
        actor: { accountId: session.me.id, kind: 'wechat', memberId: member.id, merchantId: null, grants: [] },
      };
    },
    async apply(this: AidWorld, applicant, programmeId, child = {}) {
      const id = await this.draft(applicant, programmeId, child);
      await submitApplication(applicant.actor, id, deps, new Date());
      return id;
    },
    async draft(applicant, programmeId, child = {}) {
      sequence += 1;
      const now = new Date();
      const draft = await startApplication(applicant.actor, programmeId, now);
      await saveDraft(
        applicant.actor,
        String(draft._id),
        {
          child: {
            name: child.name ?? '王小明',
            idNumber: child.idNumber ?? makeIdNumber('330106', '20080101', String(sequence).padStart(3, '0')),
            school: child.school ?? '浙江大学',
            major: '计算机科学与技术',
            educationLevel: child.educationLevel ?? 'undergraduate',
            admissionYear: 2026,
          },
          household: {
            members: 3,
            annualIncomeFen: 3_600_000,
            hardshipCategory: (child.hardshipCategory ?? 'low_income') as 'low_income',
            situation: '',
          },
          payment: {
            method: 'bank_card',
            bankName: '中国工商银行杭州分行',
            accountName: applicant.name,
            accountNumber: child.accountNumber ?? `62220212345678${String(sequence).padStart(5, '0')}`,
          },
          declarationAccepted: true,
        },
        deps,
      );
      return String(draft._id);
    },
    async resubmit(applicant, applicationId) {
      await submitApplication(applicant.actor, applicationId, deps, new Date());
    },
  };
}

/** An application of `programmeId` approved at both review steps (grassroots, then district). */
export async function approvedApplication(api: TestApi, world: AidWorld, programmeId: string, name: string) {
  const { detail, decide } = reviewApi(api);
  const applicant = await world.createApplicant(world.orgs.xihuTech, name);
  const id = await world.apply(applicant, programmeId);
  const version = (await detail(world.staff.city, id)).body.version;
  const first = await decide(world.staff.tech, id, { action: 'approve', version });
  const second = await decide(world.staff.xihu, id, { action: 'approve', version: first.body.version });
  if (second.body.status !== 'approved') throw new Error(`not approved: ${JSON.stringify(second.body)}`);
  return { applicant, id };
}

/**
 * What a crash in the middle of recording a payment run leaves: a pending batch of `ids`,
 * recorded `ageMs` ago, with only `moved` of its applications marked paid.
 */
export async function crashedBatch(
  programmeId: string,
  requestId: string,
  ids: string[],
  moved: string[],
  ageMs: number,
): Promise<Types.ObjectId> {
  const createdAt = new Date(Date.now() - ageMs);
  const cityStaff = await AccountModel.findOne({}, { _id: 1 }).lean();
  const batch = await AidDisbursementBatchModel.create({
    programmeId: new Types.ObjectId(programmeId),
    requestId,
    paidOn: '2026-09-01',
    reference: 'GH-2026-0901',
    applicationIds: ids.map((id) => new Types.ObjectId(id)),
    totalFen: 0,
    createdBy: cityStaff!._id,
  });
  // Straight to the collection: Mongoose keeps createdAt immutable.
  await AidDisbursementBatchModel.collection.updateOne(
    { _id: batch._id },
    { $set: { createdAt, updatedAt: createdAt } },
  );
  for (const id of moved) {
    await AidApplicationModel.updateOne(
      { _id: id },
      { $set: { status: 'disbursed', disbursementBatchId: batch._id }, $inc: { version: 1 } },
    );
  }
  return batch._id;
}
