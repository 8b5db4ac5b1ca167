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
import { AID_METRICS, markAidFigures } from '../aid/figures';
import type { Actor } from '../auth/actor';
import { recordChange, SYSTEM_ACCOUNT_ID, SYSTEM_LABEL, type AidReviewDeps } from './events';
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
    const approved = await updateIfAndRead(
      AidApplicationModel,
      { key: { _id: application._id }, when: { version: application.version, status: 'in_notice' } },
      {
        $set: {
          status: next.status,
          currentStep: next.currentStep,
          amountFen: grantAmountFen(programme, application),
          approvedAt: now,
        },
        $inc: { version: 1 },
      },
    );
    if (!approved) continue; // someone else settled or rejected it meanwhile
    settled += 1;
    await recordChange(deps, approved, [
      {
        action: 'approved',
        actorAccountId: SYSTEM_ACCOUNT_ID,
        actorLabel: SYSTEM_LABEL,
        step: null,
        note: null,
        at: now,
      },
    ]);
    await markAidFigures([AID_METRICS.approvals, AID_METRICS.approvedAmount], approved, now);
  }
  return settled;
}

/** Runs the settlement every `intervalMs` on one instance at a time; `stop()` waits for a run in progress. */
export function startAidNoticeSweep(deps: AidReviewDeps & Pick<Runtime, 'logger' | 'metrics'>, intervalMs = 60_000) {
  return startLeasedJob('aid notice sweep', deps.logger, intervalMs, () => settleElapsedNotices(deps, new Date()), {
    observe: deps.metrics.observeJob,
  });
}
