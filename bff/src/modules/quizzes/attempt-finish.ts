/**
 * Finishing an attempt: graded once (a conditional change from in_progress, so a replayed or
 * parallel submit and the sweep agree on one result), then the member's standing learns it — the
 * open attempt is released and the best result replaced if this one ranks higher.
 */
import type { Types } from 'mongoose';
import { gradePaper, type QuizAttemptStatus } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { AttemptModel, type AttemptDoc } from './attempt.model';
import { frozenBank, type Bank } from './bank-cache';
import { markQuizParticipation } from './figures';
import { QuizModel, type QuizDoc } from './quiz.model';
import { StandingModel } from './standing.model';

type Answers = Record<string, string[]>;

export async function finishAttempt(
  attempt: AttemptDoc,
  bank: Bank,
  { answers, status, at }: { answers: Answers; status: Exclude<QuizAttemptStatus, 'in_progress'>; at: Date },
): Promise<AttemptDoc> {
  const paper = attempt.paper.map((slot) => ({ questionId: String(slot.questionId), points: slot.points }));
  const grade = gradePaper(paper, bank.keys, answers);
  const finishedAt = at < attempt.deadline ? at : attempt.deadline;
  const fields = {
    status,
    answers,
    submittedAt: finishedAt,
    score: grade.score,
    correctCount: grade.correctCount,
    durationSeconds: Math.max(0, Math.round((finishedAt.getTime() - attempt.startedAt.getTime()) / 1000)),
    graded: grade.questions,
  };
  const applied = await updateIf(
    AttemptModel,
    { key: { _id: attempt._id }, when: { status: 'in_progress' } },
    { $set: fields },
  );
  // Someone else (a parallel submit, the sweep) finished it first: theirs is the result.
  const finished = applied
    ? { ...attempt, ...fields }
    : ((await AttemptModel.findById(attempt._id).lean()) as AttemptDoc);
  await settleStanding(finished);
  // Marked by whoever finished or found it finished: a first finisher that died before marking is healed.
  await markQuizParticipation(finished);
  return finished;
}

/** Tells the standing an attempt is over; safe to repeat. Usually one write. */
export async function settleStanding(attempt: AttemptDoc): Promise<void> {
  if (attempt.status === 'in_progress' || attempt.score === null || attempt.submittedAt === null) return;
  const key = { quizId: attempt.quizId, memberId: attempt.memberId };
  const score = attempt.score;
  const duration = attempt.durationSeconds ?? 0;
  const best = { attemptId: attempt._id, score, durationSeconds: duration, submittedAt: attempt.submittedAt };
  const ranksHigher = {
    $or: [
      { best: null },
      { 'best.score': { $lt: score } },
      { 'best.score': score, 'best.durationSeconds': { $gt: duration } },
      { 'best.score': score, 'best.durationSeconds': duration, 'best.submittedAt': { $gt: attempt.submittedAt } },
    ],
  };
  const both = await updateIf(
    StandingModel,
    { key, when: { openAttemptId: attempt._id, ...ranksHigher } },
    { $set: { best, openAttemptId: null } },
  );
  if (both) return;
  await updateIf(StandingModel, { key, when: ranksHigher }, { $set: { best } });
  await updateIf(StandingModel, { key, when: { openAttemptId: attempt._id } }, { $set: { openAttemptId: null } });
}

/** An attempt read past its deadline is finished on what it saved (lazily, and by the sweep). */
export async function finishIfExpired(attempt: AttemptDoc, bank: Bank, now: Date): Promise<AttemptDoc> {
  if (attempt.status !== 'in_progress' || now < attempt.deadline) return attempt;
  return finishAttempt(attempt, bank, {
    answers: (attempt.answers ?? {}) as Answers,
    status: 'expired',
    at: attempt.deadline,
  });
}

const SWEEP_BATCH = 500;

/** The sweep: attempts left open past their deadline (optionally of one quiz). Resolves how many it finished. */
export async function finishExpiredAttempts(now: Date, quizId?: Types.ObjectId): Promise<number> {
  const filter: Record<string, unknown> = { status: 'in_progress', deadline: { $lte: now } };
  if (quizId) filter.quizId = quizId;
  const attempts = await AttemptModel.find(filter).limit(SWEEP_BATCH).lean<AttemptDoc[]>();
  const quizzes = new Map<string, QuizDoc | null>();
  let finished = 0;
  for (const attempt of attempts) {
    const id = String(attempt.quizId);
    if (!quizzes.has(id)) quizzes.set(id, await QuizModel.findById(attempt.quizId).lean<QuizDoc>());
    const quiz = quizzes.get(id);
    if (!quiz || quiz.status === 'draft') continue;
    await finishIfExpired(attempt, await frozenBank(quiz), now);
    finished += 1;
  }
  return finished;
}
