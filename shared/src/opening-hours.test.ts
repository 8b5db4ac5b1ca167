import { afterEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { type OpeningHours, type OpeningInterval, OpeningHoursSchema, openingStatus } from './opening-hours';

/** An instant given as China wall-clock time, e.g. china('2025-06-09 08:00') (a Monday). */
const china = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);
/** The ISO instant openingStatus reports for a China wall-clock time. */
const iso = (wallClock: string) => china(wallClock).toISOString();

const day = (...pairs: string[]): OpeningInterval[] =>
  pairs.map((pair) => {
    const [open, close] = pair.split('-') as [string, string];
    return { open, close };
  });
const closed: OpeningInterval[] = [];

/** Hours from seven days, Monday first. */
function weekly(days: OpeningInterval[][], extra: Partial<OpeningHours> = {}): OpeningHours {
  return { alwaysOpen: false, weekly: days, exceptions: [], ...extra };
}
const everyDay = (intervals: OpeningInterval[]) => Array.from({ length: 7 }, () => intervals);

// The week of Monday 2025-06-09 to Sunday 2025-06-15.
const officeHours = weekly([...Array.from({ length: 5 }, () => day('08:00-20:00')), closed, closed]);

describe('openingStatus on ordinary day hours', () => {
  it('is open during the hours, with the minutes left until closing', () => {
    expect(openingStatus(officeHours, china('2025-06-09 12:00'))).toEqual({
      open: true,
      closesInMinutes: 480,
      closingSoon: false,
      opensAt: null,
    });
  });

  it('opens at the first minute and closes at the closing minute', () => {
    expect(openingStatus(officeHours, china('2025-06-09 08:00')).open).toBe(true);
    expect(openingStatus(officeHours, china('2025-06-09 20:00'))).toEqual({
      open: false,
      closesInMinutes: null,
      closingSoon: false,
      opensAt: iso('2025-06-10 08:00'),
    });
  });

  it('says when it opens later the same day', () => {
    expect(openingStatus(officeHours, china('2025-06-09 07:59'))).toMatchObject({
      open: false,
      opensAt: '2025-06-09T00:00:00.000Z',
    });
  });

  it('flags closing soon at exactly 30 minutes before closing, not at 31', () => {
    expect(openingStatus(officeHours, china('2025-06-09 19:30'))).toMatchObject({
      closesInMinutes: 30,
      closingSoon: true,
    });
    expect(openingStatus(officeHours, china('2025-06-09 19:29'))).toMatchObject({
      closesInMinutes: 31,
      closingSoon: false,
    });
  });

  it('rounds part of a minute up, so a rider is never told more time than there is', () => {
    const halfMinuteLater = new Date(china('2025-06-09 19:29').getTime() + 30_000);
    expect(openingStatus(officeHours, halfMinuteLater).closesInMinutes).toBe(31);
    const lastSecond = new Date(china('2025-06-09 20:00').getTime() - 1_000);
    expect(openingStatus(officeHours, lastSecond)).toMatchObject({ closesInMinutes: 1, closingSoon: true });
  });

  it('finds the open interval of a day split around lunch', () => {
    const split = weekly(everyDay(day('08:00-12:00', '14:00-20:00')));
    expect(openingStatus(split, china('2025-06-09 11:00')).closesInMinutes).toBe(60);
    expect(openingStatus(split, china('2025-06-09 13:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-09 14:00'),
    });
  });
});

describe('openingStatus on overnight hours', () => {
  // Friday 22:00 to Saturday 06:00 only.
  const fridayNight = weekly([closed, closed, closed, closed, day('22:00-06:00'), closed, closed]);

  it('is open on Saturday at 05:00 China time and closes in 60 minutes', () => {
    expect(openingStatus(fridayNight, china('2025-06-14 05:00'))).toEqual({
      open: true,
      closesInMinutes: 60,
      closingSoon: false,
      opensAt: null,
    });
  });

  it('counts the night from Friday evening to Saturday morning', () => {
    expect(openingStatus(fridayNight, china('2025-06-13 23:00')).closesInMinutes).toBe(420);
    expect(openingStatus(fridayNight, china('2025-06-13 21:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-13 22:00'),
    });
    expect(openingStatus(fridayNight, china('2025-06-14 06:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-20 22:00'),
    });
  });

  it("keeps yesterday's overnight span running past midnight, across the end of the week", () => {
    // Sunday night runs into Monday, whose own hours start later.
    const hours = weekly([day('09:00-17:00'), closed, closed, closed, closed, closed, day('20:00-02:00')]);
    expect(openingStatus(hours, china('2025-06-16 01:00'))).toMatchObject({ open: true, closesInMinutes: 60 });
    expect(openingStatus(hours, china('2025-06-16 03:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-16 09:00'),
    });
  });

  it('runs an evening until midnight when it closes at 24:00', () => {
    const lateEvenings = weekly(everyDay(day('18:00-24:00')));
    expect(openingStatus(lateEvenings, china('2025-06-09 23:30'))).toMatchObject({
      open: true,
      closesInMinutes: 30,
      closingSoon: true,
    });
    expect(openingStatus(lateEvenings, china('2025-06-10 00:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-10 18:00'),
    });
  });
});

