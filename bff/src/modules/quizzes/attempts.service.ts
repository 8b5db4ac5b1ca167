/**
 * Taking a quiz: start (a paper drawn for this attempt; the attempt limit and "one open at a
 * time" hold under parallel starts through one compare-and-set on the member's standing, and a
 * replayed start answers with the same attempt), save answers before the server's deadline,
 * submit (graded once; a replay answers with the same result), and read an attempt.
 */
import { Types } from 'mongoose';
import { drawPaper, type QuizAnswers, type QuizAttempt } from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { finishAttempt, finishIfExpired } from './attempt-finish';
import { AttemptModel, type AttemptDoc } from './attempt.model';
import { frozenBank, type Bank } from './bank-cache';
import { QuizModel, type QuizDoc } from './quiz.model';
import { quizPolicy } from './policy';
import { presentAttempt, quizState, rulesOf } from './presenter';
import { StandingModel, type StandingDoc } from './standing.model';
import { takeableQuiz, type Taker } from './take';

const MINUTE_MS = 60_000;
/** Start requests remembered per member and quiz for replays (more than the 10 attempts allowed). */
const REMEMBERED_STARTS = 20;
/** A claim whose attempt never got written (the process died in between) is given back after this. */
const ORPHAN_CLAIM_MS = 30_000;
const START_ROUNDS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startProblem(
  quiz: QuizDoc,
  standing: Pick<StandingDoc, 'attemptsUsed'> | null,
  now: Date,
): string | null {
  const state = quizState(quiz, now);
  if (state === 'not_open') return '竞赛尚未开始';
  if (state === 'ended') return '竞赛已结束';
  if ((standing?.attemptsUsed ?? 0) >= quiz.attemptsPerMember) return '答题次数已用完';
  return null;
}

/** The attempt a standing holds open; finished on the spot if its deadline passed. Null if it is gone. */
async function openAttempt(standing: StandingDoc, bank: Bank, now: Date): Promise<AttemptDoc | null> {
  const id = standing.openAttemptId!;
  // The winner of a parallel start writes its attempt right after claiming: give it a moment.
  for (let wait = 0; wait < 10; wait++) {
    const attempt = await AttemptModel.findById(id).lean<AttemptDoc>();
    if (attempt) return finishIfExpired(attempt, bank, now);
    await sleep(10 * (wait + 1));
  }
  // The id was made at the claim, so its timestamp tells how long ago that was.
  if (Date.now() - id.getTimestamp().getTime() > ORPHAN_CLAIM_MS) {
    await updateIf(
      StandingModel,
      { key: { _id: standing._id }, when: { openAttemptId: id } },
      { $set: { openAttemptId: null }, $inc: { attemptsUsed: -1 } },
    );
  }
  return null;
}

/** Questions of the member's earlier papers: their review may have shown the keys. */
async function seenQuestions(quiz: QuizDoc, memberId: Types.ObjectId): Promise<Set<string>> {
  const earlier = await AttemptModel.find({ quizId: quiz._id, memberId }, { paper: 1 }).lean<
    Pick<AttemptDoc, 'paper'>[]
  >();
  return new Set(earlier.flatMap((attempt) => attempt.paper.map((slot) => String(slot.questionId))));
}

/** Copied onto the standing at the first start (the ranking shows the name masked and filters by org). */
const takerFields = (taker: Taker) => ({
  memberName: taker.name,
  memberOrgId: taker.orgId,
  memberOrgPath: taker.orgPath,
  best: null,
});

export async function startAttempt(actor: Actor, quizId: string, requestId: string, now: Date): Promise<QuizAttempt> {
  const { quiz, taker } = await takeableQuiz(actor, quizId);
  const bank = await frozenBank(quiz);
  const memberId = new Types.ObjectId(taker.memberId);
  for (let round = 0; round < START_ROUNDS; round++) {
    const standing = await StandingModel.findOne({ quizId: quiz._id, memberId }).lean<StandingDoc>();
    const replayed = standing?.starts.find((start) => start.requestId === requestId);
    if (replayed) {
      const attempt = await AttemptModel.findById(replayed.attemptId).lean<AttemptDoc>();
      if (attempt) return presentAttempt(await finishIfExpired(attempt, bank, now), quiz, bank, now);
    }
    if (standing?.openAttemptId) {
      const open = await openAttempt(standing, bank, now);
      if (open?.status === 'in_progress') return presentAttempt(open, quiz, bank, now);
      continue;
    }
    const problem = startProblem(quiz, standing, now);
    if (problem) throw ConflictError(problem, 'cannot_start');
    const used = standing?.attemptsUsed ?? 0;
    const attemptId = new Types.ObjectId();
    const paper = drawPaper(
      bank.refs,
      rulesOf(quiz),
      Math.random,
      used > 0 ? await seenQuestions(quiz, memberId) : undefined,
    );
    // One write claims the attempt; a member's first start creates the standing with it (the
    // unique key decides between parallel first starts).
    const claimed = await updateIf(
      StandingModel,
      { key: { quizId: quiz._id, memberId }, when: { attemptsUsed: used, openAttemptId: null } },
      {
        $set: {
          openAttemptId: attemptId,
          starts: [...(standing?.starts ?? []), { requestId, attemptId }].slice(-REMEMBERED_STARTS),
        },
        $inc: { attemptsUsed: 1 },
        ...(standing ? {} : { $setOnInsert: takerFields(taker) }),
      },
      { upsert: !standing },
    );
    if (!claimed) continue;
    const closesAt = quiz.closesAt.getTime();
    const attempt = {
      _id: attemptId,
      quizId: quiz._id,
      memberId,
      seq: used + 1,
      status: 'in_progress' as const,
      startedAt: now,
      deadline: new Date(Math.min(now.getTime() + quiz.timeLimitMinutes * MINUTE_MS, closesAt)),
      paper: paper.map((slot) => ({ questionId: new Types.ObjectId(slot.questionId), points: slot.points })),
      answers: {},
      savedAt: null,
      submittedAt: null,
      score: null,
      correctCount: null,
      durationSeconds: null,
      graded: [],
    };
    await AttemptModel.collection.insertOne(attempt);
    return presentAttempt(attempt, quiz, bank, now);
  }
  throw ConflictError('答题人数较多，请稍后再试', 'start_busy');
}

