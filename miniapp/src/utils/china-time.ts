/**
 * Calendar parts in China time (UTC+8, no daylight saving), the zone opening hours
 * are written in, whatever zone the phone or the test machine is set to.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChinaMoment {
  /** `2026-07-14` */
  date: string;
  /** 0 = Monday … 6 = Sunday, the order of `hours.weekly`. */
  weekday: number;
  /** `08:05` */
  time: string;
  /** Days since 1970-01-01 in China, for "today / tomorrow" comparisons. */
  dayNumber: number;
}

export function chinaMoment(instant: Date | number): ChinaMoment {
  const shifted = new Date((typeof instant === 'number' ? instant : instant.getTime()) + CHINA_OFFSET_MS);
  const iso = shifted.toISOString();
  return {
    date: iso.slice(0, 10),
    weekday: (shifted.getUTCDay() + 6) % 7,
    time: iso.slice(11, 16),
    dayNumber: Math.floor(shifted.getTime() / DAY_MS),
  };
}

/** `YYYY-MM-DD` for a China calendar date `days` after the one containing `now`. */
export function chinaDateAfter(now: Date, days: number): string {
  return chinaMoment(now.getTime() + days * DAY_MS).date;
}

/** `7月14日` */
export function monthDayText(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
