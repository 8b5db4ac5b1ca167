import { Types } from 'mongoose';
import { UNION_OFFICE_ROLES, type CreateJoinApplicationRequestSchema, type JoinApplicationStatus } from '@union/shared';
import type { z } from 'zod';
import type { FieldCipher } from '../../crypto/field-encryption';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import { scopeOrgIds, type Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { findOrganization } from '../organizations/service';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { MemberModel } from './member.model';
import { nextMemberNo } from './member-number';
import { membershipPolicy } from './policy';

type ApplyInput = z.output<typeof CreateJoinApplicationRequestSchema>;

const alreadyMember = () => ConflictError('该身份证号已是工会会员，请使用“实名绑定”关联您的会员身份', 'already_member');
const alreadyDecided = () =>
  ConflictError('该申请已被处理（可能是其他工作人员刚刚处理），请刷新后查看最新状态', 'application_already_decided');

export async function applyToJoin(actor: Actor, input: ApplyInput, cipher: FieldCipher): Promise<JoinApplicationDoc> {
  if (actor.memberId) throw ConflictError('您已是工会会员，无需重复申请', 'already_member');
  const org = await findOrganization(input.orgId);
  if (!org) throw ValidationError([{ path: 'orgId', message: '所选组织不存在，请重新选择' }]);
  if (!org.acceptsMembers) {
    throw ValidationError([{ path: 'orgId', message: '请选择可受理入会的基层工会或行业工会联合会' }]);
  }
  const idNumberIndex = cipher.blindIndex('idNumber', input.idNumber);
  if (await MemberModel.exists({ idNumberIndex })) throw alreadyMember();
  try {
    const [created] = await JoinApplicationModel.create([
      {
        accountId: actor.accountId,
        orgId: org._id,
        orgPath: org.path,
        name: input.name,
        idNumberSealed: cipher.encrypt(input.idNumber),
        idNumberIndex,
        mobileSealed: cipher.encrypt(input.mobile),
        mobileIndex: cipher.blindIndex('mobile', input.mobile),
        occupation: input.occupation,
        employer: input.employer,
        submittedAt: new Date(),
        openIdNumberIndex: idNumberIndex,
        openAccountId: actor.accountId,
      },
    ]);
    return created!.toObject() as JoinApplicationDoc;
  } catch (caught) {
    if (!isDuplicateKeyError(caught)) throw caught;
    // Either this account or this person already has an application waiting for review.
    if (await JoinApplicationModel.exists({ openAccountId: actor.accountId })) {
      throw ConflictError('您已有一份待审核的入会申请，请耐心等待审核结果', 'application_pending');
    }
    throw ConflictError('该身份证号已有一份待审核的入会申请', 'application_pending');
  }
}

export async function myApplications(actor: Actor): Promise<JoinApplicationDoc[]> {
  return JoinApplicationModel.find({ accountId: actor.accountId })
    .sort({ submittedAt: -1 })
    .limit(20)
    .lean<JoinApplicationDoc[]>();
}

export async function withdrawApplication(actor: Actor, id: string): Promise<JoinApplicationDoc> {
  const application = await JoinApplicationModel.findById(id).lean<JoinApplicationDoc>();
  if (!application || !membershipPolicy.readOwnApplication(actor, application)) throw NotFoundError('入会申请不存在');
  // Only a still-pending application can be withdrawn; a reviewer deciding meanwhile wins.
  const withdrawn = await updateIfAndRead(
    JoinApplicationModel,
    { key: { _id: application._id }, when: { status: 'pending' } },
    { $set: { status: 'withdrawn', decidedAt: new Date() }, $unset: { openIdNumberIndex: 1, openAccountId: 1 } },
  );
  if (!withdrawn) throw ConflictError('该申请已审核完毕，不能撤回', 'application_already_decided');
  return withdrawn;
}

/** An application the reviewer may see; out-of-scope ones look exactly like missing ones. */
export async function applicationForReview(actor: Actor, id: string): Promise<JoinApplicationDoc> {
  const application = await JoinApplicationModel.findById(id).lean<JoinApplicationDoc>();
  if (!application || !membershipPolicy.reviewApplication(actor, application)) throw NotFoundError('入会申请不存在');
  return application;
}

export async function reviewQueue(
  actor: Actor,
  query: { status: JoinApplicationStatus; limit: number; cursor?: string },
): Promise<{ items: JoinApplicationDoc[]; nextCursor: string | null }> {
  const scope = scopeOrgIds(actor, UNION_OFFICE_ROLES);
  if (scope.length === 0) throw ForbiddenError('只有工会工作人员可以审核入会申请');
  const filter: Record<string, unknown> = {
    orgPath: { $in: scope.map((id) => new Types.ObjectId(id)) },
    status: query.status,
  };
  // Ids grow with time, so paging by id keeps "oldest first" stable while new applications arrive.
  if (query.cursor && Types.ObjectId.isValid(query.cursor)) filter._id = { $gt: new Types.ObjectId(query.cursor) };
  const items = await JoinApplicationModel.find(filter)
    .sort({ _id: 1 })
    .limit(query.limit + 1)
    .lean<JoinApplicationDoc[]>();
  const hasMore = items.length > query.limit;
  const page = items.slice(0, query.limit);
  return { items: page, nextCursor: hasMore ? String(page[page.length - 1]!._id) : null };
}

/**
 * Approves an application. Exactly one reviewer wins the atomic pending → approved
 * claim; the member is then created with the application's id (so completing it
 * twice is harmless) and bound to the applicant's account when that is free.
 * No multi-document transaction: the same code is correct on every MongoDB.
 */
export async function approveApplication(actor: Actor, id: string): Promise<JoinApplicationDoc> {
  const application = await applicationForReview(actor, id);
  if (application.status !== 'pending') throw alreadyDecided();
  // Member numbers are unique, not gapless: a reviewer who loses the race leaves one unused.
  const memberNo = await nextMemberNo();
  // The pending → approved compare-and-set: exactly one of parallel reviewers' decisions applies.
  const claimed = await updateIfAndRead(
    JoinApplicationModel,
    { key: { _id: application._id }, when: { status: 'pending' } },
    {
      $set: {
        status: 'approved',
        decidedAt: new Date(),
        decidedBy: actor.accountId,
        memberId: application._id,
        memberNo,
      },
      $unset: { openIdNumberIndex: 1, openAccountId: 1 },
    },
  );
  if (!claimed) throw alreadyDecided();
  try {
    await createMemberFrom(claimed);
  } catch (caught) {
    if (!isDuplicateKeyError(caught) || (await MemberModel.exists({ _id: application._id }))) throw caught;
    // The person became a member some other way meanwhile: put the application back.
    await JoinApplicationModel.updateOne(
      { _id: application._id, status: 'approved' },
      {
        $set: {
          status: 'pending',
          decidedAt: null,
          decidedBy: null,
          memberId: null,
          memberNo: null,
          openIdNumberIndex: application.idNumberIndex,
          openAccountId: application.accountId,
        },
      },
    );
    throw alreadyMember();
  }
  return claimed;
}

async function createMemberFrom(application: JoinApplicationDoc): Promise<void> {
  const memberId = application.memberId!;
  // Binds the applicant's account only if it is not bound to a member already.
  const account = await updateIf(
    AccountModel,
    { key: { _id: application.accountId }, when: { memberId: null } },
    { $set: { memberId } },
  );
  try {
    await MemberModel.create({
      _id: memberId,
      memberNo: application.memberNo,
      name: application.name,
      idNumberSealed: application.idNumberSealed,
      idNumberIndex: application.idNumberIndex,
      mobileSealed: application.mobileSealed,
      mobileIndex: application.mobileIndex,
      occupation: application.occupation,
      employer: application.employer,
      orgId: application.orgId,
      orgPath: application.orgPath,
      joinedAt: application.decidedAt,
      boundAccountId: account ? application.accountId : null,
    });
  } catch (caught) {
    if (account) await AccountModel.updateOne({ _id: application.accountId, memberId }, { $unset: { memberId: 1 } });
    throw caught;
  }
}

/**
 * Completes approvals interrupted between the claim and the member's creation
 * (a crashed process). Run at start-up; cheap, because such gaps are rare and recent.
 */
export async function completeInterruptedApprovals(since: Date): Promise<number> {
  const approved = await JoinApplicationModel.find({ status: 'approved', decidedAt: { $gte: since } }).lean<
    JoinApplicationDoc[]
  >();
  const existing = new Set(
    (await MemberModel.find({ _id: { $in: approved.map((a) => a.memberId) } }, { _id: 1 }).lean()).map((m) =>
      String(m._id),
    ),
  );
  const missing = approved.filter((application) => !existing.has(String(application.memberId)));
  for (const application of missing) await createMemberFrom(application);
  return missing.length;
}

export async function rejectApplication(actor: Actor, id: string, reason: string): Promise<JoinApplicationDoc> {
  const application = await applicationForReview(actor, id);
  // Same compare-and-set as approving: a rejection and an approval cannot both apply.
  const rejected = await updateIfAndRead(
    JoinApplicationModel,
    { key: { _id: application._id }, when: { status: 'pending' } },
    {
      $set: { status: 'rejected', decidedAt: new Date(), decidedBy: actor.accountId, rejectReason: reason },
      $unset: { openIdNumberIndex: 1, openAccountId: 1 },
    },
  );
  if (!rejected) throw alreadyDecided();
  return rejected;
}