async function ownAttempt(actor: Actor, id: string): Promise<AttemptDoc> {
  const attempt = await AttemptModel.findById(id).lean<AttemptDoc>();
  if (!attempt) throw NotFoundError('答卷不存在');
  quizPolicy.authorize(actor, 'ownAttempt', attempt);
  return attempt;
}

async function attemptWithBank(actor: Actor, id: string) {
  const attempt = await ownAttempt(actor, id);
  const quiz = await QuizModel.findById(attempt.quizId).lean<QuizDoc>();
  if (!quiz) throw NotFoundError('答卷不存在');
  return { attempt, quiz, bank: await frozenBank(quiz) };
}

export async function readAttempt(actor: Actor, id: string, now: Date): Promise<QuizAttempt> {
  const { attempt, quiz, bank } = await attemptWithBank(actor, id);
  return presentAttempt(await finishIfExpired(attempt, bank, now), quiz, bank, now);
}

/** Only questions of this paper; anything else is a client bug worth a clear 400. */
function paperAnswers(attempt: AttemptDoc, answers: QuizAnswers): Record<string, string[]> {
  const onPaper = new Set(attempt.paper.map((slot) => String(slot.questionId)));
  const strangers = Object.keys(answers).filter((id) => !onPaper.has(id));
  if (strangers.length > 0) {
    throw ValidationError(strangers.map((id) => ({ path: `answers.${id}`, message: '不是本试卷的题目' })));
  }
  return Object.fromEntries(Object.entries(answers).map(([id, letters]) => [id, [...new Set(letters)].sort()]));
}

const timeUp = () => ConflictError('答题时间已到', 'attempt_time_up');
const alreadySubmitted = () => ConflictError('已交卷，不能再修改答案', 'attempt_submitted');

export async function saveAnswers(actor: Actor, id: string, answers: QuizAnswers, now: Date) {
  const attempt = await ownAttempt(actor, id);
  const changes = paperAnswers(attempt, answers);
  if (attempt.status !== 'in_progress') throw alreadySubmitted();
  if (now >= attempt.deadline) throw timeUp();
  const set: Record<string, unknown> = { savedAt: now };
  for (const [questionId, letters] of Object.entries(changes)) set[`answers.${questionId}`] = letters;
  const saved = await updateIf(
    AttemptModel,
    { key: { _id: attempt._id }, when: { status: 'in_progress', deadline: { $gt: now } } },
    { $set: set },
  );
  if (!saved) {
    const current = await AttemptModel.findById(attempt._id, { status: 1 }).lean();
    throw current?.status === 'in_progress' ? timeUp() : alreadySubmitted();
  }
  const merged = { ...(attempt.answers as Record<string, string[]>), ...changes };
  return {
    savedAt: now.toISOString(),
    answeredCount: Object.values(merged).filter((letters) => letters.length > 0).length,
    deadline: attempt.deadline.toISOString(),
    serverNow: now.toISOString(),
  };
}

export async function submitAttempt(actor: Actor, id: string, answers: QuizAnswers, now: Date): Promise<QuizAttempt> {
  const { attempt, quiz, bank } = await attemptWithBank(actor, id);
  const changes = paperAnswers(attempt, answers);
  if (attempt.status !== 'in_progress') return presentAttempt(attempt, quiz, bank, now);
  const saved = (attempt.answers ?? {}) as Record<string, string[]>;
  // Past the deadline only what was saved in time counts.
  const finished =
    now >= attempt.deadline
      ? await finishIfExpired(attempt, bank, now)
      : await finishAttempt(attempt, bank, { answers: { ...saved, ...changes }, status: 'submitted', at: now });
  return presentAttempt(finished, quiz, bank, now);
}
