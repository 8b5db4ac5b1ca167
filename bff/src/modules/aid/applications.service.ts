/**
 * A member's tuition-aid applications: start a draft, save it piece by piece, submit,
 * withdraw. Every status change is a conditional update on `version`, so a reviewer
 * acting at the same moment and the applicant never both win.
 */
import { Types } from 'mongoose';
import {
  AID_REVIEW_STEP_TEXT,
  AidSubmissionSchema,
  nextAidState,
  type AidDraftSchema,
  type AidStatus,
} from '@union/shared';
import type { z } from 'zod';
import { updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, ForbiddenError, HttpError, NotFoundError, ValidationError } from '../../http/errors';
import { problemsOf } from '../../http/validate';
import type { Runtime } from '../../runtime';
import type { Actor } from '../auth/actor';
import { MemberModel, type MemberDoc } from '../membership/member.model';
import { notify } from '../notifications/notify';
import { AidApplicationModel, type AidApplicationDoc } from './aid-application.model';
import type { AidProgrammeDoc } from './aid-programme.model';
import { checkEligibility, notEligibleError } from './eligibility';
import { AID_METRICS, markAidFigures } from './figures';
import { aidPolicy, requireMemberId } from './policy';
import { DOCUMENT_KIND_LABELS } from './labels';
import { missingDocumentKinds } from './presenter';
import { programmeForMember, requireAidProgramme } from './programmes.service';
import { APPLICANT_LABEL, appendTimeline } from './timeline';

type Draft = z.output<typeof AidDraftSchema>;
type Deps = Pick<Runtime, 'cipher' | 'wechat' | 'config' | 'logger'>;

/** Statuses in which the applicant may still change the form and its documents. */
export const EDITABLE_STATUSES: readonly AidStatus[] = ['draft', 'returned'];
/** A write that lost to someone else's re-reads and tries again a few times before giving up. */
const MAX_ATTEMPTS = 4;

const notFound = () => NotFoundError('助学申请不存在');
export const changedMeanwhile = () =>
  ConflictError('申请刚刚被更新（可能在其他设备上或已被审核），请刷新后查看最新状态', 'application_changed');
const notEditable = () => ConflictError('申请已提交，当前不能修改；如被退回补充材料，可修改后重新提交', 'not_editable');

export async function requireMember(actor: Actor): Promise<MemberDoc> {
  const member = await MemberModel.findById(requireMemberId(actor)).lean<MemberDoc>();
  if (!member) throw ForbiddenError('未找到您的会员信息，请重新完成实名绑定');
  return member;
}

/** One of the caller's own applications; anyone else's reads exactly like a missing one. */
export async function ownApplication(actor: Actor, id: string | Types.ObjectId): Promise<AidApplicationDoc> {
  requireMemberId(actor);
  const application = await AidApplicationModel.findById(id).lean<AidApplicationDoc>();
  if (!application) throw notFound();
  aidPolicy.authorize(actor, 'actAsApplicant', application);
  return application;
}

export async function myAidApplications(actor: Actor): Promise<AidApplicationDoc[]> {
  const memberId = requireMemberId(actor);
  return AidApplicationModel.find({ memberId: new Types.ObjectId(memberId) })
    .sort({ createdAt: -1, _id: -1 })
    .limit(50)
    .lean<AidApplicationDoc[]>();
}

export async function precheck(actor: Actor, programmeId: string, now: Date) {
  const member = await requireMember(actor);
  const programme = await programmeForMember(member, programmeId);
  return checkEligibility(programme, member, now);
}

/** A new draft; a member may hold several for one programme (one per child). */
export async function startApplication(actor: Actor, programmeId: string, now: Date): Promise<AidApplicationDoc> {
  const member = await requireMember(actor);
  const programme = await programmeForMember(member, programmeId);
  const check = checkEligibility(programme, member, now);
  if (!check.eligible) throw notEligibleError(check);
  const [created] = await AidApplicationModel.insertMany([
    {
      programmeId: programme._id,
      memberId: member._id,
      accountId: new Types.ObjectId(actor.accountId),
      applicantName: member.name,
      orgId: member.orgId,
      orgPath: member.orgPath,
      status: 'draft',
    },
  ]);
  await appendTimeline(created!._id, {
    action: 'created',
    actorAccountId: actor.accountId,
    actorLabel: APPLICANT_LABEL,
  });
  return created!.toObject() as AidApplicationDoc;
}

