/**
 * Public notice (公示): after the last review step an application waits `noticeDays`
 * and then becomes approved. Settled lazily on staff reads and by a periodic sweep;
 * each settlement is conditional on the version, so overlapping sweeps are harmless.
 */
import { startLeasedJob } from '../../jobs/leased-job';
import type { Types } from 'mongoose';
import { nextAidState, tierAmountFen } from '@union/shared';
import { updateIfAndRead } from '../../db/conditional-update';
import type { Runtime } from '../../runtime';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { AID_METRICS } from '../aid/figures';
import type { Actor } from '../auth/actor';
import { carryRecord, completeChange, completePendingChanges } from './change-record';
import { SYSTEM_ACCOUNT_ID, SYSTEM_LABEL, type AidReviewDeps } from './events';
import { applicationForStaff } from './policy';

const SWEEP_BATCH = 200;

export function grantAmountFen(programme: AidProgrammeDoc, application: AidApplicationDoc): number | null {
  const level = application.child?.educationLevel;
  return level ? tierAmountFen(programme.tiers as { educationLevel: typeof level; amountFen: number }[], level) : null;
}

/**
 * An application as staff may see it now: one whose notice has run out is approved first,
 * so nobody reads (or rejects) as pending what is already decided.
 */
export async function currentApplicationForStaff(
  deps: AidReviewDeps,
  actor: Actor,
  id: string,
  now: Date,
): Promise<AidApplicationDoc> {
  const found = await applicationForStaff(actor, id);
  if (found.status !== 'in_notice') return found;
  await settleElapsedNotices(deps, now, { applicationId: found._id });
  return applicationForStaff(actor, id);
}

/** Approves the applications whose notice has ended by `now`; returns how many this call approved. */
export async function settleElapsedNotices(
  deps: AidReviewDeps,
  now: Date,
  where: { programmeId?: Types.ObjectId; applicationId?: Types.ObjectId } = {},
): Promise<number> {
  const due = await AidApplicationModel.find({
    status: 'in_notice',
    noticeEndsAt: { $lte: now },
    ...(where.programmeId ? { programmeId: where.programmeId } : {}),
    ...(where.applicationId ? { _id: where.applicationId } : {}),
  })
    .limit(SWEEP_BATCH)
    .lean<AidApplicationDoc[]>();
  const programmes = new Map<string, AidProgrammeDoc | null>();
  let settled = 0;
  for (const application of due) {
    const key = String(application.programmeId);
    if (!programmes.has(key)) {
      programmes.set(key, await AidProgrammeModel.findById(key).lean<AidProgrammeDoc>());
    }
    const programme = programmes.get(key);
    if (!programme) continue;
    const next = nextAidState({ status: application.status, currentStep: null }, 'notice_elapsed', {
      chainLength: programme.reviewChain.length,
      noticeDays: programme.noticeDays,
    });
    if (!next.ok) continue;
    const entries = [
      {
        action: 'approved' as const,
        actorAccountId: SYSTEM_ACCOUNT_ID,
        actorLabel: SYSTEM_LABEL,
        step: null,
        note: null,
        at: now,
      },
    ];
    const metrics = [AID_METRICS.approvals, AID_METRICS.approvedAmount];
    // The decision that started the notice may still be recording: finish it before this change replaces it.
    await completeChange(deps, application);
    const approved = await updateIfAndRead(
      AidApplicationModel,
      { key: { _id: application._id }, when: { version: application.version, status: 'in_notice' } },
      {
        $set: {
          status: next.status,
          currentStep: next.currentStep,
          amountFen: grantAmountFen(programme, application),
          approvedAt: now,
          ...carryRecord(application.version, next.status, now, entries, metrics),
        },
        $inc: { version: 1 },
      },
    );
    if (!approved) continue; // someone else settled or rejected it meanwhile
    settled += 1;
    await completeChange(deps, approved);
  }
  return settled;
}

/**
 * Runs the settlement every `intervalMs` on one instance at a time, after completing the
 * changes a crash cut off (change-record.ts); `stop()` waits for a run in progress.
 */
export function startAidNoticeSweep(deps: AidReviewDeps & Pick<Runtime, 'logger' | 'metrics'>, intervalMs = 60_000) {
  const pass = async () => {
    const now = new Date();
    return { completed: await completePendingChanges(deps, now), settled: await settleElapsedNotices(deps, now) };
  };
  return startLeasedJob('aid notice sweep', deps.logger, intervalMs, pass, { observe: deps.metrics.observeJob });
}
