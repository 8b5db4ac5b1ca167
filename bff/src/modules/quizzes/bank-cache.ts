/**
 * The question bank of a published quiz, held in memory: a published bank is frozen (every bank
 * write requires a draft), so drawing a paper, showing it and grading it read no question from
 * the database. Keyed by quiz and bank revision, at most a few quizzes at once.
 */
import type { Types } from 'mongoose';
import type { BankQuestionRef, QuizQuestionType } from '@union/shared';
import { QuestionModel } from './question.model';

export interface CachedQuestion extends BankQuestionRef {
  stem: string;
  options: string[];
  answer: string[];
  explanation: string;
}

export interface Bank {
  refs: CachedQuestion[];
  byId: Map<string, CachedQuestion>;
  keys: Map<string, { type: QuizQuestionType; answer: string[] }>;
}

const MAX_CACHED_BANKS = 16;
const banks = new Map<string, Promise<Bank>>();

async function loadBank(quizId: Types.ObjectId): Promise<Bank> {
  const questions = await QuestionModel.find({ quizId }, { stemKey: 0, quizId: 0 }).sort({ _id: 1 }).lean();
  const refs: CachedQuestion[] = questions.map((question) => ({
    id: String(question._id),
    type: question.type as QuizQuestionType,
    category: question.category,
    stem: question.stem,
    options: question.options,
    answer: question.answer,
    explanation: question.explanation,
  }));
  return {
    refs,
    byId: new Map(refs.map((question) => [question.id, question])),
    keys: new Map(refs.map((question) => [question.id, { type: question.type, answer: question.answer }])),
  };
}

/** The frozen bank of a quiz that is no longer a draft. */
export function frozenBank(quiz: { _id: Types.ObjectId; bankRevision: number; status: string }): Promise<Bank> {
  if (quiz.status === 'draft') throw new Error('a draft quiz has no frozen bank');
  const key = `${String(quiz._id)}:${quiz.bankRevision}`;
  const cached = banks.get(key);
  if (cached) {
    // Most recently used last, so the oldest goes first when the cache is full.
    banks.delete(key);
    banks.set(key, cached);
    return cached;
  }
  const loading = loadBank(quiz._id);
  loading.catch(() => banks.delete(key));
  banks.set(key, loading);
  if (banks.size > MAX_CACHED_BANKS) banks.delete(banks.keys().next().value!);
  return loading;
}