describe('openingStatus on back-to-back spans', () => {
  it('treats 00:00-24:00 every day like a 24-hour station', () => {
    expect(openingStatus(weekly(everyDay(day('00:00-24:00'))), china('2025-06-09 23:59'))).toEqual({
      open: true,
      closesInMinutes: null,
      closingSoon: false,
      opensAt: null,
    });
  });

  it('treats 00:00-00:00 as a whole day', () => {
    expect(openingStatus(weekly(everyDay(day('00:00-00:00'))), china('2025-06-11 12:00')).closesInMinutes).toBeNull();
  });

  it('joins a night shift to the next morning into one stretch', () => {
    // Monday 22:00-06:00, then Tuesday 06:00-12:00: at Monday 23:00 it stays open until Tuesday noon.
    const hours = weekly([day('22:00-06:00'), day('06:00-12:00'), closed, closed, closed, closed, closed]);
    expect(openingStatus(hours, china('2025-06-09 23:00')).closesInMinutes).toBe(13 * 60);
  });

  it('joins a day closing at 24:00 to the next day opening at 00:00', () => {
    const hours = weekly([day('18:00-24:00'), day('00:00-02:00'), closed, closed, closed, closed, closed]);
    expect(openingStatus(hours, china('2025-06-09 23:30'))).toMatchObject({
      closesInMinutes: 150,
      closingSoon: false,
    });
  });

  it('still counts down to a real closing days ahead', () => {
    // Open round the clock from Monday to Saturday, closed on Sunday.
    const hours = weekly([...Array.from({ length: 6 }, () => day('00:00-24:00')), closed]);
    expect(openingStatus(hours, china('2025-06-09 00:00')).closesInMinutes).toBe(6 * 24 * 60);
  });
});

describe('openingStatus on 24-hour stations', () => {
  it('is always open with no closing time, whatever the weekly table says', () => {
    const hours = weekly(everyDay(closed), { alwaysOpen: true });
    for (const when of ['2025-06-09 03:00', '2025-06-14 23:59', '2025-12-31 12:00']) {
      expect(openingStatus(hours, china(when))).toEqual({
        open: true,
        closesInMinutes: null,
        closingSoon: false,
        opensAt: null,
      });
    }
  });
});

describe('openingStatus with dated exceptions', () => {
  const daily = everyDay(day('08:00-20:00'));

  it('is closed all day on a holiday even though the week says open, and opens the next real day', () => {
    const hours = weekly(daily, { exceptions: [{ date: '2025-06-11', intervals: [], note: '端午节' }] });
    expect(openingStatus(hours, china('2025-06-11 12:00'))).toEqual({
      open: false,
      closesInMinutes: null,
      closingSoon: false,
      opensAt: iso('2025-06-12 08:00'),
    });
    // The evening before, the next opening skips the holiday.
    expect(openingStatus(hours, china('2025-06-10 21:00')).opensAt).toBe(iso('2025-06-12 08:00'));
    // The days around the holiday keep their weekly hours.
    expect(openingStatus(hours, china('2025-06-10 12:00')).open).toBe(true);
  });

  it('uses the shorter hours of an exception', () => {
    const hours = weekly(daily, { exceptions: [{ date: '2025-06-11', intervals: day('08:00-12:00') }] });
    expect(openingStatus(hours, china('2025-06-11 11:45'))).toMatchObject({
      open: true,
      closesInMinutes: 15,
      closingSoon: true,
    });
    expect(openingStatus(hours, china('2025-06-11 13:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-12 08:00'),
    });
  });

  it('closes a 24-hour station for the day of an exception', () => {
    const hours = weekly(everyDay(closed), {
      alwaysOpen: true,
      exceptions: [{ date: '2025-06-11', intervals: [] }],
    });
    expect(openingStatus(hours, china('2025-06-10 23:00'))).toMatchObject({
      open: true,
      closesInMinutes: 60,
      closingSoon: false,
    });
    expect(openingStatus(hours, china('2025-06-11 09:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-12 00:00'),
    });
  });

  it('gives a 24-hour station the hours of an exception', () => {
    const hours = weekly(everyDay(closed), {
      alwaysOpen: true,
      exceptions: [{ date: '2025-06-11', intervals: day('10:00-14:00') }],
    });
    expect(openingStatus(hours, china('2025-06-11 08:00'))).toMatchObject({
      open: false,
      opensAt: iso('2025-06-11 10:00'),
    });
    expect(openingStatus(hours, china('2025-06-11 13:40'))).toMatchObject({ open: true, closesInMinutes: 20 });
  });
});

