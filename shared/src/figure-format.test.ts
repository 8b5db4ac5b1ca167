import { describe, expect, it } from 'vitest';
import { figureChange, formatFigure, NO_FIGURE } from './figure-format';

describe('formatFigure', () => {
  it('shows 无数据 for a figure nobody could compute, and 0 as 0', () => {
    expect(formatFigure(null, 'rate')).toBe(NO_FIGURE);
    expect(formatFigure(0, 'count')).toBe('0');
  });

  it('reads money in yuan, rates as percentages and durations with their unit', () => {
    expect(formatFigure(13_000_000, 'fen')).toBe('¥130,000.00');
    expect(formatFigure(0.98, 'rate')).toBe('98.0%');
    expect(formatFigure(2.25, 'days')).toBe('2.3 天');
    expect(formatFigure(4521, 'count')).toBe('4,521');
  });

  it('gives 同比 only against a non-zero base', () => {
    expect(figureChange(110, 100)).toBe('+10.0%');
    expect(figureChange(90, 100)).toBe('-10.0%');
    expect(figureChange(5, 0)).toBeNull();
    expect(figureChange(null, 100)).toBeNull();
  });
});
