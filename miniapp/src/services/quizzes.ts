/** 知识竞赛 (member side): quizzes open to me, starting an attempt, saving, submitting, ranking. */
import { quizEndpoints, type EndpointResponse, type QuizAnswers } from '@union/shared';
import { request } from './http';

export type MyQuizPage = EndpointResponse<typeof quizEndpoints.quizzes>;
export type MyQuizSummary = MyQuizPage['items'][number];

export const QUIZ_PAGE_SIZE = 20;

export function listQuizzes(state: 'open' | 'ended', cursor?: string) {
  return request(quizEndpoints.quizzes, { query: { state, cursor, limit: QUIZ_PAGE_SIZE } });
}

export function fetchQuiz(id: string) {
  return request(quizEndpoints.quiz, { params: { id } });
}

/** Same requestId → same attempt: a retried start after a dropped answer draws no second paper. */
export function startAttempt(quizId: string, requestId: string) {
  return request(quizEndpoints.startAttempt, { params: { id: quizId }, body: { requestId } });
}

export function fetchAttempt(id: string) {
  return request(quizEndpoints.attempt, { params: { id } });
}

/** Only the changed questions: the server merges them into what it holds. */
export function saveAnswers(id: string, answers: QuizAnswers) {
  return request(quizEndpoints.saveAnswers, { params: { id }, body: { answers } });
}

export function submitAttempt(id: string, answers: QuizAnswers) {
  return request(quizEndpoints.submitAttempt, { params: { id }, body: { answers } });
}

export function fetchRanking(quizId: string, orgId?: string) {
  return request(quizEndpoints.ranking, { params: { id: quizId }, query: { orgId, limit: 100 } });
}
