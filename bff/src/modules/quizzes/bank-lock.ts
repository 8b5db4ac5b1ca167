/**
 * Bank writes (import, add, edit, delete) hold a short lease on the quiz: only while it is a
 * draft, one writer at a time. A write that went through bumps the bank revision, which publishing compares,
 * so a quiz is never published while its bank changes under the check.
 */
import type { Types } from 'mongoose';
import { updateIf } from '../../db/conditional-update';
import { ConflictError } from '../../http/errors';
import { QuizModel } from './quiz.model';

/** Long enough for the largest sheet's insert; a crashed writer's lease runs out by itself. */
const LEASE_MS = 120_000;

export async function withBankLock<T>(quizId: Types.ObjectId, now: Date, write: () => Promise<T>): Promise<T> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const taken = await updateIf(
    QuizModel,
    { key: { _id: quizId }, when: { status: 'draft', bankLockedUntil: { $lte: now } } },
    { $set: { bankLockedUntil: leaseUntil } },
  );
  if (!taken) {
    const quiz = await QuizModel.findById(quizId, { status: 1 }).lean();
    if (quiz && quiz.status !== 'draft') throw ConflictError('竞赛已发布，题库已冻结，不能再修改', 'bank_frozen');
    throw ConflictError('题库正在导入或修改，请稍后再试', 'bank_busy');
  }
  const release = (changed: boolean) =>
    updateIf(
      QuizModel,
      { key: { _id: quizId }, when: { bankLockedUntil: leaseUntil } },
      changed
        ? { $set: { bankLockedUntil: new Date(0) }, $inc: { bankRevision: 1 } }
        : { $set: { bankLockedUntil: new Date(0) } },
    );
  let result: T;
  try {
    result = await write();
  } catch (error) {
    // A refused write (a duplicate stem) left the bank as it was.
    await release(false);
    throw error;
  }
  await release(true);
  return result;
}
