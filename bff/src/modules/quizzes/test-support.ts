/**
 * Test world for knowledge contests: the org tree, a district organiser signed in over HTTP,
 * members with tokens (the activities' helper, hundreds at once for the races), quizzes built
 * and published through the API with a generated bank, and sheets built with exceljs.
 */
import ExcelJS from 'exceljs';
import type { QuizInput, QuizQuestionInput } from '@union/shared';
import type { TestApi } from '../../../test/harness';
import type { OrgTree } from '../../../test/fixtures';
import { inDays, requestId } from '../activities/test-support';
import { AttemptModel } from './attempt.model';
import { SHEET_HEADERS } from './question-sheet';

export { inDays, memberSessions, organiser, requestId, type MemberSession } from '../activities/test-support';

/** 2 single + 1 multiple + 1 true/false, 5 points each, 10 minutes, 2 attempts, open now, 西湖区 hosting. */
export function quizInput(orgs: OrgTree, overrides: Partial<QuizInput> = {}): QuizInput {
  return {
    title: '安全生产知识竞赛',
    description: '全区职工参加。',
    orgId: orgs.xihu.id,
    opensAt: inDays(-1).toISOString(),
    closesAt: inDays(5).toISOString(),
    timeLimitMinutes: 10,
    attemptsPerMember: 2,
    rules: [
      { type: 'single', category: null, count: 2, points: 5 },
      { type: 'multiple', category: null, count: 1, points: 5 },
      { type: 'true_false', category: null, count: 1, points: 5 },
    ],
    showExplanations: true,
    ...overrides,
  };
}

/** A deterministic bank: `single` single-choice (key A), `multiple` multiple-choice (key AC), `trueFalse` judgements (key A). */
export function generatedQuestions(
  counts: { single: number; multiple: number; trueFalse: number },
  category = '安全生产',
): QuizQuestionInput[] {
  const questions: QuizQuestionInput[] = [];
  for (let i = 0; i < counts.single; i++) {
    questions.push({
      type: 'single',
      stem: `单选题第${i + 1}题：哪一项正确？`,
      options: ['甲', '乙', '丙', '丁'],
      answer: ['A'],
      explanation: `解析${i + 1}`,
      category,
    });
  }
  for (let i = 0; i < counts.multiple; i++) {
    questions.push({
      type: 'multiple',
      stem: `多选题第${i + 1}题：哪些正确？`,
      options: ['甲', '乙', '丙', '丁'],
      answer: ['A', 'C'],
      explanation: `解析${i + 1}`,
      category,
    });
  }
  for (let i = 0; i < counts.trueFalse; i++) {
    questions.push({
      type: 'true_false',
      stem: `判断题第${i + 1}题：这句话对吗？`,
      answer: ['A'],
      explanation: `解析${i + 1}`,
      category,
    });
  }
  return questions;
}

/** A sheet in the template's layout: one row per question input (true/false keys as 正确/错误). */
export async function questionSheet(rows: (QuizQuestionInput | string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题目');
  sheet.addRow(SHEET_HEADERS);
  const typeNames = { single: '单选题', multiple: '多选题', true_false: '判断题' } as const;
  for (const row of rows) {
    if (Array.isArray(row)) {
      sheet.addRow(row);
      continue;
    }
    const options = [...(row.options ?? [])];
    const answer = row.type === 'true_false' ? (row.answer[0] === 'A' ? '正确' : '错误') : row.answer.join('');
    sheet.addRow([
      typeNames[row.type],
      row.stem,
      ...options,
      ...Array(8 - options.length).fill(''),
      answer,
      row.explanation ?? '',
      row.category ?? '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads a sheet to a quiz's import, in the given mode. */
export async function uploadSheet(
  api: TestApi,
  token: string,
  quizId: string,
  bytes: Buffer,
  mode: 'dry-run' | 'commit',
) {
  const response = await fetch(`${api.url}/api/staff/quizzes/${quizId}/questions/import?mode=${mode}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Creates a quiz, imports the bank through a sheet, publishes it; resolves its id. */
export async function publishedQuiz(
  api: TestApi,
  token: string,
  input: QuizInput,
  bank: QuizQuestionInput[] = generatedQuestions({ single: 10, multiple: 5, trueFalse: 5 }),
): Promise<string> {
  // Plain errors, not test assertions: the bench builds its quiz through this too.
  const created = await api.request('POST', '/api/staff/quizzes', { token, body: input });
  if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const imported = await uploadSheet(api, token, created.body.id, await questionSheet(bank), 'commit');
  if (imported.status !== 200 || imported.body.created !== bank.length) {
    throw new Error(`import failed: ${JSON.stringify(imported.body).slice(0, 500)}`);
  }
  const published = await api.request('POST', `/api/staff/quizzes/${created.body.id}/publish`, { token });
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return created.body.id;
}

export const startAttempt = (api: TestApi, token: string, quizId: string, id = requestId()) =>
  api.request('POST', `/api/quizzes/${quizId}/attempts`, { token, body: { requestId: id } });

/** The key of a generated question, read from its stem's type (see generatedQuestions). */
export function generatedKey(question: { type: string }): string[] {
  return question.type === 'multiple' ? ['A', 'C'] : ['A'];
}

/** Moves an attempt's deadline (and start) into the past, as if its time had run out. */
export async function expireAttempt(attemptId: string, secondsAgo = 1): Promise<void> {
  const deadline = new Date(Date.now() - secondsAgo * 1000);
  await AttemptModel.updateOne(
    { _id: attemptId },
    { $set: { deadline, startedAt: new Date(deadline.getTime() - 600_000) } },
  );
}
