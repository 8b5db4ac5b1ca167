/**
 * Knowledge contests (知识竞赛): the pure rules both sides rely on — question types, drawing a
 * paper from the bank by rules, checking the rules against the bank, grading and ranking order.
 */
import { z } from 'zod';

export const QUIZ_QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export const QuizQuestionTypeSchema = z.enum(QUIZ_QUESTION_TYPES, { error: '题型应为单选题、多选题或判断题' });
export type QuizQuestionType = z.infer<typeof QuizQuestionTypeSchema>;

export const QUIZ_QUESTION_TYPE_LABELS: Record<QuizQuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  true_false: '判断题',
};

export const QUIZ_OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const QuizOptionLetterSchema = z.enum(QUIZ_OPTION_LETTERS, { error: '答案应为选项字母 A–H' });
export type QuizOptionLetter = z.infer<typeof QuizOptionLetterSchema>;

/** A true/false question's options are fixed, so the answer is A (正确) or B (错误). */
export const TRUE_FALSE_OPTIONS = ['正确', '错误'] as const;

export const MIN_QUIZ_CHOICE_OPTIONS = 2;
export const MAX_QUIZ_CHOICE_OPTIONS = QUIZ_OPTION_LETTERS.length;
export const MAX_ATTEMPTS_PER_MEMBER = 10;
export const MAX_PAPER_RULES = 10;
export const MAX_PAPER_RULE_COUNT = 200;
export const MAX_PAPER_QUESTIONS = 200;

export interface PaperRule {
  type: QuizQuestionType;
  /** Only questions of this category; null for any category. */
  category: string | null;
  count: number;
  points: number;
}

/** What drawing needs to know of a bank question (the key stays out of it). */
export interface BankQuestionRef {
  id: string;
  type: QuizQuestionType;
  category: string;
}

export interface PaperSlot {
  questionId: string;
  points: number;
}

/** A source of numbers in [0, 1); seeded in tests and benches, Math.random in the BFF. */
export type QuizRandomSource = () => number;

/** Small, fast and good enough for shuffling papers (mulberry32). */
export function seededQuizRandom(seed: number): QuizRandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Rules naming a category draw before the general ones, so a general rule cannot take the
 * questions a category rule needs. Stable within each group.
 */
function drawingOrder(rules: readonly PaperRule[]): number[] {
  const indexes = rules.map((_, index) => index);
  return [...indexes.filter((i) => rules[i]!.category !== null), ...indexes.filter((i) => rules[i]!.category === null)];
}

const matches = (rule: PaperRule, question: BankQuestionRef) =>
  question.type === rule.type && (rule.category === null || question.category === rule.category);

export interface PaperRuleAvailability {
  index: number;
  needed: number;
  available: number;
  ok: boolean;
  message: string | null;
}

function ruleName(rule: PaperRule): string {
  return `${rule.category ? `“${rule.category}”类` : ''}${QUIZ_QUESTION_TYPE_LABELS[rule.type]}`;
}

/**
 * For each rule (in the given order), how many questions are left for it once the rules drawn
 * before it took theirs — exactly what drawPaper will find.
 */
