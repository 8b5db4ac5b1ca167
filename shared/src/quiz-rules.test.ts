import { describe, expect, it } from 'vitest';
import {
  checkPaperRules,
  compareQuizResults,
  drawPaper,
  gradePaper,
  isQuizAnswerCorrect,
  QuizBankShortError,
  seededQuizRandom,
  type BankQuestionRef,
  type PaperRule,
} from './quiz-rules';

/** 30 single (10 工会法, 20 安全生产), 10 multiple, 10 true/false. */
function bank(): BankQuestionRef[] {
  const questions: BankQuestionRef[] = [];
  for (let i = 0; i < 30; i++)
    questions.push({ id: `s${i}`, type: 'single', category: i < 10 ? '工会法' : '安全生产' });
  for (let i = 0; i < 10; i++) questions.push({ id: `m${i}`, type: 'multiple', category: '安全生产' });
  for (let i = 0; i < 10; i++) questions.push({ id: `t${i}`, type: 'true_false', category: '' });
  return questions;
}

const rules: PaperRule[] = [
  { type: 'single', category: null, count: 20, points: 2 },
  { type: 'single', category: '工会法', count: 10, points: 3 },
  { type: 'multiple', category: null, count: 5, points: 4 },
  { type: 'true_false', category: null, count: 5, points: 1 },
];
const byId = new Map(bank().map((question) => [question.id, question]));

describe('drawPaper', () => {
  it('draws per rule the count of its type and category, with each rule’s points', () => {
    const paper = drawPaper(bank(), rules, seededQuizRandom(1));
    expect(paper).toHaveLength(40);
    const tally = (predicate: (q: BankQuestionRef, points: number) => boolean) =>
      paper.filter((slot) => predicate(byId.get(slot.questionId)!, slot.points)).length;
    expect(tally((q, points) => q.category === '工会法' && points === 3)).toBe(10);
    expect(tally((q, points) => q.type === 'single' && points === 2)).toBe(20);
    expect(tally((q, points) => q.type === 'multiple' && points === 4)).toBe(5);
    expect(tally((q, points) => q.type === 'true_false' && points === 1)).toBe(5);
  });

  it('never repeats a question, even when a general rule overlaps a category rule that takes the whole category', () => {
    for (let seed = 0; seed < 200; seed++) {
      const paper = drawPaper(bank(), rules, seededQuizRandom(seed));
      expect(new Set(paper.map((slot) => slot.questionId)).size).toBe(paper.length);
    }
  });

  it('gives a later attempt unseen questions first, repeating seen ones only when the bank runs short', () => {
    const fourMultiple: PaperRule[] = [{ type: 'multiple', category: null, count: 4, points: 4 }];
    const ids = (paper: { questionId: string }[]) => paper.map((slot) => slot.questionId);
    for (let seed = 0; seed < 50; seed++) {
      const random = seededQuizRandom(seed);
      const first = ids(drawPaper(bank(), fourMultiple, random));
      const second = ids(drawPaper(bank(), fourMultiple, random, new Set(first)));
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      // Ten multiple-choice questions, eight seen: the third paper takes the two fresh ones and two seen.
      const seen = new Set([...first, ...second]);
      const third = ids(drawPaper(bank(), fourMultiple, random, seen));
      expect(third.filter((id) => !seen.has(id))).toHaveLength(2);
      expect(new Set(third).size).toBe(4);
    }
  });

  it('is the same paper for the same seed, and differs across seeds in questions and order', () => {
    const small: PaperRule[] = [{ type: 'single', category: null, count: 5, points: 1 }, rules[2]!];
    const a = drawPaper(bank(), small, seededQuizRandom(7));
    expect(drawPaper(bank(), small, seededQuizRandom(7))).toEqual(a);
    const papers = new Set(
      Array.from({ length: 50 }, (_, seed) =>
        drawPaper(bank(), small, seededQuizRandom(seed))
          .map((s) => s.questionId)
          .join(),
      ),
    );
    expect(papers.size).toBe(50);
  });

  it('shuffles the order, so rules are not answered in blocks', () => {
    const firstTypes = new Set(
      Array.from(
        { length: 40 },
        (_, seed) => byId.get(drawPaper(bank(), rules, seededQuizRandom(seed))[0]!.questionId)!.type,
      ),
    );
    expect(firstTypes.size).toBe(3);
  });

  it('uses every question of a type about equally often', () => {
    const counts = new Map<string, number>();
    const rule: PaperRule[] = [{ type: 'multiple', category: null, count: 2, points: 1 }];
    for (let seed = 0; seed < 5000; seed++) {
      for (const slot of drawPaper(bank(), rule, seededQuizRandom(seed)))
        counts.set(slot.questionId, (counts.get(slot.questionId) ?? 0) + 1);
    }
    // Each of 10 questions is expected 1000 times.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('fails clearly when the bank is short, naming each rule that cannot be filled', () => {
    const short: PaperRule[] = [
      { type: 'single', category: '工会法', count: 12, points: 1 },
      { type: 'true_false', category: null, count: 11, points: 1 },
    ];
    expect(() => drawPaper(bank(), short, seededQuizRandom(1))).toThrow(QuizBankShortError);
    expect(() => drawPaper(bank(), short, seededQuizRandom(1))).toThrow(
      '第1条规则需要12道“工会法”类单选题，题库中只有10道可用；第2条规则需要11道判断题，题库中只有10道可用',
    );
  });
});

