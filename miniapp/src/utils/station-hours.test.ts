import type { OpeningHours } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { intervalText, todayHours, upcomingExceptions, weekRows } from './station-hours';

/** Tuesday 14 July 2026, 02:00 in China (still Monday evening in UTC). */
const TUESDAY_2AM = new Date('2026-07-14T02:00:00+08:00');

const nightShift: OpeningHours = {
  alwaysOpen: false,
  weekly: [
    [{ open: '22:00', close: '06:00' }],
    [{ open: '22:00', close: '06:00' }],
    [{ open: '22:00', close: '06:00' }],
    [
      { open: '08:00', close: '12:00' },
      { open: '14:00', close: '20:00' },
    ],
    [],
    [],
    [{ open: '00:00', close: '24:00' }],
  ],
  exceptions: [],
};

describe('opening hours on the station page', () => {
  it('writes an overnight interval with 次日', () => {
    expect(intervalText({ open: '22:00', close: '06:00' })).toBe('22:00–次日06:00');
    expect(intervalText({ open: '08:00', close: '24:00' })).toBe('08:00–24:00');
    expect(intervalText({ open: '08:00', close: '00:00' })).toBe('08:00–24:00');
    expect(intervalText({ open: '00:00', close: '24:00' })).toBe('全天');
  });

  it("shows today's hours in China time for an overnight station", () => {
    expect(todayHours(nightShift, TUESDAY_2AM)).toEqual({
      text: '22:00–次日06:00',
      exceptionNote: null,
      isException: false,
    });
  });

  it('shows an exception instead of the weekly hours on that day', () => {
    const holiday: OpeningHours = {
      ...nightShift,
      exceptions: [
        { date: '2026-07-14', intervals: [], note: '设备检修' },
        { date: '2026-07-20', intervals: [{ open: '10:00', close: '16:00' }] },
      ],
    };
    expect(todayHours(holiday, TUESDAY_2AM)).toEqual({ text: '休息', exceptionNote: '设备检修', isException: true });
    expect(upcomingExceptions(holiday, TUESDAY_2AM)).toEqual([
      { date: '2026-07-14', label: '7月14日 周二', text: '休息', note: '设备检修' },
      { date: '2026-07-20', label: '7月20日 周一', text: '10:00–16:00', note: null },
    ]);
  });

  it('lists the week from Monday with today marked', () => {
    const rows = weekRows(nightShift, TUESDAY_2AM);
    expect(rows.map((row) => `${row.label} ${row.text}`)).toEqual([
      '周一 22:00–次日06:00',
      '周二 22:00–次日06:00',
      '周三 22:00–次日06:00',
      '周四 08:00–12:00、14:00–20:00',
      '周五 休息',
      '周六 休息',
      '周日 全天',
    ]);
    expect(rows.filter((row) => row.isToday).map((row) => row.label)).toEqual(['周二']);
  });

  it('says 24小时 for a round-the-clock station', () => {
    const always: OpeningHours = { alwaysOpen: true, weekly: [[], [], [], [], [], [], []], exceptions: [] };
    expect(todayHours(always, TUESDAY_2AM).text).toBe('24小时营业');
    expect(weekRows(always, TUESDAY_2AM)[0]?.text).toBe('24小时');
  });
});
