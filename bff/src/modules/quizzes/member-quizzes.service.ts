/** The member's side of finding quizzes: those open to me (or ended), and one quiz's page with my attempts. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { QuizDetail, QuizListQuerySchema } from '@union/shared';
import { pageById } from '../../db/id-pages';
import type { Actor } from '../auth/actor';
import { organizationNames } from '../organizations/service';
import { finishIfExpired } from './attempt-finish';
import { AttemptModel, type AttemptDoc } from './attempt.model';
import { startProblem } from './attempts.service';
import { frozenBank } from './bank-cache';
import { QuizModel, type QuizDoc } from './quiz.model';
import { presentAttemptSummary, presentQuizSummary, presentRules } from './presenter';
import { memberRank } from './ranking.service';
import { StandingModel, type StandingDoc } from './standing.model';
import { takeableQuiz, takerOf } from './take';

export async function listMyQuizzes(actor: Actor, query: z.output<typeof QuizListQuerySchema>, now: Date) {
  const taker = await takerOf(actor);
  const filter: Record<string, unknown> = { audienceOrgId: { $in: taker.active ? taker.orgPath : [] } };
  if (query.state === 'open') Object.assign(filter, { status: 'published', closesAt: { $gt: now } });
  else filter.$or = [{ status: 'closed' }, { status: 'published', closesAt: { $lte: now } }];
  const page = await pageById<QuizDoc>(QuizModel, filter, query);
  const [names, standings] = await Promise.all([
    organizationNames(page.items.flatMap((quiz) => [quiz.orgId, quiz.audienceOrgId])),
    StandingModel.find({
      quizId: { $in: page.items.map((quiz) => quiz._id) },
      memberId: new Types.ObjectId(taker.memberId),
    }).lean<StandingDoc[]>(),
  ]);
  const byQuiz = new Map(standings.map((standing) => [String(standing.quizId), standing]));
  return {
    items: page.items.map((quiz) => {
      const standing = byQuiz.get(String(quiz._id));
      return {
        ...presentQuizSummary(quiz, names, now),
        attemptsUsed: standing?.attemptsUsed ?? 0,
        bestScore: standing?.best?.score ?? null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

export async function quizForMember(actor: Actor, quizId: string, now: Date): Promise<QuizDetail> {
  const { quiz, taker } = await takeableQuiz(actor, quizId);
  const memberId = new Types.ObjectId(taker.memberId);
  let attempts = await AttemptModel.find({ quizId: quiz._id, memberId }).sort({ seq: -1 }).lean<AttemptDoc[]>();
  if (attempts.some((attempt) => attempt.status === 'in_progress' && now >= attempt.deadline)) {
    const bank = await frozenBank(quiz);
    attempts = await Promise.all(attempts.map((attempt) => finishIfExpired(attempt, bank, now)));
  }
  const [standing, names] = await Promise.all([
    StandingModel.findOne({ quizId: quiz._id, memberId }).lean<StandingDoc>(),
    organizationNames([quiz.orgId, quiz.audienceOrgId]),
  ]);
  const open = attempts.find((attempt) => attempt.status === 'in_progress');
  const used = standing?.attemptsUsed ?? 0;
  return {
    ...presentQuizSummary(quiz, names, now),
    description: quiz.description,
    rules: presentRules(quiz),
    showExplanations: quiz.showExplanations,
    attemptsUsed: used,
    attemptsLeft: Math.max(0, quiz.attemptsPerMember - used),
    attempts: attempts.map(presentAttemptSummary),
    openAttemptId: open ? String(open._id) : null,
    best: standing?.best
      ? {
          score: standing.best.score,
          durationSeconds: standing.best.durationSeconds,
          rank: await memberRank(quiz, standing),
        }
      : null,
    startProblem: open ? null : startProblem(quiz, standing, now),
  };
}
