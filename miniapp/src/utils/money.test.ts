import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, yuanToFen } from './money';

describe('money', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [300000, '¥3,000.00'],
    [123456789, '¥1,234,567.89'],
    [-150, '-¥1.50'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([
    ['3000', 300000],
    ['0.29', 29],
    ['12.5', 1250],
    ['12.', 1200],
    [' 48,000.00 ', 4800000],
  ])('reads %s yuan as %i fen without float errors', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', 'abc', '1.234', '-5', '1e3'])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it('round-trips fen to what the member typed', () => {
    expect(fenToYuanInput(4800000)).toBe('48000');
    expect(fenToYuanInput(1250)).toBe('12.50');
    expect(yuanToFen(fenToYuanInput(29))).toBe(29);
  });
});
