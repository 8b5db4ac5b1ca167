/**
 * Finishing payment runs that a crash interrupted. Recording a batch inserts it as
 * `pending`, moves each application approved → disbursed (stamped with the batch id),
 * then marks it `done`. A crash in between leaves a pending batch and some of its
 * applications moved; this settles it from what the database holds:
 *
 * - every application of the batch is disbursed with its id → the payment run was
 *   recorded in full, so the batch becomes `done` (and the applicants get their
 *   timeline entry and message, which the crashed request never wrote);
 * - otherwise → the run is undone as a whole, the way a conflicting batch is: the
 *   batch is first fenced as `failing` (so a request still running cannot mark it done),
 *   the applications carrying its id go back to approved, and it ends `failed` with its
 *   request id released, so a retry with the same request id records a fresh batch.
 *
 * Each step is a conditional single-document update, so running it twice (a retry and
 * the start-up sweep, or two instances starting together) changes nothing more. Only
 * batches older than STUCK_AFTER_MS count as stuck: a younger one may still be in
 * the hands of a live request, and recording one takes seconds.
 */
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidProgrammeModel, type AidProgrammeDoc } from '../aid/aid-programme.model';
import { AID_METRICS, markAidFigures } from '../aid/figures';
import { organizationNames } from '../organizations/service';
import { AidDisbursementBatchModel, type AidDisbursementBatchDoc } from './disbursement-batch.model';
import { officeLabel, recordChange, type AidReviewDeps } from './events';

export const STUCK_AFTER_MS = 2 * 60_000;

export const isStuck = (batch: AidDisbursementBatchDoc, now: Date) =>
  batch.state === 'failing' ||
  (batch.state === 'pending' && now.getTime() - batch.createdAt.getTime() >= STUCK_AFTER_MS);

/** The timeline entry and message for each application a batch paid. */
export async function announcePaid(
  deps: AidReviewDeps,
  batch: AidDisbursementBatchDoc,
  applications: AidApplicationDoc[],
  actorAccountId: string | Types.ObjectId,
  now: Date,
): Promise<void> {
  const programme = await AidProgrammeModel.findById(batch.programmeId, { orgId: 1 }).lean<AidProgrammeDoc>();
  const orgId = programme ? String(programme.orgId) : '';
  const orgName = programme ? ((await organizationNames([programme.orgId])).get(orgId) ?? '') : '';
  for (const application of applications) {
    await recordChange(
      deps,
      application,
      [
        {
          action: 'disbursed',
          actorAccountId,
          actorLabel: officeLabel(orgName),
          step: null,
          note: `${batch.paidOn} 发放，批次 ${batch.reference}`,
          at: now,
        },
      ],
      'disbursed',
    );
  }
}

/** A batch is done: its applications are paid, in the figures on the day it was recorded. */
export async function markDisbursed(batch: AidDisbursementBatchDoc, applications: AidApplicationDoc[]): Promise<void> {
  for (const application of applications) {
    await markAidFigures([AID_METRICS.disbursed, AID_METRICS.disbursedStudents], application, batch.createdAt);
  }
}

/** Puts every application still stamped with this batch back to approved. */
export async function releaseApplications(batchId: Types.ObjectId): Promise<void> {
  const moved = await AidApplicationModel.find({ disbursementBatchId: batchId, status: 'disbursed' }, { _id: 1 }).lean<
    AidApplicationDoc[]
  >();
  for (const application of moved) {
    await AidApplicationModel.updateOne(
      { _id: application._id, status: 'disbursed', disbursementBatchId: batchId },
      { $set: { status: 'approved', disbursementBatchId: null }, $inc: { version: 1 } },
    );
  }
}

/** Settles one stuck batch; answers the state it ends in. */
export async function recoverBatch(
  deps: AidReviewDeps,
  batch: AidDisbursementBatchDoc,
  now: Date,
): Promise<'done' | 'failed'> {
  if (batch.state === 'pending') {
    const paid = await AidApplicationModel.find({
      _id: { $in: batch.applicationIds },
      status: 'disbursed',
      disbursementBatchId: batch._id,
    }).lean<AidApplicationDoc[]>();
    if (paid.length === batch.applicationIds.length) {
      const completed = await updateIf(
        AidDisbursementBatchModel,
        { key: { _id: batch._id }, when: { state: 'pending' } },
        { $set: { state: 'done' } },
      );
      // Whoever flips it to done writes the timeline, so nobody writes it twice.
      if (completed) {
        await markDisbursed(batch, paid);
        await announcePaid(deps, batch, paid, batch.createdBy, now);
      }
      return 'done';
    }
    const fenced = await updateIf(
      AidDisbursementBatchModel,
      { key: { _id: batch._id }, when: { state: 'pending' } },
      { $set: { state: 'failing' } },
    );
    if (!fenced) {
      const current = await AidDisbursementBatchModel.findById(batch._id).lean<AidDisbursementBatchDoc>();
      if (current?.state === 'done') return 'done';
      if (current?.state !== 'failing') return 'failed';
    }
  }
  await releaseApplications(batch._id);
  await AidDisbursementBatchModel.updateOne(
    { _id: batch._id, state: 'failing' },
    // The failed batch stays for the record; its request id is freed for the retry.
    { $set: { state: 'failed', requestId: `${batch.requestId}~failed~${String(batch._id)}` } },
  );
  return 'failed';
}

/** Start-up sweep: settles every batch a crash left behind. */
export async function recoverStuckDisbursements(deps: AidReviewDeps, now: Date): Promise<number> {
  const candidates = await AidDisbursementBatchModel.find({
    $or: [{ state: 'failing' }, { state: 'pending', createdAt: { $lte: new Date(now.getTime() - STUCK_AFTER_MS) } }],
  }).lean<AidDisbursementBatchDoc[]>();
  for (const batch of candidates) await recoverBatch(deps, batch, now);
  return candidates.length;
}