export function checkPaperRules(
  bank: readonly Omit<BankQuestionRef, 'id'>[],
  rules: readonly PaperRule[],
): PaperRuleAvailability[] {
  const counts = new Map<string, number>();
  for (const question of bank) {
    const key = `${question.type}\u0000${question.category}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const takenByCategory = new Map<string, number>();
  const takenByType = new Map<QuizQuestionType, number>();
  const result: PaperRuleAvailability[] = [];
  for (const index of drawingOrder(rules)) {
    const rule = rules[index]!;
    let available: number;
    if (rule.category !== null) {
      const key = `${rule.type}\u0000${rule.category}`;
      available = (counts.get(key) ?? 0) - (takenByCategory.get(key) ?? 0);
      takenByCategory.set(key, (takenByCategory.get(key) ?? 0) + Math.min(rule.count, Math.max(available, 0)));
    } else {
      let ofType = 0;
      for (const [key, n] of counts) if (key.startsWith(`${rule.type}\u0000`)) ofType += n;
      available = ofType - (takenByType.get(rule.type) ?? 0);
    }
    takenByType.set(rule.type, (takenByType.get(rule.type) ?? 0) + Math.min(rule.count, Math.max(available, 0)));
    available = Math.max(available, 0);
    const ok = available >= rule.count;
    result.push({
      index,
      needed: rule.count,
      available,
      ok,
      message: ok ? null : `第${index + 1}条规则需要${rule.count}道${ruleName(rule)}，题库中只有${available}道可用`,
    });
  }
  return result.sort((a, b) => a.index - b.index);
}

export class QuizBankShortError extends Error {
  constructor(readonly shortfalls: PaperRuleAvailability[]) {
    super(shortfalls.map((rule) => rule.message).join('；'));
    this.name = 'QuizBankShortError';
  }
}

/** Picks k distinct items uniformly (a partial Fisher–Yates over a copy). */
function pick<T>(items: readonly T[], k: number, random: QuizRandomSource): T[] {
  const pool = items.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}

/**
 * One paper: per rule `count` distinct questions of its type (and category), never the same
 * question twice even when rules overlap, in shuffled order. Same bank, rules and random
 * sequence → same paper. Throws QuizBankShortError when a rule cannot be filled.
 *
 * `seen` are the questions of the member's earlier attempts, whose keys they may have read in
 * the review: a rule takes unseen questions first and repeats seen ones only when the bank
 * runs short of fresh ones.
 */
export function drawPaper(
  bank: readonly BankQuestionRef[],
  rules: readonly PaperRule[],
  random: QuizRandomSource,
  seen: ReadonlySet<string> = new Set(),
): PaperSlot[] {
  const taken = new Set<string>();
  const slots: PaperSlot[] = [];
  for (const index of drawingOrder(rules)) {
    const rule = rules[index]!;
    const candidates = bank.filter((question) => matches(rule, question) && !taken.has(question.id));
    if (candidates.length < rule.count) {
      throw new QuizBankShortError(checkPaperRules(bank, rules).filter((each) => !each.ok));
    }
    const fresh = candidates.filter((question) => !seen.has(question.id));
    const drawn =
      fresh.length >= rule.count
        ? pick(fresh, rule.count, random)
        : [
            ...fresh,
            ...pick(
              candidates.filter((question) => seen.has(question.id)),
              rule.count - fresh.length,
              random,
            ),
          ];
    for (const question of drawn) {
      taken.add(question.id);
      slots.push({ questionId: question.id, points: rule.points });
    }
  }
  return pick(slots, slots.length, random);
}

export function paperTotals(rules: readonly Pick<PaperRule, 'count' | 'points'>[]): {
  questionCount: number;
  totalPoints: number;
} {
  return {
    questionCount: rules.reduce((sum, rule) => sum + rule.count, 0),
    totalPoints: rules.reduce((sum, rule) => sum + rule.count * rule.points, 0),
  };
}

function normalise(letters: readonly string[]): string {
  return [...new Set(letters)].sort().join('');
}

/**
 * Single choice and true/false: the one right letter. Multiple choice: exactly the right set —
 * no partial credit, as in the unions' paper contests (a missed or extra option scores 0).
 */
export function isQuizAnswerCorrect(
  type: QuizQuestionType,
  key: readonly string[],
  chosen: readonly string[] | undefined,
): boolean {
  if (!chosen || chosen.length === 0) return false;
  if (type !== 'multiple' && chosen.length !== 1) return false;
  return normalise(key) === normalise(chosen);
}

export interface GradedQuizQuestion {
  questionId: string;
  correct: boolean;
  earned: number;
}

export function gradePaper(
  paper: readonly PaperSlot[],
  keys: ReadonlyMap<string, { type: QuizQuestionType; answer: readonly string[] }>,
  answers: Readonly<Record<string, readonly string[]>>,
): { score: number; correctCount: number; questions: GradedQuizQuestion[] } {
  let score = 0;
  let correctCount = 0;
  const questions = paper.map((slot) => {
    const key = keys.get(slot.questionId);
    const correct = key ? isQuizAnswerCorrect(key.type, key.answer, answers[slot.questionId]) : false;
    const earned = correct ? slot.points : 0;
    score += earned;
    if (correct) correctCount++;
    return { questionId: slot.questionId, correct, earned };
  });
  return { score, correctCount, questions };
}

export interface QuizRankedResult {
  score: number;
  durationSeconds: number;
  submittedAt: Date;
}

/** Higher score first, then the quicker, then whoever submitted earlier. */
export function compareQuizResults(a: QuizRankedResult, b: QuizRankedResult): number {
  return (
    b.score - a.score || a.durationSeconds - b.durationSeconds || a.submittedAt.getTime() - b.submittedAt.getTime()
  );
}

/** Whether `candidate` should replace `best` as a member's standing result. */
export function isBetterQuizResult(candidate: QuizRankedResult, best: QuizRankedResult | null): boolean {
  return best === null || compareQuizResults(candidate, best) < 0;
}
