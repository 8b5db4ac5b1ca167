/** A station's opening hours as a page shows them: today's line, the week, and the dates that differ. */
import { chinaDateAfter, chinaInstant, chinaMoment, type OpeningHours, type OpeningInterval } from '@union/shared';
import { WEEKDAY_LABELS } from '../strings/stations';
import { monthDayText } from './china-time';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** `08:00–20:00`; a close at or before the open runs into the next day: `22:00–次日06:00`. */
export function intervalText({ open, close }: OpeningInterval): string {
  if (open === '00:00' && (close === '24:00' || close === '00:00')) return '全天';
  // Time pickers cannot say 24:00; a 00:00 close means the same: until midnight.
  if (close === '00:00') return `${open}–24:00`;
  const overnight = close !== '24:00' && minutesOf(close) <= minutesOf(open);
  return `${open}–${overnight ? '次日' : ''}${close}`;
}

export function dayHoursText(intervals: readonly OpeningInterval[]): string {
  return intervals.length === 0 ? '休息' : intervals.map(intervalText).join('、');
}

export interface DayHours {
  text: string;
  /** Set when a dated exception replaces the weekly hours (a holiday, a temporary closure). */
  exceptionNote: string | null;
  isException: boolean;
}

/** The hours of the China calendar day `date` (`YYYY-MM-DD`). */
export function hoursOn(hours: OpeningHours, date: string): DayHours {
  const exception = hours.exceptions.find((entry) => entry.date === date);
  if (exception) {
    return { text: dayHoursText(exception.intervals), exceptionNote: exception.note ?? '特殊安排', isException: true };
  }
  if (hours.alwaysOpen) return { text: '24小时营业', exceptionNote: null, isException: false };
  const weekday = chinaMoment(chinaInstant(date, '12:00')).weekday;
  return { text: dayHoursText(hours.weekly[weekday] ?? []), exceptionNote: null, isException: false };
}

export function todayHours(hours: OpeningHours, now: Date = new Date()): DayHours {
  return hoursOn(hours, chinaMoment(now).date);
}

export interface WeekRow {
  label: string;
  text: string;
  isToday: boolean;
}

/** Monday to Sunday of the regular week; exceptions are listed separately. */
export function weekRows(hours: OpeningHours, now: Date = new Date()): WeekRow[] {
  const today = chinaMoment(now).weekday;
  return WEEKDAY_LABELS.map((label, day) => ({
    label,
    text: hours.alwaysOpen ? '24小时' : dayHoursText(hours.weekly[day] ?? []),
    isToday: day === today,
  }));
}

export interface ExceptionRow {
  date: string;
  label: string;
  text: string;
  note: string | null;
}

/** Exceptions from today on, within `days`, in date order: what a rider planning ahead needs. */
export function upcomingExceptions(hours: OpeningHours, now: Date = new Date(), days = 30): ExceptionRow[] {
  const from = chinaMoment(now).date;
  const to = chinaDateAfter(now, days);
  return hours.exceptions
    .filter((entry) => entry.date >= from && entry.date <= to)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((entry) => ({
      date: entry.date,
      label: `${monthDayText(entry.date)} ${WEEKDAY_LABELS[chinaMoment(chinaInstant(entry.date, '12:00')).weekday]}`,
      text: dayHoursText(entry.intervals),
      note: entry.note ?? null,
    }));
}
