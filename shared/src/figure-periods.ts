/**
 * Periods of the cadres' figures, in China dates (YYYY-MM-DD, both ends included): a month
 * (`2026-03`), a quarter (`2026-Q1`), a year (`2026`) or a custom range, and the same period a
 * year earlier for the comparison. Counters are kept per China day, so a period is a day range.
 */
export type FigurePeriodKind = 'month' | 'quarter' | 'year' | 'custom';

export interface FigurePeriod {
  kind: FigurePeriodKind;
  /** First day, YYYY-MM-DD (China date). */
  from: string;
  /** Last day, included. */
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isFigureDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The period a label names: `2026-03`, `2026-Q1`, `2026`; null when the label is none of these. */
export function periodOfLabel(label: string): FigurePeriod | null {
  let match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) return null;
    return { kind: 'month', from: isoDay(year, month, 1), to: isoDay(year, month, daysInMonth(year, month)) };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (match) {
    const [year, quarter] = [Number(match[1]), Number(match[2])];
    const last = quarter * 3;
    return { kind: 'quarter', from: isoDay(year, last - 2, 1), to: isoDay(year, last, daysInMonth(year, last)) };
  }
  match = /^(\d{4})$/.exec(label);
  if (match) return { kind: 'year', from: `${match[1]}-01-01`, to: `${match[1]}-12-31` };
  return null;
}

/** A custom range; null unless both are real days and `from` is not after `to`. */
export function customPeriod(from: string, to: string): FigurePeriod | null {
  if (!isFigureDay(from) || !isFigureDay(to) || from > to) return null;
  return { kind: 'custom', from, to };
}

/** The same day a year earlier; 29 February becomes 28 February. */
export function dayOneYearEarlier(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return isoDay(year - 1, month, Math.min(date, daysInMonth(year - 1, month)));
}

/**
 * The same period a year earlier, for 同比. A whole month, quarter or year maps to the whole
 * earlier one (February 2025 ends on the 28th even when February 2024 had 29 days).
 */
export function samePeriodLastYear(period: FigurePeriod): FigurePeriod {
  if (period.kind !== 'custom') {
    const [year, month] = period.to.split('-').map(Number) as [number, number];
    return {
      ...period,
      from: dayOneYearEarlier(period.from),
      to: isoDay(year - 1, month, daysInMonth(year - 1, month)),
    };
  }
  return { kind: 'custom', from: dayOneYearEarlier(period.from), to: dayOneYearEarlier(period.to) };
}

/** Every day of a period, in order. */
export function daysOfPeriod(period: Pick<FigurePeriod, 'from' | 'to'>): string[] {
  const days: string[] = [];
  const [y, m, d] = period.from.split('-').map(Number) as [number, number, number];
  for (let at = Date.UTC(y, m - 1, d); ; at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10);
    if (day > period.to) break;
    days.push(day);
  }
  return days;
}

/** How a period reads: 2026年3月, 2026年第1季度, 2026年, or 2026-03-01 至 2026-03-15. */
export function figurePeriodLabel(period: FigurePeriod): string {
  const year = period.from.slice(0, 4);
  if (period.kind === 'year') return `${year}年`;
  if (period.kind === 'quarter') return `${year}年第${Math.ceil(Number(period.from.slice(5, 7)) / 3)}季度`;
  if (period.kind === 'month') return `${year}年${Number(period.from.slice(5, 7))}月`;
  return `${period.from} 至 ${period.to}`;
}
