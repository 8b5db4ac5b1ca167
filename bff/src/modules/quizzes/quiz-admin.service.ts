/**
 * The organiser's side of a quiz: create and edit it as a draft, publish it (the rules must be
 * satisfiable by the bank, checked against the very revision frozen), close it early, list the
 * quizzes of their subtree.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  checkPaperRules,
  type QuizInputValues,
  type QuizQuestionType,
  type StaffQuizDetail,
  type StaffQuizListQuerySchema,
} from '@union/shared';
import { updateIf } from '../../db/conditional-update';
import { pageById } from '../../db/id-pages';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { findOrganization, organizationNames } from '../organizations/service';
import { finishExpiredAttempts } from './attempt-finish';
import { AttemptModel } from './attempt.model';
import { frozenBank } from './bank-cache';
import { QuestionModel } from './question.model';
import { QuizModel, type QuizDoc } from './quiz.model';
import { organiserOrgIds, quizPolicy } from './policy';
import { presentQuizSummary, presentStaffQuiz, rulesOf } from './presenter';
import { StandingModel } from './standing.model';

/** The quiz if the caller runs it; 404 otherwise (ids cannot be probed). */
export async function managedQuiz(actor: Actor, id: string): Promise<QuizDoc> {
  const quiz = await QuizModel.findById(id).lean<QuizDoc>();
  if (!quiz) throw NotFoundError('竞赛不存在');
  quizPolicy.authorize(actor, 'manage', quiz);
  return quiz;
}

export async function bankQuestions(quiz: QuizDoc): Promise<{ type: QuizQuestionType; category: string }[]> {
  if (quiz.status !== 'draft') return (await frozenBank(quiz)).refs;
  const rows = await QuestionModel.find({ quizId: quiz._id }, { type: 1, category: 1, _id: 0 }).lean();
  return rows.map((row) => ({ type: row.type as QuizQuestionType, category: row.category }));
}

export async function staffQuizDetail(quiz: QuizDoc, now: Date): Promise<StaffQuizDetail> {
  const [names, questions, participants, attempts] = await Promise.all([
    organizationNames([quiz.orgId, quiz.audienceOrgId]),
    bankQuestions(quiz),
    StandingModel.countDocuments({ quizId: quiz._id, best: { $ne: null } }),
    AttemptModel.countDocuments({ quizId: quiz._id }),
  ]);
  return presentStaffQuiz(quiz, names, { questions, participants, attempts }, now);
}

/** The stored settings of an input: host in the caller's scope, audience within the host's subtree. */
async function quizFields(actor: Actor, input: QuizInputValues) {
  const host = await findOrganization(input.orgId);
  if (!host) throw ValidationError([{ path: 'orgId', message: '所选组织不存在或不在您的管辖范围内' }]);
  quizPolicy.authorize(actor, 'organiseAt', host);
  const audience = input.audienceOrgId ? await findOrganization(input.audienceOrgId) : host;
  if (!audience || !audience.path.some((ancestor) => ancestor.equals(host._id))) {
    throw ValidationError([{ path: 'audienceOrgId', message: '面向的组织须为主办组织或其下级' }]);
  }
  return storedQuizFields(input, host, audience._id);
}

/** The demo seed stores its quiz through this too. */
export function storedQuizFields(
  input: QuizInputValues,
  host: { _id: Types.ObjectId; path: Types.ObjectId[] },
  audienceOrgId: Types.ObjectId,
) {
  return {
    title: input.title,
    description: input.description,
    orgId: host._id,
    orgPath: host.path,
    audienceOrgId,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    timeLimitMinutes: input.timeLimitMinutes,
    attemptsPerMember: input.attemptsPerMember,
    rules: input.rules,
    showExplanations: input.showExplanations,
  };
}

export async function createQuiz(actor: Actor, input: QuizInputValues, now: Date): Promise<StaffQuizDetail> {
  const fields = await quizFields(actor, input);
  const created = await QuizModel.create({ ...fields, createdBy: new Types.ObjectId(actor.accountId) });
  return staffQuizDetail(created.toObject() as QuizDoc, now);
}

export async function updateQuiz(
  actor: Actor,
  id: string,
  input: QuizInputValues,
  now: Date,
): Promise<StaffQuizDetail> {
  const quiz = await managedQuiz(actor, id);
  const fields = await quizFields(actor, input);
  if (!(await updateIf(QuizModel, { key: { _id: quiz._id }, when: { status: 'draft' } }, { $set: fields }))) {
    throw ConflictError('竞赛已发布，不能再修改设置', 'quiz_not_draft');
  }
  return staffQuizDetail(await managedQuiz(actor, id), now);
}

export async function publishQuiz(actor: Actor, id: string, now: Date): Promise<StaffQuizDetail> {
  const quiz = await managedQuiz(actor, id);
  if (quiz.status !== 'draft') throw ConflictError('竞赛已发布', 'quiz_not_draft');
  if (quiz.closesAt <= now) throw ValidationError([{ path: 'closesAt', message: '结束时间已过，请先修改竞赛时间' }]);
  const shortfalls = checkPaperRules(await bankQuestions(quiz), rulesOf(quiz)).filter((rule) => !rule.ok);
  if (shortfalls.length > 0) {
    throw ValidationError(
      shortfalls.map((rule) => ({ path: `rules.${rule.index}`, message: rule.message! })),
      '题库中的题不够组卷，请补充题目或修改组卷规则',
    );
  }
  const published = await updateIf(
    QuizModel,
    {
      key: { _id: quiz._id },
      when: { status: 'draft', bankRevision: quiz.bankRevision, bankLockedUntil: { $lte: now } },
    },
    { $set: { status: 'published', publishedAt: now } },
  );
  if (!published) throw ConflictError('题库刚刚有改动，请刷新后再发布', 'bank_changed');
  return staffQuizDetail(await managedQuiz(actor, id), now);
}

export async function closeQuiz(actor: Actor, id: string, now: Date): Promise<StaffQuizDetail> {
  const quiz = await managedQuiz(actor, id);
  const closed = await updateIf(
    QuizModel,
    { key: { _id: quiz._id }, when: { status: 'published' } },
    { $set: { status: 'closed', closesAt: quiz.closesAt < now ? quiz.closesAt : now } },
  );
  if (!closed) throw ConflictError(quiz.status === 'draft' ? '草稿竞赛无需结束' : '竞赛已结束', 'quiz_not_published');
  // Attempts still open end now, graded on what they saved.
  await AttemptModel.updateMany(
    { quizId: quiz._id, status: 'in_progress', deadline: { $gt: now } },
    { $set: { deadline: now } },
  );
  const after = await managedQuiz(actor, id);
  await finishExpiredAttempts(now, after._id);
  return staffQuizDetail(after, now);
}

export async function listStaffQuizzes(actor: Actor, query: z.output<typeof StaffQuizListQuerySchema>, now: Date) {
  const filter: Record<string, unknown> = { orgPath: { $in: organiserOrgIds(actor) } };
  if (query.status) filter.status = query.status;
  const page = await pageById<QuizDoc>(QuizModel, filter, query);
  const names = await organizationNames(page.items.flatMap((quiz) => [quiz.orgId, quiz.audienceOrgId]));
  return { items: page.items.map((quiz) => presentQuizSummary(quiz, names, now)), nextCursor: page.nextCursor };
}
