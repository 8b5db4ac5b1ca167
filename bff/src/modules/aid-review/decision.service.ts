/**
 * A reviewer's decision on the current step: approve (to the next step, the notice
 * period, or approval), return for more material, or reject. One conditional update
 * on { _id, version, status, currentStep }: of two reviewers acting at once exactly
 * one matches; the other gets 409 with the state the winner left.
 */
import {
  AID_REVIEW_STEP_TEXT,
  DAY_MS,
  nextAidState,
  UNION_OFFICE_ROLES,
  type AidReviewActionSchema,
} from '@union/shared';
import type { z } from 'zod';
import { updateIfAndRead } from '../../db/conditional-update';
import { ConflictError, ForbiddenError, HttpError } from '../../http/errors';
import { scopeOrgIds, type Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import type { AidProgrammeDoc } from '../aid/aid-programme.model';
import { AID_METRICS, type AidMetric } from '../aid/figures';
import { requireAidProgramme } from '../aid/programmes.service';
import type { TimelineAction } from '../aid/timeline';
import { organizationNames } from '../organizations/service';
import { carryRecord, completeChange } from './change-record';
import { reviewerLabel, type AidReviewDeps } from './events';
import { STATUS_LABELS } from './messages';
import { currentApplicationForStaff, grantAmountFen } from './notice.service';
import { aidReviewPolicy, loadOrgs, stepOrg } from './policy';

type Decision = z.output<typeof AidReviewActionSchema>;

function stateText(application: AidApplicationDoc, programme: AidProgrammeDoc): string {
  const step = application.currentStep ?? null;
  const level = step === null ? undefined : programme.reviewChain[step];
  return application.status === 'in_review' && level ? AID_REVIEW_STEP_TEXT[level] : STATUS_LABELS[application.status];
}

/** 409 carrying the current state, so the client can show it without another request. */
export function changedMeanwhile(application: AidApplicationDoc, programme: AidProgrammeDoc): HttpError {
  return new HttpError(
    409,
    'application_changed',
    `该申请已被其他审核人员处理，请刷新（当前：${stateText(application, programme)}）`,
    [
      { path: 'status', message: application.status },
      { path: 'currentStep', message: String(application.currentStep) },
      { path: 'version', message: String(application.version) },
    ],
  );
}

/** The organisation the caller acts for on this application now, or a 403 saying who should. */
async function actingOrgName(actor: Actor, application: AidApplicationDoc, programme: AidProgrammeDoc) {
  if (application.status === 'in_review') {
    const org = stepOrg(application, programme, await loadOrgs([application.orgPath]));
    if (org && aidReviewPolicy.can(actor, 'decideFor', org)) return org.name;
    throw ForbiddenError(
      `当前为“${stateText(application, programme)}”，应由${org?.name ?? '相应工会'}审核，您只能查看`,
    );
  }
  // During the notice period only the office running the programme (or above) may still reject.
  const onPath = new Set(programme.orgPath.map(String));
  const runningOrgId = scopeOrgIds(actor, UNION_OFFICE_ROLES).find((orgId) => onPath.has(orgId));
  if (!runningOrgId) throw ForbiddenError('公示期间只有举办该项目的工会工作人员可以作出不予资助的决定');
  return (await organizationNames([runningOrgId])).get(runningOrgId) ?? '';
}

export async function decideApplication(
  deps: AidReviewDeps,
  actor: Actor,
  id: string,
  decision: Decision,
  now: Date,
): Promise<AidApplicationDoc> {
  const application = await currentApplicationForStaff(deps, actor, id, now);
  const programme = await requireAidProgramme(application.programmeId);
  // A reviewer who acted on an outdated screen is told what happened meanwhile, before anything else.
  if (decision.version !== application.version) throw changedMeanwhile(application, programme);
  const state = { status: application.status, currentStep: application.currentStep ?? null };
  const next = nextAidState(state, decision.action, {
    chainLength: programme.reviewChain.length,
    noticeDays: programme.noticeDays,
  });
  if (!next.ok) {
    throw ConflictError(`${next.message}（当前：${stateText(application, programme)}）`, 'illegal_transition');
  }
  const orgName = await actingOrgName(actor, application, programme);

  const entry = (action: TimelineAction, note: string | null) => ({
    action,
    actorAccountId: actor.accountId,
    actorLabel: reviewerLabel(orgName),
    step: state.currentStep,
    note,
    at: now,
  });
  const note = decision.note || null;
  const entries = {
    approve: [entry('approved_step', note)],
    return: [entry('returned', note)],
    reject: [entry('rejected', note)],
  }[decision.action];
  if (next.status === 'in_notice') entries.push({ ...entry('notice_started', null), step: null });
  if (next.status === 'approved') entries.push({ ...entry('approved', null), step: null });
  // The step metrics read the timeline: a step was left, and perhaps the grant made.
  const metrics: AidMetric[] = [];
  if (state.status === 'in_review') metrics.push(AID_METRICS.stepMinutes, AID_METRICS.stepCount);
  if (next.status === 'approved') metrics.push(AID_METRICS.approvals, AID_METRICS.approvedAmount);

  const set: Record<string, unknown> = {
    status: next.status,
    currentStep: next.currentStep,
    ...carryRecord(application.version, next.status, now, entries, metrics),
  };
  const unset: Record<string, 1> = {};
  if (next.status === 'in_review') set.stepStartedAt = now;
  if (next.status === 'in_notice') set.noticeEndsAt = new Date(now.getTime() + programme.noticeDays * DAY_MS);
  if (next.status === 'in_notice' || next.status === 'approved') set.amountFen = grantAmountFen(programme, application);
  if (next.status === 'approved') set.approvedAt = now;
  if (next.status === 'rejected') {
    set.amountFen = null;
    set.noticeEndsAt = null;
    // The child may be put forward again (e.g. by the other parent) once this one has ended.
    unset.childKey = 1;
  }
  // A change cut off before recording its timeline is completed before the next one replaces it.
  await completeChange(deps, application);
  const updated = await updateIfAndRead(
    AidApplicationModel,
    { key: { _id: application._id }, when: { version: application.version, ...state } },
    { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}), $inc: { version: 1 } },
  );
  if (!updated) {
    const current = await AidApplicationModel.findById(application._id).lean<AidApplicationDoc>();
    throw changedMeanwhile(current ?? application, programme);
  }
  await completeChange(deps, updated);
  return updated;
}
