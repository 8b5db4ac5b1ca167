/**
 * The chart with a canvas to draw on: the selector query hands over a 2D context that records
 * what uCharts draws, and the data table then steps aside for screen readers only.
 */
import { render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it } from 'vitest';
import { FigureChart } from './index';

/** A 2D context that accepts every call and counts them by name. */
function recordingContext() {
  const calls = new Map<string, number>();
  const state: Record<string, unknown> = {};
  const context = new Proxy(state, {
    get: (target, key: string) =>
      key in target
        ? target[key]
        : key === 'measureText'
          ? (text: string) => ({ width: String(text).length * 6 })
          : () => void calls.set(key, (calls.get(key) ?? 0) + 1),
    set: (target, key: string, value) => ((target[key] = value), true),
  });
  return { context, calls };
}

const taro = Taro as unknown as Record<string, unknown>;
afterEach(() => {
  delete taro.createSelectorQuery;
  delete taro.getWindowInfo;
});

function withCanvas(context: unknown) {
  const node = { width: 0, height: 0, getContext: () => context };
  taro.getWindowInfo = () => ({ pixelRatio: 2 });
  taro.createSelectorQuery = () => {
    const query = {
      select: () => query,
      fields: () => query,
      exec: (callback: (res: unknown[]) => void) => callback([{ node, width: 350, height: 220 }]),
    };
    return query;
  };
  return node;
}

const month = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `${i + 1}日`, value: i, lastYear: null }));

describe('FigureChart', () => {
  it.each([
    ['bars for a year by month', 12, 'fill'],
    ['a line for a month by day', 31, 'stroke'],
  ])('draws %s, at the screen’s pixel ratio, and keeps the numbers for screen readers', async (_, points, mark) => {
    const { context, calls } = recordingContext();
    const node = withCanvas(context);
    render(<FigureChart series={month(points)} format="fen" testId="chart" />);

    await waitFor(() => expect(calls.get('fillText') ?? 0).toBeGreaterThan(points / 6));
    expect(calls.get(mark)).toBeGreaterThan(0);
    expect([node.width, node.height]).toEqual([700, 440]);
    const table = screen.getByTestId('chart').querySelector('.figure-chart__table');
    expect(table?.className).toContain('figure-chart__table--aside');
    expect(screen.getAllByTestId('figure-chart-row')).toHaveLength(points);
    expect(screen.getAllByTestId('figure-chart-row')[1]?.textContent).toBe('2日¥0.01无数据');
  });

  it('shows the table when there is no canvas to draw on', async () => {
    render(<FigureChart series={month(3)} format="count" testId="chart" />);
    await waitFor(() =>
      expect(screen.getByTestId('chart').querySelector('canvas')?.className).toContain('figure-chart__canvas--failed'),
    );
    expect(screen.getByTestId('chart').querySelector('.figure-chart__table')?.className).not.toContain('aside');
  });
});