describe('openingStatus looking ahead for the next opening', () => {
  const mondaysOnly = weekly([day('08:00-12:00'), closed, closed, closed, closed, closed, closed]);

  it('skips closed days', () => {
    expect(openingStatus(mondaysOnly, china('2025-06-10 09:00')).opensAt).toBe(iso('2025-06-16 08:00'));
  });

  it('skips an exception that closes the only open day, within eight days ahead', () => {
    const hours = weekly(mondaysOnly.weekly, { exceptions: [{ date: '2025-06-16', intervals: [] }] });
    // The next Monday after the closed one is 13 days away: beyond what is looked at.
    expect(openingStatus(hours, china('2025-06-10 09:00')).opensAt).toBeNull();
    expect(openingStatus(hours, china('2025-06-16 07:00')).opensAt).toBe(iso('2025-06-23 08:00'));
  });

  it('is closed with no next opening for a station with no hours at all', () => {
    expect(openingStatus(weekly(everyDay(closed)), china('2025-06-09 12:00'))).toEqual({
      open: false,
      closesInMinutes: null,
      closingSoon: false,
      opensAt: null,
    });
  });
});

describe('openingStatus and the time zone of the process', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // A local-time reading that differs between zones, to prove the zone really changed.
  const localEightAm = () => new Date(2025, 5, 9, 8, 0).toISOString();

  it('gives the same answer in Los Angeles, Shanghai and UTC', () => {
    const hours = weekly([closed, closed, closed, closed, day('22:00-06:00'), closed, day('09:00-17:00')]);
    const moments = ['2025-06-14 05:00', '2025-06-14 07:00', '2025-06-15 16:45', '2025-06-13 21:00'].map(china);
    const answers = () => moments.map((now) => openingStatus(hours, now));

    vi.stubEnv('TZ', 'UTC');
    const inUtc = answers();
    expect(localEightAm()).toBe('2025-06-09T08:00:00.000Z');

    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(localEightAm()).toBe('2025-06-09T15:00:00.000Z');
    expect(answers()).toEqual(inUtc);

    vi.stubEnv('TZ', 'Asia/Shanghai');
    expect(localEightAm()).toBe('2025-06-09T00:00:00.000Z');
    expect(answers()).toEqual(inUtc);

    expect(inUtc[0]).toMatchObject({ open: true, closesInMinutes: 60 });
    expect(inUtc[1]).toMatchObject({ open: false, opensAt: iso('2025-06-15 09:00') });
    expect(inUtc[2]).toMatchObject({ open: true, closesInMinutes: 15, closingSoon: true });
    expect(inUtc[3]).toMatchObject({ open: false, opensAt: iso('2025-06-13 22:00') });
  });
});

/** The messages of a failed parse, or a marker when the value was accepted. */
function messagesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return ['<accepted>'];
  return result.error.issues.map((issue) => issue.message);
}

describe('OpeningHoursSchema', () => {
  const withMonday = (intervals: unknown) => ({ weekly: [intervals, [], [], [], [], [], []] });

  it('accepts a week of hours, defaulting alwaysOpen and exceptions', () => {
    expect(OpeningHoursSchema.parse(withMonday(day('08:00-24:00', '00:00-06:00')))).toEqual({
      alwaysOpen: false,
      weekly: [day('08:00-24:00', '00:00-06:00'), [], [], [], [], [], []],
      exceptions: [],
    });
  });

  it('explains malformed times', () => {
    expect(messagesOf(OpeningHoursSchema, withMonday([{ open: '25:00', close: '20:00' }]))).toEqual([
      '开放时间格式应为 HH:MM',
    ]);
    expect(messagesOf(OpeningHoursSchema, withMonday([{ open: '8:00', close: '20:00' }]))).toEqual([
      '开放时间格式应为 HH:MM',
    ]);
    expect(messagesOf(OpeningHoursSchema, withMonday([{ open: '08:00', close: '24:30' }]))).toEqual([
      '关闭时间格式应为 HH:MM',
    ]);
    expect(messagesOf(OpeningHoursSchema, withMonday([{ open: '08:00', close: '20:60' }]))).toEqual([
      '关闭时间格式应为 HH:MM',
    ]);
  });

  it('requires exactly seven days', () => {
    expect(messagesOf(OpeningHoursSchema, { weekly: [[], [], [], [], [], []] })).toEqual(['应填写周一至周日七天']);
    expect(messagesOf(OpeningHoursSchema, { weekly: [[], [], [], [], [], [], [], []] })).toEqual([
      '应填写周一至周日七天',
    ]);
  });

  it('explains a malformed exception date', () => {
    const hours = { weekly: everyDay([]), exceptions: [{ date: '2025-6-1', intervals: [] }] };
    expect(messagesOf(OpeningHoursSchema, hours)).toEqual(['日期格式应为 YYYY-MM-DD']);
  });
});
