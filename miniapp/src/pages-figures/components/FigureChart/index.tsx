/**
 * A figure's series drawn as a chart: this period against the same period last year, bars for
 * a few points, a line for many days. The one place that knows the chart library (uCharts, a
 * small canvas library for mini-programs and browsers), so it can be swapped here alone.
 * The numbers are also written out as a table: read by screen readers, and shown instead of
 * the chart when there is no canvas to draw on (jsdom in tests, an old WebView).
 */
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFigure, type FigureFormat } from '@union/shared';
import { useEffect, useState } from 'react';
import { drawFigureChart, type FigureSeries } from './draw';
import './index.css';

export type { FigureSeries } from './draw';

interface FigureChartProps {
  series: FigureSeries;
  format: FigureFormat;
  testId?: string;
}

let nextId = 0;

export function FigureChart({ series, format, testId }: FigureChartProps) {
  const [canvasId] = useState(() => `figure-chart-${++nextId}`);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');
  const drawn = state === 'drawn';

  useEffect(() => {
    let live = true;
    setState('drawing');
    if (series.length === 0) return;
    // After this render reaches the native layer (weapp) or the DOM (H5): only then is the canvas there.
    const draw = () =>
      drawFigureChart(canvasId, series, format)
        .then((ok) => live && setState(ok ? 'drawn' : 'failed'))
        .catch(() => live && setState('failed'));
    if (typeof Taro.nextTick === 'function') Taro.nextTick(draw);
    else void draw();
    return () => {
      live = false;
    };
  }, [canvasId, series, format]);

  if (series.length === 0) {
    return (
      <View className="figure-chart" data-testid={testId}>
        <Text className="muted">当前状态类指标，没有历史走势</Text>
      </View>
    );
  }
  return (
    <View className="figure-chart" data-testid={testId}>
      <Canvas
        type="2d"
        id={canvasId}
        className={`figure-chart__canvas ${state === 'failed' ? 'figure-chart__canvas--failed' : ''}`}
      />
      <View className={drawn ? 'figure-chart__table figure-chart__table--aside' : 'figure-chart__table'}>
        <View className="figure-chart__row figure-chart__row--head">
          <Text className="figure-chart__cell">期间</Text>
          <Text className="figure-chart__cell">本期</Text>
          <Text className="figure-chart__cell">上年同期</Text>
        </View>
        {series.map((point) => (
          <View key={point.label} className="figure-chart__row" data-testid="figure-chart-row">
            <Text className="figure-chart__cell">{point.label}</Text>
            <Text className="figure-chart__cell">{formatFigure(point.value, format)}</Text>
            <Text className="figure-chart__cell">{formatFigure(point.lastYear, format)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
