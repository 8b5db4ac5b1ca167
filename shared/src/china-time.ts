/**
 * China time (UTC+8, no daylight saving): the zone of every date a member or cadre reads or
 * types (opening hours, aid deadlines, settlement months, file names), whatever zone the
 * server, the phone or the test machine runs in. The one place that knows the offset.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

const shifted = (instant: Date | number) =>
  new Date((typeof instant === 'number' ? instant : instant.getTime()) + CHINA_OFFSET_MS);

export interface ChinaMoment {
  /** `2026-07-14` */
  date: string;
  /** 0 = Monday … 6 = Sunday, the order of opening hours' `weekly`. */
  weekday: number;
  /** `08:05` */
  time: string;
  /** Days since 1970-01-01 in China, for "today / tomorrow" comparisons. */
  dayNumber: number;
}

export function chinaMoment(instant: Date | number): ChinaMoment {
  const wall = shifted(instant);
  const iso = wall.toISOString();
  return {
    date: iso.slice(0, 10),
    weekday: (wall.getUTCDay() + 6) % 7,
    time: iso.slice(11, 16),
    dayNumber: Math.floor(wall.getTime() / DAY_MS),
  };
}

/** The calendar date in China at an instant, `YYYY-MM-DD`. */
export function chinaDateOf(instant: Date | number): string {
  return shifted(instant).toISOString().slice(0, 10);
}

/** `20260315`, for file names and order numbers. */
export function chinaCompactDate(instant: Date | number): string {
  return chinaDateOf(instant).replace(/-/g, '');
}

/** `2026-03-15 14:05` */
export function chinaDateTime(instant: Date | number): string {
  return shifted(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/** RFC 3339 with the `+08:00` offset, e.g. `2026-03-15T14:05:00+08:00` (the form WeChat Pay documents). */
export function chinaIsoString(instant: Date | number): string {
  return `${shifted(instant).toISOString().slice(0, 19)}+08:00`;
}

/** The China calendar month (`YYYY-MM`) of an instant. */
export function chinaMonthOf(instant: Date | number): string {
  return chinaDateOf(instant).slice(0, 7);
}

/** Midnight in China of the day containing `instant`, as epoch milliseconds. */
export function chinaDayStart(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** The instant a China wall-clock time begins: `chinaInstant('2026-03-15', '08:00')`. */
export function chinaInstant(date: string, time = '00:00'): Date {
  return new Date(Date.parse(`${date}T${time}:00Z`) - CHINA_OFFSET_MS);
}

/** The China week (Monday 00:00 to the next Monday 00:00) holding `instant`: [start, end). */
export function chinaWeekRange(instant: Date | number): { start: Date; end: Date } {
  const start = chinaDayStart(instant) - chinaMoment(instant).weekday * DAY_MS;
  return { start: new Date(start), end: new Date(start + 7 * DAY_MS) };
}

/** First instant of a China calendar day (`YYYY-MM-DD`) and of the next one: [start, end). */
export function chinaDayRange(date: string): { start: Date; end: Date } {
  const start = chinaInstant(date);
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** First instant of a China calendar month (`YYYY-MM`) and of the next one: [start, end). */
export function chinaMonthRange(month: string): { start: Date; end: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, monthNumber - 1, 1) - CHINA_OFFSET_MS);
  const end = new Date(Date.UTC(year, monthNumber, 1) - CHINA_OFFSET_MS);
  return { start, end };
}

/** `YYYY-MM-DD` for the China calendar date `days` after the one containing `now`. */
export function chinaDateAfter(now: Date | number, days: number): string {
  return chinaDateOf((typeof now === 'number' ? now : now.getTime()) + days * DAY_MS);
}

/** Milliseconds left until the next midnight in China. */
export function msUntilChinaMidnight(now: Date | number): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  return chinaDayStart(ms) + DAY_MS - ms;
}

// China calendar dates (`YYYY-MM-DD`) are already in China time: counting them needs no zone.
const calendarDayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** How many days `from`..`to` spans, both included (0 or less when `to` is before `from`). */
export function calendarDaysInclusive(from: string, to: string): number {
  return calendarDayNumber(to) - calendarDayNumber(from) + 1;
}

/** Every calendar date from `from` to `to`, both included. */
export function calendarDatesBetween(from: string, to: string): string[] {
  const first = calendarDayNumber(from);
  return Array.from({ length: Math.max(0, calendarDaysInclusive(from, to)) }, (_, index) =>
    new Date((first + index) * DAY_MS).toISOString().slice(0, 10),
  );
}