/** The draft's fields as `$set` paths: only what was sent changes, personal numbers sealed. */
function draftUpdate(draft: Draft, cipher: Deps['cipher']): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.child ?? {})) {
    if (value === undefined) continue;
    if (key === 'idNumber') set['child.idNumberSealed'] = cipher.encrypt(String(value));
    else set[`child.${key}`] = value;
  }
  for (const [key, value] of Object.entries(draft.household ?? {})) {
    if (value !== undefined) set[`household.${key}`] = value;
  }
  for (const [key, value] of Object.entries(draft.payment ?? {})) {
    if (value === undefined) continue;
    if (key === 'accountNumber') set['payment.accountNumberSealed'] = cipher.encrypt(String(value));
    else set[`payment.${key}`] = value;
  }
  if (draft.declarationAccepted !== undefined) set.declarationAccepted = draft.declarationAccepted;
  return set;
}

/**
 * Saves whatever part of the form was sent. No version is asked of the client: a
 * retried save (weak connection) simply writes the same values again.
 */
export async function saveDraft(actor: Actor, id: string, draft: Draft, deps: Deps): Promise<AidApplicationDoc> {
  const application = await ownApplication(actor, id);
  if (!EDITABLE_STATUSES.includes(application.status)) throw notEditable();
  // Only while still editable: a submission or decision landing meanwhile wins.
  const saved = await updateIfAndRead(
    AidApplicationModel,
    { key: { _id: application._id }, when: { status: { $in: EDITABLE_STATUSES } } },
    { $set: draftUpdate(draft, deps.cipher), $inc: { version: 1 } },
  );
  if (!saved) throw notEditable();
  return saved;
}

/** The stored form as the submission schema reads it, personal numbers unsealed. */
function storedForm(application: AidApplicationDoc, cipher: Deps['cipher']) {
  const { child, household, payment } = application;
  const open = (sealed: string | null | undefined) => (sealed ? cipher.decrypt(sealed) : undefined);
  return {
    child: { ...withoutSealed(child), idNumber: open(child?.idNumberSealed) },
    household: { ...household },
    payment: { ...withoutSealed(payment), accountNumber: open(payment?.accountNumberSealed) },
    declarationAccepted: application.declarationAccepted,
  };
}

function withoutSealed(section: object | null | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section ?? {})) {
    if (!key.endsWith('Sealed') && value !== null && value !== undefined) copy[key] = value;
  }
  return copy;
}

function validateSubmission(application: AidApplicationDoc, cipher: Deps['cipher']) {
  const parsed = AidSubmissionSchema.safeParse(storedForm(application, cipher));
  if (!parsed.success) {
    throw ValidationError(problemsOf(parsed.error), '申请信息尚未填写完整，请按提示补充后再提交');
  }
  return parsed.data;
}

function assertDocumentsComplete(application: AidApplicationDoc, programme: AidProgrammeDoc) {
  const missing = missingDocumentKinds(application, programme);
  if (missing.length === 0) return;
  const names = missing.map((kind) => DOCUMENT_KIND_LABELS[kind]);
  throw new HttpError(
    400,
    'documents_missing',
    `请先上传以下材料：${names.join('、')}`,
    missing.map((kind) => ({ path: `documents.${kind}`, message: `请上传${DOCUMENT_KIND_LABELS[kind]}` })),
  );
}

const stateOf = (application: AidApplicationDoc) => ({
  status: application.status,
  currentStep: application.currentStep ?? null,
});

const applicationLink = (id: Types.ObjectId) => `/pages-aid/application/index?id=${String(id)}`;

