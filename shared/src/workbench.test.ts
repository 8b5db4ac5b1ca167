import { describe, expect, it } from 'vitest';
import { opensOnDay } from './opening-hours';
import { runningOutOfStock, waitingAgeLabel } from './workbench';

describe('workbench rules', () => {
  it('flags an offer with at most 10 or a tenth of its stock left, not a sold-out one', () => {
    expect(runningOutOfStock({ stockTotal: 40, stockRemaining: 10 })).toBe(true);
    expect(runningOutOfStock({ stockTotal: 40, stockRemaining: 11 })).toBe(false);
    expect(runningOutOfStock({ stockTotal: 5000, stockRemaining: 500 })).toBe(true);
    expect(runningOutOfStock({ stockTotal: 5000, stockRemaining: 501 })).toBe(false);
    expect(runningOutOfStock({ stockTotal: 40, stockRemaining: 0 })).toBe(false);
  });

  it('reads the oldest item’s wait in days, hours or minutes', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(waitingAgeLabel('2026-03-07T11:00:00Z', now)).toBe('最早 3 天前');
    expect(waitingAgeLabel('2026-03-10T07:00:00Z', now)).toBe('最早 5 小时前');
    expect(waitingAgeLabel('2026-03-10T12:00:00Z', now)).toBe('最早 1 分钟前');
  });

  it('tells whether a station opens at all on a China day', () => {
    const weekdays = {
      alwaysOpen: false,
      weekly: [...Array(5).fill([{ open: '08:00', close: '18:00' }]), [], []],
      exceptions: [],
    };
    // 2026-03-14 is a Saturday in China.
    expect(opensOnDay(weekdays, new Date('2026-03-14T02:00:00Z'))).toBe(false);
    expect(opensOnDay(weekdays, new Date('2026-03-13T02:00:00Z'))).toBe(true);
    const holiday = { ...weekdays, exceptions: [{ date: '2026-03-13', intervals: [] }] };
    expect(opensOnDay(holiday, new Date('2026-03-13T02:00:00Z'))).toBe(false);
  });
});
