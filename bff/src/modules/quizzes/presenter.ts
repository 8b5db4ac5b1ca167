/** What the API shows of quizzes, questions and attempts; the key only ever leaves through `reviewOf`. */
import {
  QUIZ_OPTION_LETTERS,
  QUIZ_QUESTION_TYPE_LABELS,
  TRUE_FALSE_OPTIONS,
  checkPaperRules,
  paperTotals,
  type QuizAttempt,
  type QuizAttemptSummary,
  type QuizOptionLetter,
  type QuizPaperQuestion,
  type QuizQuestion,
  type QuizQuestionType,
  type QuizState,
  type QuizSummary,
  type StaffQuizDetail,
} from '@union/shared';
import type { AttemptDoc } from './attempt.model';
import type { Bank } from './bank-cache';
import type { QuestionDoc } from './question.model';
import type { QuizDoc } from './quiz.model';

export function quizState(quiz: Pick<QuizDoc, 'status' | 'opensAt' | 'closesAt'>, now: Date): QuizState {
  if (quiz.status === 'closed' || now >= quiz.closesAt) return 'ended';
  return now < quiz.opensAt ? 'not_open' : 'open';
}

const rulesOf = (quiz: QuizDoc) =>
  quiz.rules.map((rule) => ({
    type: rule.type as QuizQuestionType,
    category: rule.category ?? null,
    count: rule.count,
    points: rule.points,
  }));

export function presentRules(quiz: QuizDoc) {
  return rulesOf(quiz).map((rule) => ({ ...rule, typeLabel: QUIZ_QUESTION_TYPE_LABELS[rule.type] }));
}

export function presentQuizSummary(quiz: QuizDoc, names: Map<string, string>, now: Date): QuizSummary {
  const totals = paperTotals(quiz.rules);
  return {
    id: String(quiz._id),
    title: quiz.title,
    status: quiz.status,
    state: quizState(quiz, now),
    orgName: names.get(String(quiz.orgId)) ?? '',
    audienceOrgName: names.get(String(quiz.audienceOrgId)) ?? '',
    opensAt: quiz.opensAt.toISOString(),
    closesAt: quiz.closesAt.toISOString(),
    timeLimitMinutes: quiz.timeLimitMinutes,
    attemptsPerMember: quiz.attemptsPerMember,
    questionCount: totals.questionCount,
    totalPoints: totals.totalPoints,
  };
}

export interface BankFacts {
  questions: { type: QuizQuestionType; category: string }[];
  participants: number;
  attempts: number;
}

/** Counts of a bank by type and by category. */
export function bankStats(questions: readonly { type: QuizQuestionType; category: string }[]): StaffQuizDetail['bank'] {
  const byType = { single: 0, multiple: 0, true_false: 0 };
  const categories = new Map<string, typeof byType>();
  for (const question of questions) {
    byType[question.type] += 1;
    const row = categories.get(question.category) ?? { single: 0, multiple: 0, true_false: 0 };
    row[question.type] += 1;
    categories.set(question.category, row);
  }
  return {
    total: questions.length,
    byType,
    categories: [...categories].map(([category, counts]) => ({ category, ...counts })),
  };
}

export function presentStaffQuiz(
  quiz: QuizDoc,
  names: Map<string, string>,
  facts: BankFacts,
  now: Date,
): StaffQuizDetail {
  return {
    ...presentQuizSummary(quiz, names, now),
    description: quiz.description,
    orgId: String(quiz.orgId),
    audienceOrgId: String(quiz.audienceOrgId),
    rules: presentRules(quiz),
    showExplanations: quiz.showExplanations,
    bank: bankStats(facts.questions),
    ruleCheck: checkPaperRules(facts.questions, rulesOf(quiz)),
    bankEditable: quiz.status === 'draft',
    participants: facts.participants,
    attempts: facts.attempts,
    publishedAt: quiz.publishedAt?.toISOString() ?? null,
  };
}

export { rulesOf };

/** A true/false question shows the fixed 正确 / 错误 whatever was stored. */
export const optionsOf = (question: { type: string; options: string[] }): string[] =>
  question.type === 'true_false' ? [...TRUE_FALSE_OPTIONS] : question.options;

export function presentQuestion(question: QuestionDoc): QuizQuestion {
  const type = question.type as QuizQuestionType;
  return {
    id: String(question._id),
    type,
    typeLabel: QUIZ_QUESTION_TYPE_LABELS[type],
    stem: question.stem,
    options: optionsOf(question),
    answer: question.answer as QuizOptionLetter[],
    explanation: question.explanation,
    category: question.category,
  };
}

function paperOf(attempt: AttemptDoc, bank: Bank): QuizPaperQuestion[] {
  return attempt.paper.map((slot, index) => {
    const question = bank.byId.get(String(slot.questionId))!;
    return {
      id: question.id,
      no: index + 1,
      type: question.type,
      typeLabel: QUIZ_QUESTION_TYPE_LABELS[question.type],
      stem: question.stem,
      options: optionsOf(question).map((text, i) => ({ letter: QUIZ_OPTION_LETTERS[i]!, text })),
      points: slot.points,
    };
  });
}

const savedOf = (attempt: AttemptDoc) => (attempt.answers ?? {}) as Record<string, QuizOptionLetter[]>;

function resultOf(attempt: AttemptDoc, bank: Bank, showExplanations: boolean): QuizAttempt['result'] {
  if (attempt.status === 'in_progress') return null;
  const saved = savedOf(attempt);
  const graded = new Map(attempt.graded.map((row) => [String(row.questionId), row]));
  return {
    score: attempt.score ?? 0,
    totalPoints: attempt.paper.reduce((sum, slot) => sum + slot.points, 0),
    correctCount: attempt.correctCount ?? 0,
    questionCount: attempt.paper.length,
    durationSeconds: attempt.durationSeconds ?? 0,
    review: showExplanations
      ? attempt.paper.map((slot) => {
          const id = String(slot.questionId);
          const question = bank.byId.get(id)!;
          return {
            questionId: id,
            chosen: saved[id] ?? [],
            key: question.answer as QuizOptionLetter[],
            correct: graded.get(id)?.correct ?? false,
            earned: graded.get(id)?.earned ?? 0,
            explanation: question.explanation,
          };
        })
      : null,
  };
}

export function presentAttempt(attempt: AttemptDoc, quiz: QuizDoc, bank: Bank, now: Date): QuizAttempt {
  return {
    id: String(attempt._id),
    quizId: String(attempt.quizId),
    quizTitle: quiz.title,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    deadline: attempt.deadline.toISOString(),
    serverNow: now.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    questions: paperOf(attempt, bank),
    saved: savedOf(attempt),
    result: resultOf(attempt, bank, quiz.showExplanations),
  };
}

export function presentAttemptSummary(attempt: AttemptDoc): QuizAttemptSummary {
  return {
    id: String(attempt._id),
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    deadline: attempt.deadline.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    score: attempt.score ?? null,
    durationSeconds: attempt.durationSeconds ?? null,
  };
}
