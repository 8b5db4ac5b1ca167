/**
 * Weekly opening hours with dated exceptions, evaluated in China time (UTC+8, no
 * daylight saving) whatever the server's or the phone's time zone.
 *
 * A day lists intervals `{ open: 'HH:MM', close: 'HH:MM' }`. A close at or before
 * the open means the interval runs past midnight into the next day (22:00–06:00);
 * `close: '24:00'` ends at midnight. `alwaysOpen` marks 24-hour stations. An exception
 * replaces one calendar date's intervals (closed for a holiday, shorter hours).
 */
import { z } from 'zod';
import { chinaDateOf, chinaDayStart, chinaMoment, DAY_MS } from './china-time';

export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const OpeningIntervalSchema = z.object({
  open: z.string().regex(TIME_OF_DAY, '开放时间格式应为 HH:MM'),
  close: z.string().regex(TIME_OF_DAY, '关闭时间格式应为 HH:MM'),
});
export type OpeningInterval = z.infer<typeof OpeningIntervalSchema>;

export const OpeningExceptionSchema = z.object({
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  /** Empty means closed all day. */
  intervals: z.array(OpeningIntervalSchema).max(4),
  note: z.string().trim().max(40).optional(),
});
export type OpeningException = z.infer<typeof OpeningExceptionSchema>;

export const OpeningHoursSchema = z.object({
  alwaysOpen: z.boolean().default(false),
  /** Seven entries, Monday first; an empty day is closed. */
  weekly: z.array(z.array(OpeningIntervalSchema).max(4)).length(7, '应填写周一至周日七天'),
  exceptions: z.array(OpeningExceptionSchema).max(60).default([]),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

/** Minutes before closing at which a station is flagged "closing soon". */
export const CLOSING_SOON_MINUTES = 30;

export interface OpeningStatus {
  open: boolean;
  /** Whole minutes until it closes, when open and not 24-hour. */
  closesInMinutes: number | null;
  closingSoon: boolean;
  /** The next opening instant (ISO, UTC) when closed, within the next 8 days; null if none. */
  opensAt: string | null;
}

const MINUTE_MS = 60_000;
/** How far ahead closing and opening times are looked for. */
const HORIZON_DAYS = 8;

const chinaDate = (dayStart: number) => chinaDateOf(dayStart);
/** 0 for Monday … 6 for Sunday, the order of `weekly`. */
const chinaWeekday = (dayStart: number) => chinaMoment(dayStart).weekday;

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The opening spans that start on one China calendar day, as [start, end) instants. */
function spansStartingOn(hours: OpeningHours, dayStart: number): [number, number][] {
  const exception = hours.exceptions.find((entry) => entry.date === chinaDate(dayStart));
  if (!exception && hours.alwaysOpen) return [[dayStart, dayStart + DAY_MS]];
  const intervals = exception ? exception.intervals : (hours.weekly[chinaWeekday(dayStart)] ?? []);
  return intervals.map(({ open, close }) => {
    const start = dayStart + minutesOf(open) * MINUTE_MS;
    let end = dayStart + minutesOf(close) * MINUTE_MS;
    // A close at or before the open runs past midnight (22:00–06:00, or 00:00–00:00 for a whole day).
    if (end <= start) end += DAY_MS;
    return [start, end];
  });
}

/** Whether any opening starts on the China day of `now`: a closed weekday or a holiday exception says no. */
export function opensOnDay(hours: OpeningHours, now: Date = new Date()): boolean {
  return spansStartingOn(hours, chinaDayStart(now.getTime())).length > 0;
}

/**
 * Open now? Closing in how many minutes? Opening next when? Evaluated in China time.
 * Back-to-back spans (an overnight shift followed by the morning one, or a 24-hour
 * station's consecutive days) count as one stretch of opening.
 */
export function openingStatus(hours: OpeningHours, now: Date = new Date()): OpeningStatus {
  const t = now.getTime();
  const today = chinaDayStart(t);
  const spans: [number, number][] = [];
  // Yesterday's overnight span may still be running; look a week ahead for the rest.
  for (let day = -1; day <= HORIZON_DAYS; day++) spans.push(...spansStartingOn(hours, today + day * DAY_MS));
  spans.sort((a, b) => a[0] - b[0]);

  const current = spans.find(([start, end]) => start <= t && t < end);
  if (current) {
    let end = current[1];
    for (const [start, spanEnd] of spans) if (start <= end && spanEnd > end) end = spanEnd;
    const reachesHorizon = end >= today + HORIZON_DAYS * DAY_MS;
    const closesInMinutes = reachesHorizon ? null : Math.ceil((end - t) / MINUTE_MS);
    return {
      open: true,
      closesInMinutes,
      closingSoon: closesInMinutes !== null && closesInMinutes <= CLOSING_SOON_MINUTES,
      opensAt: null,
    };
  }
  const next = spans.find(([start]) => start > t);
  return {
    open: false,
    closesInMinutes: null,
    closingSoon: false,
    opensAt: next ? new Date(next[0]).toISOString() : null,
  };
}
