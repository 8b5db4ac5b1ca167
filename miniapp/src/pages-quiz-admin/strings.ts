/** Labels the organiser pages share. */
import type { QuizStatus } from '@union/shared';

export const QUIZ_STATUS_LABELS: Record<QuizStatus, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已结束',
};

/** 0.4567 → 45.7%; null (no members) → —. */
export const rateText = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export const averageText = (score: number | null): string => (score === null ? '—' : score.toFixed(1));
