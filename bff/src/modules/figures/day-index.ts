/** Where a China date sits in a counter document's `days` (figures/counter.model.ts). */
const DAY_MS = 86_400_000;

export const DAYS_PER_DOCUMENT = 366;

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** 'YYYY-MM-DD' → 0-based day of its year. */
export function dayIndex(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(year, month - 1, date) - Date.UTC(year, 0, 1)) / DAY_MS);
}

/** 0-based day of `year` → 'YYYY-MM-DD'. */
export function dayAt(year: number, index: number): string {
  return new Date(Date.UTC(year, 0, 1) + index * DAY_MS).toISOString().slice(0, 10);
}

/** The China date before 'YYYY-MM-DD'. */
export function dayBefore(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) - DAY_MS).toISOString().slice(0, 10);
}

/** The month (0–11) of each day index of `year`, as far as the year goes. */
function monthOfIndex(year: number, index: number): number {
  return new Date(Date.UTC(year, 0, 1) + index * DAY_MS).getUTCMonth();
}

export function monthSums(year: number, days: readonly number[]): number[] {
  const months = new Array<number>(12).fill(0);
  days.forEach((value, index) => {
    if (value !== 0 && dayAt(year, index).startsWith(String(year))) months[monthOfIndex(year, index)]! += value;
  });
  return months;
}

/** The day indexes of `year` that fall within [from, to] (dates, inclusive), or null when none. */
export function indexRange(year: number, range: { from: string; to: string }): { first: number; last: number } | null {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  if (range.to < start || range.from > end) return null;
  return {
    first: range.from < start ? 0 : dayIndex(range.from),
    last: range.to > end ? dayIndex(end) : dayIndex(range.to),
  };
}