describe('checkPaperRules', () => {
  it('counts what is left for a general rule after the category rules took theirs', () => {
    const check = checkPaperRules(bank(), [
      { type: 'single', category: null, count: 21, points: 1 },
      { type: 'single', category: '工会法', count: 10, points: 1 },
    ]);
    expect(check.map((rule) => [rule.available, rule.ok])).toEqual([
      [20, false],
      [10, true],
    ]);
  });

  it('passes exactly when the bank has just enough', () => {
    expect(checkPaperRules(bank(), rules).every((rule) => rule.ok)).toBe(true);
    expect(checkPaperRules(bank(), [{ type: 'single', category: null, count: 31, points: 1 }])[0]!.ok).toBe(false);
  });
});

describe('grading', () => {
  it('scores single choice and true/false by the one letter, multiple choice only for the exact set', () => {
    expect(isQuizAnswerCorrect('single', ['B'], ['B'])).toBe(true);
    expect(isQuizAnswerCorrect('single', ['B'], ['B', 'C'])).toBe(false);
    expect(isQuizAnswerCorrect('true_false', ['A'], ['B'])).toBe(false);
    expect(isQuizAnswerCorrect('multiple', ['A', 'C'], ['C', 'A'])).toBe(true);
    expect(isQuizAnswerCorrect('multiple', ['A', 'C'], ['A'])).toBe(false);
    expect(isQuizAnswerCorrect('multiple', ['A', 'C'], ['A', 'C', 'D'])).toBe(false);
    expect(isQuizAnswerCorrect('multiple', ['A', 'C'], [])).toBe(false);
    expect(isQuizAnswerCorrect('single', ['A'], undefined)).toBe(false);
  });

  it('adds up the points of the right answers', () => {
    const keys = new Map([
      ['q1', { type: 'single' as const, answer: ['A'] }],
      ['q2', { type: 'multiple' as const, answer: ['A', 'B'] }],
      ['q3', { type: 'true_false' as const, answer: ['B'] }],
    ]);
    const paper = [
      { questionId: 'q1', points: 2 },
      { questionId: 'q2', points: 4 },
      { questionId: 'q3', points: 1 },
    ];
    expect(gradePaper(paper, keys, { q1: ['A'], q2: ['A'], q3: ['B'] })).toMatchObject({ score: 3, correctCount: 2 });
    expect(gradePaper(paper, keys, {})).toMatchObject({ score: 0, correctCount: 0 });
  });
});

describe('ranking order', () => {
  it('puts the higher score first, then the quicker, then the earlier submission', () => {
    const at = (iso: string) => new Date(iso);
    const results = [
      { name: 'slow', score: 90, durationSeconds: 600, submittedAt: at('2026-03-01T10:00:00Z') },
      { name: 'low', score: 80, durationSeconds: 60, submittedAt: at('2026-03-01T09:00:00Z') },
      { name: 'late', score: 90, durationSeconds: 300, submittedAt: at('2026-03-01T11:00:00Z') },
      { name: 'early', score: 90, durationSeconds: 300, submittedAt: at('2026-03-01T08:00:00Z') },
    ];
    expect(results.sort(compareQuizResults).map((result) => result.name)).toEqual(['early', 'late', 'slow', 'low']);
  });
});
