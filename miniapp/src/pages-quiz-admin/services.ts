/** 知识竞赛管理 (organiser side): the staff quiz endpoints, typed by the shared contract. */
import {
  MAX_QUESTION_SHEET_BYTES,
  quizAdminEndpoints as quizzes,
  SHEET_CONTENT_TYPES,
  type EndpointQuery,
  type EndpointResponse,
  type QuizInput,
} from '@union/shared';
import { ApiError, downloadBinary, request, uploadBinary } from '../services/http';
import type { PickedFile } from '../services/stations';

export type StaffQuizSummary = EndpointResponse<typeof quizzes.staffQuizzes>['items'][number];
export type QuestionFilter = Omit<EndpointQuery<typeof quizzes.questions>, 'cursor' | 'limit'>;

export const QUIZ_ADMIN_PAGE_SIZE = 20;

export function fetchStaffQuizzes(status: EndpointQuery<typeof quizzes.staffQuizzes>['status'], cursor?: string) {
  return request(quizzes.staffQuizzes, { query: { status, cursor, limit: QUIZ_ADMIN_PAGE_SIZE } });
}

export function fetchStaffQuiz(id: string) {
  return request(quizzes.staffQuiz, { params: { id } });
}

export function saveQuiz(id: string | undefined, input: QuizInput) {
  return id
    ? request(quizzes.updateQuiz, { params: { id }, body: input })
    : request(quizzes.createQuiz, { body: input });
}

export function publishQuiz(id: string) {
  return request(quizzes.publishQuiz, { params: { id } });
}

export function closeQuiz(id: string) {
  return request(quizzes.closeQuiz, { params: { id } });
}

export function fetchQuestions(id: string, filter: QuestionFilter, cursor?: string) {
  return request(quizzes.questions, { params: { id }, query: { ...filter, cursor, limit: QUIZ_ADMIN_PAGE_SIZE } });
}

export function deleteQuestion(id: string, questionId: string) {
  return request(quizzes.deleteQuestion, { params: { id, questionId } });
}

/** Only .xlsx: the template is one, and a CSV would lose the options' line breaks. */
export async function importQuestionSheet(id: string, sheet: PickedFile, mode: 'dry-run' | 'commit') {
  if (!sheet.name.toLowerCase().endsWith('.xlsx'))
    throw new ApiError(415, 'unsupported_file', '请选择 .xlsx 格式的表格');
  if (sheet.size > MAX_QUESTION_SHEET_BYTES) {
    throw new ApiError(413, 'payload_too_large', `表格不能超过 ${MAX_QUESTION_SHEET_BYTES / 1024 / 1024} MB`);
  }
  return uploadBinary(quizzes.importQuestions, {
    params: { id },
    query: { mode },
    body: sheet.body,
    contentType: SHEET_CONTENT_TYPES[0],
  });
}

export function downloadQuestionTemplate() {
  return downloadBinary(quizzes.questionTemplate);
}

export function fetchStaffRanking(id: string, orgId?: string) {
  return request(quizzes.staffRanking, { params: { id }, query: { orgId, limit: 100 } });
}

export function fetchParticipation(id: string) {
  return request(quizzes.participation, { params: { id } });
}
