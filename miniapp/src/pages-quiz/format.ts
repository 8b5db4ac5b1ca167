/** How quiz times, durations and answers read on the member pages. */
import { chinaDateTime, type QuizState } from '@union/shared';

export const QUIZ_STATE_LABELS: Record<QuizState, string> = {
  not_open: '未开始',
  open: '进行中',
  ended: '已结束',
};

/** China time whatever the phone's zone: the contest runs on China time. */
export const quizTime = (iso: string): string => chinaDateTime(new Date(iso));

export const quizWindow = (quiz: { opensAt: string; closesAt: string }): string =>
  `${quizTime(quiz.opensAt)} 至 ${quizTime(quiz.closesAt)}`;

export { durationText } from '../components/QuizRanking/duration';

/** 14:59 on the countdown; never negative. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${String(minutes).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Scores may carry decimals in future rules; whole numbers read without them. */
export const scoreText = (score: number): string => (Number.isInteger(score) ? String(score) : score.toFixed(1));

/** A chosen set as the member reads it: 'AC', or 未作答. */
export const lettersText = (letters: readonly string[]): string =>
  letters.length ? [...letters].sort().join('') : '未作答';
