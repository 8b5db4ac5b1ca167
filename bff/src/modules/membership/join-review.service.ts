/**
 * Join review: the union office's queue of applications within its subtree (oldest first)
 * and its decisions. Exactly one decision applies to an application, however many reviewers
 * act at once.
 */
import type { JoinApplicationStatus } from '@union/shared';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { pageById, type IdPage } from '../../db/id-pages';
import { ConflictError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AccountModel } from '../auth/account.model';
import { JoinApplicationModel, type JoinApplicationDoc } from './join-application.model';
import { alreadyMember } from './join.service';
import { markFigureChanged } from '../figures/counters';
import { markApplicationDecided, membersJoined } from './figures';
import { MemberModel } from './member.model';
import { nextMemberNo } from './member-number';
import { applicationNotFound, membershipPolicy, reviewableApplications } from './policy';

const alreadyDecided = () =>
  ConflictError('该申请已被处理（可能是其他工作人员刚刚处理），请刷新后查看最新状态', 'application_already_decided');

/** An application the reviewer may see; out-of-scope ones look exactly like missing ones. */
export async function applicationForReview(actor: Actor, id: string): Promise<JoinApplicationDoc> {
  const application = await JoinApplicationModel.findById(id).lean<JoinApplicationDoc>();
  if (!application) throw applicationNotFound();
  membershipPolicy.authorize(actor, 'reviewApplication', application);
  return application;
}

/** What the queue lists: applications with one status in the reviewer's subtrees (the workbench counts the same). */
export function joinQueueFilter(actor: Actor, status: JoinApplicationStatus) {
  return { ...reviewableApplications(actor), status };
}

/**
 * The queue, oldest first. Paging by id keeps the order stable while new applications arrive.
 */
export function reviewQueue(
  actor: Actor,
  query: { status: JoinApplicationStatus; limit: number; cursor?: string },
): Promise<IdPage<JoinApplicationDoc>> {
  return pageById<JoinApplicationDoc>(JoinApplicationModel, joinQueueFilter(actor, query.status), {
    limit: query.limit,
    cursor: query.cursor,
    order: 'oldest',
  });
}

/** The workbench's to-do: how many pending applications the queue lists, and when the first was submitted. */
export async function pendingJoinApplications(actor: Actor): Promise<{ count: number; oldestAt: Date | null }> {
  const filter = joinQueueFilter(actor, 'pending');
  const [count, first] = await Promise.all([
    JoinApplicationModel.countDocuments(filter),
    JoinApplicationModel.findOne(filter, { submittedAt: 1 }).sort({ _id: 1 }).lean(),
  ]);
  return { count, oldestAt: first?.submittedAt ?? null };
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
  await markApplicationDecided(claimed, claimed.decidedAt!);
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
    // The decision is gone from its day's figures.
    await markApplicationDecided(claimed, claimed.decidedAt!);
    throw alreadyMember();
  }
  return claimed;
}

async function createMemberFrom(application: JoinApplicationDoc): Promise<void> {
  const memberId = application.memberId!;
  // Binds the applicant's account only if it is not bound to another member already (bound to
  // this one means an earlier attempt got this far before it was cut off).
  const account = await updateIf(
    AccountModel,
    { key: { _id: application.accountId }, when: { memberId: { $in: [null, memberId] } } },
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
    // The member exists already (a repair racing the request it repairs): the binding is right.
    if (isDuplicateKeyError(caught) && (await MemberModel.exists({ _id: memberId }))) return;
    if (account) await AccountModel.updateOne({ _id: application.accountId, memberId }, { $unset: { memberId: 1 } });
    throw caught;
  }
  // 入会人数 of the day: a crash before this mark is healed by the figures' reconcile job.
  await markFigureChanged(membersJoined.name, {
    orgId: application.orgId,
    orgPath: application.orgPath,
    at: application.decidedAt!,
  });
}

/**
 * Completes approvals interrupted between the claim and the member's creation
 * (a crashed process, a database gone between the two). Run at start-up and every minute by the
 * approval repair job (jobs.ts); cheap, because such gaps are rare and recent.
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
  await markApplicationDecided(rejected, rejected.decidedAt!);
  return rejected;
}
