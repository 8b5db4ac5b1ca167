import type { StationSummary } from '@union/shared';
import { describe, expect, it } from 'vitest';
import { distanceText, openStateText, travelText } from './station-text';

/** Tuesday 14 July 2026, 13:00 in China. */
const NOW = new Date('2026-07-14T13:00:00+08:00');

type Opening = StationSummary['opening'];
const open = (opening: Partial<Opening>, status: StationSummary['status'] = 'open') => ({
  status,
  opening: { openNow: false, closingSoon: false, closesInMinutes: null, opensAt: null, ...opening },
});

describe('distance and travel time', () => {
  it.each([
    [8, '10米'],
    [347, '350米'],
    [999, '1000米'],
    [1234, '1.2公里'],
    [15_049, '15.0公里'],
    [123_456, '123公里'],
  ])('%i m reads %s', (meters, text) => {
    expect(distanceText(meters)).toBe(text);
  });

  it('gives walking and riding minutes, or nothing without a position', () => {
    expect(travelText({ walkMinutes: 6, rideMinutes: 2 })).toBe('步行6分钟 · 骑行2分钟');
    expect(travelText({ walkMinutes: null, rideMinutes: null })).toBeNull();
  });
});

describe('open state', () => {
  it('counts down the last half hour', () => {
    expect(openStateText(open({ openNow: true, closingSoon: true, closesInMinutes: 25 }), NOW)).toEqual({
      text: '营业中 · 还有25分钟打烊',
      tone: 'soon',
    });
  });

  it('gives the closing time otherwise, the next day for an overnight shift', () => {
    expect(openStateText(open({ openNow: true, closesInMinutes: 540 }), NOW).text).toBe('营业中 · 22:00打烊');
    expect(openStateText(open({ openNow: true, closesInMinutes: 17 * 60 }), NOW).text).toBe('营业中 · 明天06:00打烊');
  });

  it('says 24小时营业 when no closing is in sight', () => {
    expect(openStateText(open({ openNow: true, closesInMinutes: null }), NOW)).toEqual({
      text: '24小时营业',
      tone: 'open',
    });
  });

  it('says when a closed station opens again', () => {
    const today = open({ opensAt: '2026-07-14T06:30:00.000Z' }); // 14:30 China time
    const tomorrow = open({ opensAt: '2026-07-15T00:00:00.000Z' }); // 08:00
    const saturday = open({ opensAt: '2026-07-18T01:00:00.000Z' }); // 09:00
    expect(openStateText(today, NOW).text).toBe('已打烊 · 14:30开门');
    expect(openStateText(tomorrow, NOW).text).toBe('已打烊 · 明天08:00开门');
    expect(openStateText(saturday, NOW).text).toBe('已打烊 · 周六09:00开门');
    expect(openStateText(open({}), NOW)).toEqual({ text: '已打烊', tone: 'closed' });
  });

  it('shows a station shut by staff as 暂停服务 whatever its hours', () => {
    expect(openStateText(open({ openNow: false }, 'closed'), NOW).text).toBe('暂停服务');
  });
});
