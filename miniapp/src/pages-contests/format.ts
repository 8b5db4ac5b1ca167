/** How scores, statuses and rounds read on the contest pages. */
import type { RoundScoring } from '@union/shared';

export const SHEET_STATUS_LABELS = { none: '未评', draft: '草稿', submitted: '已提交' } as const;
export const SHEET_STATUS_TAGS = { none: 'tag', draft: 'tag tag--pending', submitted: 'tag tag--approved' } as const;
export const ROUND_STATUS_LABELS = { pending: '未开始', open: '评分中', closed: '已结束' } as const;

/** Up to two decimals, without trailing zeros: 87.5, 90, 12.35. */
export function scoreText(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined) return '—';
  const text = String(Math.round(value * 100) / 100);
  return unit ? `${text}${unit}` : text;
}

/** One line on what a round asks of the judge. */
export function scoringText(scoring: RoundScoring): string {
  if (scoring.kind === 'rubric') return `评分表（${scoring.items.map((i) => `${i.name}${i.maxPoints}`).join('、')}）`;
  if (scoring.kind === 'plain') return `直接打分（满分${scoring.maxPoints}）`;
  return `计时/计量（单位：${scoring.unit}，${scoring.better === 'lower' ? '越小越好' : '越大越好'}）`;
}

/** 第1名 / 并列 share the number; absent or unranked entrants show a dash. */
export const rankText = (rank: number | null) => (rank === null ? '—' : String(rank));
