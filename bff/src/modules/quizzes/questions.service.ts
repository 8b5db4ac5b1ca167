/** The organiser editing a draft quiz's bank one question at a time, and the paged, searchable list. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  MAX_QUIZ_CHOICE_OPTIONS,
  type QuizQuestion,
  type QuizQuestionInputSchema,
  type QuizQuestionListQuerySchema,
} from '@union/shared';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { pageById } from '../../db/id-pages';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { Actor } from '../auth/actor';
import { withBankLock } from './bank-lock';
import { QuestionModel, stemKeyOf, type QuestionDoc } from './question.model';
import { managedQuiz } from './quiz-admin.service';
import { presentQuestion } from './presenter';

type QuestionInput = z.output<typeof QuizQuestionInputSchema>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function listQuestions(actor: Actor, quizId: string, query: z.output<typeof QuizQuestionListQuerySchema>) {
  const quiz = await managedQuiz(actor, quizId);
  const filter: Record<string, unknown> = { quizId: quiz._id };
  if (query.type) filter.type = query.type;
  if (query.category !== undefined) filter.category = query.category;
  if (query.q) filter.stem = { $regex: escapeRegExp(query.q) };
  const page = await pageById<QuestionDoc>(QuestionModel, filter, { ...query, order: 'oldest' });
  return { items: page.items.map(presentQuestion), nextCursor: page.nextCursor };
}

/**
 * The checks a form's zod schema cannot make alone: each answer letter among the options, one
 * answer for single choice and true/false, at least two for multiple choice. Shared with the import.
 */
export function answerProblem(input: Pick<QuestionInput, 'type' | 'options' | 'answer'>): string | null {
  const optionCount = input.type === 'true_false' ? 2 : input.options.length;
  const letters = [...new Set(input.answer)];
  const outside = letters.filter(
    (letter) => letter.charCodeAt(0) - 65 >= Math.min(optionCount, MAX_QUIZ_CHOICE_OPTIONS),
  );
  if (outside.length > 0) return `答案 ${outside.join('、')} 不在选项中`;
  if (input.type === 'multiple' && letters.length < 2) return '多选题的答案至少两项';
  if (input.type !== 'multiple' && letters.length !== 1)
    return `${input.type === 'single' ? '单选题' : '判断题'}只能有一个答案`;
  return null;
}

export function storedQuestion(quizId: Types.ObjectId, input: QuestionInput) {
  return {
    quizId,
    type: input.type,
    stem: input.stem,
    stemKey: stemKeyOf(input.stem),
    options: input.type === 'true_false' ? [] : input.options,
    answer: [...new Set(input.answer)].sort(),
    explanation: input.explanation,
    category: input.category,
  };
}

function checked(input: QuestionInput): QuestionInput {
  const problem = answerProblem(input);
  if (problem) throw ValidationError([{ path: 'answer', message: problem }]);
  return input;
}

const duplicateStem = () => ValidationError([{ path: 'stem', message: '题库中已有相同题干的题目' }]);

/** Checked before the lock is taken, so a plain mistake writes nothing; the unique index settles races. */
async function refuseDuplicateStem(fields: { quizId: Types.ObjectId; stemKey: string }, except?: Types.ObjectId) {
  const filter: Record<string, unknown> = { quizId: fields.quizId, stemKey: fields.stemKey };
  if (except) filter._id = { $ne: except };
  if (await QuestionModel.exists(filter)) throw duplicateStem();
}

export async function createQuestion(
  actor: Actor,
  quizId: string,
  input: QuestionInput,
  now: Date,
): Promise<QuizQuestion> {
  const quiz = await managedQuiz(actor, quizId);
  const fields = storedQuestion(quiz._id, checked(input));
  await refuseDuplicateStem(fields);
  return withBankLock(quiz._id, now, async () => {
    try {
      const created = await QuestionModel.create(fields);
      return presentQuestion(created.toObject() as QuestionDoc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw duplicateStem();
      throw error;
    }
  });
}

async function questionOf(quizId: Types.ObjectId, questionId: string): Promise<QuestionDoc> {
  const question = Types.ObjectId.isValid(questionId)
    ? await QuestionModel.findOne({ _id: new Types.ObjectId(questionId), quizId }).lean<QuestionDoc>()
    : null;
  if (!question) throw NotFoundError('题目不存在');
  return question;
}

export async function updateQuestion(
  actor: Actor,
  quizId: string,
  questionId: string,
  input: QuestionInput,
  now: Date,
): Promise<QuizQuestion> {
  const quiz = await managedQuiz(actor, quizId);
  const question = await questionOf(quiz._id, questionId);
  const fields = storedQuestion(quiz._id, checked(input));
  await refuseDuplicateStem(fields, question._id);
  return withBankLock(quiz._id, now, async () => {
    try {
      await QuestionModel.updateOne({ _id: question._id }, { $set: fields });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw duplicateStem();
      throw error;
    }
    return presentQuestion({ ...question, ...fields });
  });
}

export async function deleteQuestion(actor: Actor, quizId: string, questionId: string, now: Date) {
  const quiz = await managedQuiz(actor, quizId);
  const question = await questionOf(quiz._id, questionId);
  await withBankLock(quiz._id, now, () => QuestionModel.deleteOne({ _id: question._id }));
  return { ok: true as const };
}