/** Submits a draft, or resubmits one returned for more material at the step that returned it. */
export async function submitApplication(actor: Actor, id: string, deps: Deps, now: Date): Promise<AidApplicationDoc> {
  const member = await requireMember(actor);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const application = await ownApplication(actor, id);
    const programme = await requireAidProgramme(application.programmeId);
    const next = nextAidState(stateOf(application), 'submit', {
      chainLength: programme.reviewChain.length,
      noticeDays: programme.noticeDays,
    });
    if (!next.ok) throw ConflictError('该申请已提交，无需重复提交', 'already_submitted');
    const form = validateSubmission(application, deps.cipher);
    const check = checkEligibility(programme, member, now, { child: form.child, household: form.household });
    if (!check.eligible) throw notEligibleError(check);
    assertDocumentsComplete(application, programme);

    const childKey = `${String(programme._id)}:${deps.cipher.blindIndex('childIdNumber', form.child.idNumber)}`;
    let submitted: AidApplicationDoc | null;
    try {
      submitted = await updateIfAndRead(
        AidApplicationModel,
        { key: { _id: application._id }, when: { version: application.version } },
        {
          $set: {
            status: next.status,
            currentStep: next.currentStep,
            childKey,
            // A resubmitted application keeps its place in the queue.
            submittedAt: application.submittedAt ?? now,
            stepStartedAt: now,
          },
          $inc: { version: 1 },
        },
      );
    } catch (caught) {
      if (!isDuplicateKeyError(caught)) throw caught;
      throw ConflictError('该子女已有一份本项目的申请', 'duplicate_child');
    }
    if (!submitted) continue; // saved on another device or acted on meanwhile: check again
    const resubmitted = application.status === 'returned';
    // The step this submission set (`next`), not the one read back: a withdrawal from another
    // device or a reviewer's decision may already have moved the application on.
    await appendTimeline(submitted._id, {
      action: resubmitted ? 'resubmitted' : 'submitted',
      actorAccountId: actor.accountId,
      actorLabel: APPLICANT_LABEL,
      step: next.currentStep,
      at: now,
    });
    if (!resubmitted) await markAidFigures([AID_METRICS.applications], submitted, submitted.submittedAt ?? now);
    const stepLabel = AID_REVIEW_STEP_TEXT[programme.reviewChain[next.currentStep ?? 0]!];
    await notify(deps, {
      accountId: actor.accountId,
      kind: 'aid_status',
      title: resubmitted ? '助学申请已重新提交' : '助学申请已提交',
      body: `${programme.name}：等待${stepLabel}`,
      link: applicationLink(submitted._id),
    });
    return submitted;
  }
  throw changedMeanwhile();
}

/** Withdraws before a decision; the child may then be applied for again. */
export async function withdrawApplication(actor: Actor, id: string, deps: Deps, now: Date) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const application = await ownApplication(actor, id);
    const programme = await requireAidProgramme(application.programmeId);
    const next = nextAidState(stateOf(application), 'withdraw', {
      chainLength: programme.reviewChain.length,
      noticeDays: programme.noticeDays,
    });
    if (!next.ok) throw ConflictError('申请已有审核结果，不能撤回', 'not_withdrawable');
    const withdrawn = await updateIfAndRead(
      AidApplicationModel,
      { key: { _id: application._id }, when: { version: application.version } },
      {
        $set: { status: next.status, currentStep: next.currentStep, stepStartedAt: null },
        $unset: { childKey: 1 },
        $inc: { version: 1 },
      },
    );
    if (!withdrawn) continue; // a reviewer acted or another device changed it meanwhile: check again
    await appendTimeline(withdrawn._id, {
      action: 'withdrawn',
      actorAccountId: actor.accountId,
      actorLabel: APPLICANT_LABEL,
      step: application.currentStep,
      at: now,
    });
    // Withdrawn under review, it leaves its step (counted like a decision once the timeline says so).
    if (application.status === 'in_review') {
      await markAidFigures([AID_METRICS.stepMinutes, AID_METRICS.stepCount], withdrawn, now);
    }
    // A draft never reached anyone: no message for withdrawing it.
    if (application.status !== 'draft') {
      await notify(deps, {
        accountId: actor.accountId,
        kind: 'aid_status',
        title: '助学申请已撤回',
        body: programme.name,
        link: applicationLink(withdrawn._id),
      });
    }
    return withdrawn;
  }
  throw changedMeanwhile();
}
