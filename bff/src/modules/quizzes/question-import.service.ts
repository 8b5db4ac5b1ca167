/**
 * Importing a sheet of questions into a draft quiz's bank: a dry run reports every bad row; a
 * commit writes all rows or none (any bad row, and nothing is written), under the bank lock.
 */
import type { z } from 'zod';
import {
  MAX_QUESTION_IMPORT_PROBLEMS,
  type QuizQuestionImportQuerySchema,
  type QuizQuestionImportResult,
} from '@union/shared';
import { isDuplicateKeyError } from '../../db/duplicate-key';
import { ConflictError, HttpError } from '../../http/errors';
import type { RawUpload } from '../../http/raw-body';
import type { Actor } from '../auth/actor';
import { withBankLock } from './bank-lock';
import { QuestionModel } from './question.model';
import { checkQuestionRows, readQuestionSheet } from './question-sheet';
import { bankQuestions, managedQuiz } from './quiz-admin.service';
import { bankStats } from './presenter';
import { storedQuestion } from './questions.service';
import type { QuizDoc } from './quiz.model';

const INSERT_CHUNK = 1000;

export interface QuestionImportRequest {
  actor: Actor;
  quizId: string;
  query: z.output<typeof QuizQuestionImportQuerySchema>;
  upload: () => Promise<RawUpload>;
}

async function existingStemKeys(quiz: QuizDoc): Promise<Set<string>> {
  const rows = await QuestionModel.find({ quizId: quiz._id }, { stemKey: 1, _id: 0 }).lean();
  return new Set(rows.map((row) => row.stemKey));
}

export async function importQuestions(
  { actor, quizId, query, upload }: QuestionImportRequest,
  now: Date,
): Promise<QuizQuestionImportResult> {
  const quiz = await managedQuiz(actor, quizId);
  if (quiz.status !== 'draft') throw ConflictError('竞赛已发布，题库已冻结，不能再导入', 'bank_frozen');
  let file: RawUpload;
  try {
    file = await upload();
  } catch (error) {
    if (error instanceof HttpError && error.status === 415) {
      throw new HttpError(415, 'unsupported_media_type', '请上传 .xlsx 格式的表格（可先下载导入模板）');
    }
    throw error;
  }
  const rows = await readQuestionSheet(file.bytes);
  const check = async () => checkQuestionRows(rows, await existingStemKeys(quiz));
  const report = (
    plan: Awaited<ReturnType<typeof check>>,
    created: number,
    bank: QuizQuestionImportResult['bank'],
  ) => ({
    mode: query.mode,
    rows: rows.length,
    validRows: rows.length - plan.invalidRows,
    invalidRows: plan.invalidRows,
    problems: plan.problems.slice(0, MAX_QUESTION_IMPORT_PROBLEMS),
    created,
    bank,
  });
  if (query.mode !== 'commit') {
    return report(await check(), 0, bankStats(await bankQuestions(quiz)));
  }
  return withBankLock(quiz._id, now, async () => {
    // Checked again under the lock: the bank the rows are compared with cannot change now.
    const plan = await check();
    if (plan.problems.length > 0 || plan.questions.length === 0) {
      return report(plan, 0, bankStats(await bankQuestions(quiz)));
    }
    const docs = plan.questions.map((question) => storedQuestion(quiz._id, question));
    const written: unknown[] = [];
    try {
      for (let start = 0; start < docs.length; start += INSERT_CHUNK) {
        const inserted = await QuestionModel.insertMany(docs.slice(start, start + INSERT_CHUNK), { lean: true });
        written.push(...inserted.map((doc) => doc._id));
      }
    } catch (error) {
      // All or nothing: take back what this import wrote.
      await QuestionModel.deleteMany({ _id: { $in: written } });
      if (isDuplicateKeyError(error)) throw ConflictError('题库中已有相同题干的题目，请重新试导入', 'duplicate_stem');
      throw error;
    }
    return report(plan, docs.length, bankStats(await bankQuestions(quiz)));
  });
}
