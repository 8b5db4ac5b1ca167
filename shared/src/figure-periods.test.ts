import { describe, expect, it } from 'vitest';
import {
  customPeriod,
  dayOneYearEarlier,
  daysOfPeriod,
  figurePeriodLabel,
  isFigureDay,
  periodOfLabel,
  samePeriodLastYear,
} from './figure-periods';

describe('figure periods', () => {
  it('reads a month, a quarter and a year, with their last days', () => {
    expect(periodOfLabel('2024-02')).toEqual({ kind: 'month', from: '2024-02-01', to: '2024-02-29' });
    expect(periodOfLabel('2026-02')).toEqual({ kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOfLabel('2026-Q4')).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodOfLabel('2026-Q2')).toEqual({ kind: 'quarter', from: '2026-04-01', to: '2026-06-30' });
    expect(periodOfLabel('2026')).toEqual({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
  });

  it('refuses labels that name no period', () => {
    for (const label of ['2026-13', '2026-00', '2026-Q5', '26', '2026-1', '', '2026-02-01']) {
      expect(periodOfLabel(label), label).toBeNull();
    }
  });

  it('takes a custom range only of real days in order', () => {
    expect(customPeriod('2026-03-05', '2026-03-05')).toEqual({ kind: 'custom', from: '2026-03-05', to: '2026-03-05' });
    expect(customPeriod('2026-03-06', '2026-03-05')).toBeNull();
    expect(customPeriod('2026-02-30', '2026-03-05')).toBeNull();
    expect(isFigureDay('2024-02-29')).toBe(true);
    expect(isFigureDay('2026-02-29')).toBe(false);
  });

  it('compares with the same period a year earlier, whole months staying whole', () => {
    expect(samePeriodLastYear(periodOfLabel('2025-02')!)).toEqual({
      kind: 'month',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(samePeriodLastYear(periodOfLabel('2024-02')!)).toEqual({
      kind: 'month',
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(samePeriodLastYear(periodOfLabel('2026')!)).toEqual({ kind: 'year', from: '2025-01-01', to: '2025-12-31' });
    expect(samePeriodLastYear(customPeriod('2024-02-29', '2024-03-10')!)).toEqual({
      kind: 'custom',
      from: '2023-02-28',
      to: '2023-03-10',
    });
    expect(dayOneYearEarlier('2026-12-31')).toBe('2025-12-31');
  });

  it('lists every day of a period across a month end and a leap day', () => {
    expect(daysOfPeriod({ from: '2024-02-27', to: '2024-03-02' })).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(daysOfPeriod(periodOfLabel('2026')!)).toHaveLength(365);
  });
});

describe('figurePeriodLabel', () => {
  it('names months, quarters, years and custom ranges as cadres write them', () => {
    expect(figurePeriodLabel(periodOfLabel('2026-03')!)).toBe('2026年3月');
    expect(figurePeriodLabel(periodOfLabel('2026-Q4')!)).toBe('2026年第4季度');
    expect(figurePeriodLabel(periodOfLabel('2026')!)).toBe('2026年');
    expect(figurePeriodLabel(customPeriod('2026-03-01', '2026-03-15')!)).toBe('2026-03-01 至 2026-03-15');
  });
});
