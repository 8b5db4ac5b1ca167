/**
 * The period a cadre looks at, as the page keeps it and as the BFF is asked for it: a label
 * (`2026-03`, `2026-Q1`, `2026`) or a custom from–to. Passed between pages as URL parameters.
 */
import { chinaDateOf, customPeriod, periodOfLabel, type FigurePeriodKind } from '@union/shared';
import type { FiguresQuery } from './services';

export type PeriodChoice =
  { kind: Exclude<FigurePeriodKind, 'custom'>; label: string } | { kind: 'custom'; from: string; to: string };

export const PERIOD_KINDS: { kind: FigurePeriodKind; label: string }[] = [
  { kind: 'month', label: '月' },
  { kind: 'quarter', label: '季度' },
  { kind: 'year', label: '年' },
  { kind: 'custom', label: '自定义' },
];

/** Today in China: the default of every kind is the one we are in. */
function today(): string {
  return chinaDateOf(new Date());
}

export function defaultPeriod(kind: FigurePeriodKind = 'year'): PeriodChoice {
  const day = today();
  const year = day.slice(0, 4);
  switch (kind) {
    case 'month':
      return { kind, label: day.slice(0, 7) };
    case 'quarter':
      return { kind, label: `${year}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}` };
    case 'custom':
      return { kind, from: `${year}-01-01`, to: day };
    default:
      return { kind: 'year', label: year };
  }
}

/** The quarters one may pick: this year's so far and the two years before, newest first. */
export function quarterChoices(): { label: string; text: string }[] {
  const day = today();
  const year = Number(day.slice(0, 4));
  const current = Math.ceil(Number(day.slice(5, 7)) / 3);
  const choices: { label: string; text: string }[] = [];
  for (let y = year; y >= year - 2; y -= 1) {
    for (let q = y === year ? current : 4; q >= 1; q -= 1)
      choices.push({ label: `${y}-Q${q}`, text: `${y}年第${q}季度` });
  }
  return choices;
}

export function periodQuery(period: PeriodChoice): Pick<FiguresQuery, 'period' | 'from' | 'to'> {
  return period.kind === 'custom' ? { from: period.from, to: period.to } : { period: period.label };
}

/** A period from page parameters (`period`, or `from` and `to`); the default when they name none. */
export function periodOfParams(params: Record<string, string | undefined>): PeriodChoice {
  if (params.period) {
    const named = periodOfLabel(params.period);
    if (named && named.kind !== 'custom') return { kind: named.kind, label: params.period };
  }
  if (params.from && params.to && customPeriod(params.from, params.to)) {
    return { kind: 'custom', from: params.from, to: params.to };
  }
  return defaultPeriod();
}

/** `orgId=…&period=…` for a page URL. */
export function figuresUrl(route: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => Boolean(pair[1]));
  return pairs.length ? `${route}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : route;
}
