/**
 * Seeds the demo's knowledge contest, 2026 年安全生产知识竞赛 by the city federation: open now,
 * a generated bank of about 300 questions (demo-quiz-bank.ts), 10 single + 5 multiple + 5
 * true/false in 15 minutes, 2 attempts. The quiz is stored as the organiser's editor stores it
 * (the organisations are written last, so the host is given rather than looked up), and some
 * roster members take it through the attempt services, so the ranking shows real results.
 */
import type { Types } from 'mongoose';
import { QuizInputSchema, QuizQuestionInputSchema, type QuizOptionLetter } from '@union/shared';
import type { Actor } from '../modules/auth/actor';
import { startAttempt, submitAttempt } from '../modules/quizzes/attempts.service';
import { QuestionModel } from '../modules/quizzes/question.model';
import { storedQuizFields } from '../modules/quizzes/quiz-admin.service';
import { QuizModel } from '../modules/quizzes/quiz.model';
import { storedQuestion } from '../modules/quizzes/questions.service';
import { createRandom } from '../seeded-random';
import { demoQuizQuestions } from './demo-quiz-bank';
import type { SeedOrganization } from './demo-organizations';

export const DEMO_QUIZ_TITLE = '2026 年安全生产知识竞赛';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface Options {
  host: SeedOrganization;
  organiser: { accountId: Types.ObjectId };
  /** Active roster members of the city who took the quiz already (a few dozen). */
  takers: Types.ObjectId[];
  now: Date;
}

export async function seedDemoQuizzes({
  host,
  organiser,
  takers,
  now,
}: Options): Promise<{ questions: number; attempts: number }> {
  const input = QuizInputSchema.parse({
    title: DEMO_QUIZ_TITLE,
    description:
      '全市职工安全生产与工会法律知识竞赛。每份试卷20题（单选10题、多选5题、判断5题），限时15分钟，每人可答2次，取最好成绩排名。多选题全部选对才得分。',
    orgId: String(host._id),
    opensAt: new Date(now.getTime() - 3 * DAY_MS).toISOString(),
    closesAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
    timeLimitMinutes: 15,
    attemptsPerMember: 2,
    rules: [
      { type: 'single', count: 10, points: 5 },
      { type: 'multiple', count: 5, points: 6 },
      { type: 'true_false', count: 5, points: 4 },
    ],
    showExplanations: true,
  });
  const quiz = await QuizModel.create({
    ...storedQuizFields(input, host, host._id),
    status: 'published',
    publishedAt: new Date(now.getTime() - 3 * DAY_MS),
    createdBy: organiser.accountId,
  });
  const questions = demoQuizQuestions().map((question) =>
    storedQuestion(quiz._id, QuizQuestionInputSchema.parse(question)),
  );
  await QuestionModel.insertMany(questions);
  const keys = new Map(questions.map((question) => [question.stemKey, question.answer]));
  const byStem = new Map(
    (await QuestionModel.find({ quizId: quiz._id }, { stemKey: 1 }).lean()).map((q) => [String(q._id), q.stemKey]),
  );

  // Each taker answers with their own skill, within the last two days, in 4 to 14 minutes.
  const random = createRandom(2026);
  let attempts = 0;
  for (const [index, memberId] of takers.entries()) {
    const actor: Actor = {
      accountId: String(memberId),
      kind: 'wechat',
      memberId: String(memberId),
      merchantId: null,
      grants: [],
    };
    const skill = 0.55 + random.next() * 0.43;
    const startedAt = new Date(now.getTime() - (2 * DAY_MS * (index + 1)) / (takers.length + 1));
    const paper = await startAttempt(actor, String(quiz._id), `demo-quiz-${index}-start`, startedAt);
    const answers = Object.fromEntries(
      paper.questions.map((question) => {
        const key = keys.get(byStem.get(question.id)!)!;
        // A wrong answer: an option outside the key, or (every option right) one option short.
        const outside = question.options.find((option) => !key.includes(option.letter));
        const wrong = outside ? [outside.letter] : key.slice(1);
        return [question.id, random.chance(skill) ? key : wrong];
      }),
    ) as Record<string, QuizOptionLetter[]>;
    const minutes = 4 + random.int(0, 9);
    await submitAttempt(actor, paper.id, answers, new Date(startedAt.getTime() + minutes * MINUTE_MS + index * 1000));
    attempts += 1;
  }
  return { questions: questions.length, attempts };
}
