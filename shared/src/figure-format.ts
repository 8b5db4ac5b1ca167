/**
 * How a figure's value reads, the same on the phone, the printable report and the spreadsheet:
 * null is 无数据 (nobody could compute it), never 0.
 */
import type { FigureFormat } from './contract/figures';

export const NO_FIGURE = '无数据';

const grouped = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatFigure(value: number | null, format: FigureFormat): string {
  if (value === null || !Number.isFinite(value)) return NO_FIGURE;
  switch (format) {
    case 'fen':
      return `¥${grouped(value / 100, 2)}`;
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'days':
      return `${value.toFixed(1)} 天`;
    case 'hours':
      return `${value.toFixed(1)} 小时`;
    case 'score':
      return `${value.toFixed(1)} 分`;
    default:
      return grouped(Math.round(value));
  }
}

/** 同比: the change on the same period last year, as +12.5% / -3.0%; null without a base. */
export function figureChange(value: number | null, lastYear: number | null): string | null {
  if (value === null || lastYear === null || lastYear === 0) return null;
  const change = ((value - lastYear) / Math.abs(lastYear)) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}
