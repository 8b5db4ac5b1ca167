/**
 * Recording a payment run. Everything is checked before anything moves; each
 * application then moves approved → disbursed with a conditional update. If a
 * concurrent batch took one meanwhile, the ones this batch moved are put back and
 * the caller gets 409: a batch is recorded whole or not at all. The unique
 * `requestId` makes a retried submission return the batch it already recorded; a
 * retry that finds its batch stuck by a crash settles it first (disbursement-recovery.ts).
 */
import { Types } from 'mongoose';
import type { DisbursementRequestSchema } from '@union/shared';
import type { z } from 'zod';
import { updateIf, updateIfAndRead } from '../../db/conditional-update';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, HttpError, NotFoundError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { AidApplicationModel, type AidApplicationDoc } from '../aid/aid-application.model';
import { AidDisbursementBatchModel, type AidDisbursementBatchDoc } from './disbursement-batch.model';
import { announcePaid, isStuck, markDisbursed, recoverBatch, releaseApplications } from './disbursement-recovery';
import type { AidReviewDeps } from './events';
import { STATUS_LABELS } from './messages';
import { payableBy, programmeToPay } from './policy';

type DisbursementRequest = z.output<typeof DisbursementRequestSchema>;

export function presentBatch(batch: AidDisbursementBatchDoc) {
  return {
    id: String(batch._id),
    programmeId: String(batch.programmeId),
    paidOn: batch.paidOn,
    reference: batch.reference,
    applicationCount: batch.applicationIds.length,
    totalFen: batch.totalFen,
    createdAt: batch.createdAt.toISOString(),
  };
}

async function existingBatch(deps: AidReviewDeps, requestId: string, programmeId: Types.ObjectId, now: Date) {
  let batch = await AidDisbursementBatchModel.findOne({ requestId }).lean<AidDisbursementBatchDoc>();
  if (!batch) return null;
  if (!batch.programmeId.equals(programmeId)) throw ConflictError('请求编号已被另一批发放使用', 'request_id_reused');
  if (isStuck(batch, now)) {
    // Settled `failed`, the batch gives up its request id and the retry records anew.
    if ((await recoverBatch(deps, batch, now)) === 'failed') return null;
    batch = await AidDisbursementBatchModel.findById(batch._id).lean<AidDisbursementBatchDoc>();
  }
  if (batch?.state !== 'done') throw ConflictError('这批发放正在登记中，请稍后刷新查看', 'batch_in_progress');
  return batch;
}

export async function recordDisbursement(
  deps: AidReviewDeps,
  actor: Actor,
  request: DisbursementRequest,
  now: Date,
): Promise<AidDisbursementBatchDoc> {
  const { programme, within } = await programmeToPay(actor, request.programmeId);
  const retried = await existingBatch(deps, request.requestId, programme._id, now);
  if (retried) return retried;

  const ids = [...new Set(request.applicationIds)].map((id) => new Types.ObjectId(id));
  const applications = await AidApplicationModel.find({
    _id: { $in: ids },
    programmeId: programme._id,
    ...payableBy(within),
  }).lean<AidApplicationDoc[]>();
  if (applications.length !== ids.length) throw NotFoundError('部分申请不存在或不属于该项目');
  const notPayable = applications.filter((application) => application.status !== 'approved');
  if (notPayable.length > 0) {
    throw new HttpError(
      409,
      'not_approved',
      `有 ${notPayable.length} 份申请不是“已批准待发放”状态，不能登记发放`,
      notPayable.map((application) => ({
        path: String(application._id),
        message: `${application.applicantName}：${STATUS_LABELS[application.status]}`,
      })),
    );
  }

  let batch: AidDisbursementBatchDoc;
  try {
    const [created] = await AidDisbursementBatchModel.insertMany([
      {
        programmeId: programme._id,
        requestId: request.requestId,
        paidOn: request.paidOn,
        reference: request.reference,
        applicationIds: ids,
        totalFen: applications.reduce((sum, application) => sum + (application.amountFen ?? 0), 0),
        createdBy: actor.accountId,
      },
    ]);
    batch = created!.toObject() as AidDisbursementBatchDoc;
  } catch (caught) {
    // The same request arrived twice at once: the other one is recording it.
    if (isDuplicateKeyError(caught)) {
      const recorded = await existingBatch(deps, request.requestId, programme._id, now);
      if (recorded) return recorded;
      throw ConflictError('这批发放正在登记中，请稍后刷新查看', 'batch_in_progress');
    }
    throw caught;
  }

  const moved: AidApplicationDoc[] = [];
  for (const application of applications) {
    // approved → disbursed only from the state this batch checked: of two batches, one moves it.
    const paid = await updateIfAndRead(
      AidApplicationModel,
      {
        key: { _id: application._id },
        when: { version: application.version, status: 'approved', disbursementBatchId: null },
      },
      { $set: { status: 'disbursed', disbursementBatchId: batch._id }, $inc: { version: 1 } },
    );
    if (!paid) {
      await undo(batch);
      throw ConflictError(
        `${application.applicantName} 的申请刚刚被其他发放批次登记，本批未登记，请刷新后重试`,
        'already_disbursed',
      );
    }
    moved.push(paid);
  }
  const completed = await updateIf(
    AidDisbursementBatchModel,
    { key: { _id: batch._id }, when: { state: 'pending' } },
    { $set: { state: 'done' } },
  );
  if (!completed) {
    // Recovery judged this batch stuck and is undoing it: finish the undo, pay nothing.
    await releaseApplications(batch._id);
    throw ConflictError('这批发放登记超时已撤销，请重新提交', 'batch_timed_out');
  }
  await markDisbursed(batch, moved);
  await announcePaid(deps, batch, moved, actor.accountId, now);
  return { ...batch, state: 'done' };
}

/** The programme's recorded payment runs, newest first (unfinished and undone ones are not payments). */
export async function listDisbursements(actor: Actor, programmeId: string): Promise<AidDisbursementBatchDoc[]> {
  const { programme, within } = await programmeToPay(actor, programmeId);
  // A district paying its part of a programme sees the batches holding its applicants.
  const ownBatches = within
    ? {
        _id: {
          $in: await AidApplicationModel.distinct('disbursementBatchId', {
            programmeId: programme._id,
            disbursementBatchId: { $ne: null },
            ...payableBy(within),
          }),
        },
      }
    : {};
  return AidDisbursementBatchModel.find({ programmeId: programme._id, state: 'done', ...ownBatches })
    .sort({ createdAt: -1, _id: -1 })
    .limit(500)
    .lean<AidDisbursementBatchDoc[]>();
}

async function undo(batch: AidDisbursementBatchDoc) {
  await releaseApplications(batch._id);
  await AidDisbursementBatchModel.deleteOne({ _id: batch._id, state: 'pending' });
}
