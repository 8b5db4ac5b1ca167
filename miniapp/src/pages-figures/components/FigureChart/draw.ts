/** Draws a series with uCharts on a `type="2d"` canvas, the same way in weapp and H5. */
import Taro from '@tarojs/taro';
import UCharts from '@qiun/ucharts';
import type { FigureDetail, FigureFormat } from '@union/shared';

export type FigureSeries = FigureDetail['series'];

/** Past this many points bars get too thin to read: a line instead. */
const MAX_BARS = 16;

/** The axis shows plain numbers in the unit people read: yuan, not fen; percent, not 0–1. */
function scaled(value: number | null, format: FigureFormat): number | null {
  if (value === null) return null;
  if (format === 'fen') return value / 100;
  if (format === 'rate') return value * 100;
  return value;
}

const UNIT: Partial<Record<FigureFormat, string>> = { fen: '元', rate: '%', days: '天', hours: '小时', score: '分' };

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

function canvasNode(id: string): Promise<{ node: CanvasNode; width: number; height: number } | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: ({ node?: CanvasNode; width?: number; height?: number } | null)[]) => {
        const found = res?.[0];
        resolve(
          found?.node && found.width && found.height
            ? { node: found.node, width: found.width, height: found.height }
            : null,
        );
      });
  });
}

/** False when there is no canvas to draw on; the caller then shows the table. */
export async function drawFigureChart(id: string, series: FigureSeries, format: FigureFormat): Promise<boolean> {
  if (typeof Taro.createSelectorQuery !== 'function') return false;
  const found = await canvasNode(id);
  if (!found) return false;
  const { node, width, height } = found;
  const pixelRatio = Taro.getWindowInfo?.().pixelRatio ?? 1;
  node.width = width * pixelRatio;
  node.height = height * pixelRatio;
  const context = node.getContext('2d');
  if (!context) return false;
  const unit = UNIT[format] ?? '';
  new UCharts({
    type: series.length > MAX_BARS ? 'line' : 'column',
    context,
    canvas2d: true,
    width: width * pixelRatio,
    height: height * pixelRatio,
    pixelRatio,
    animation: false,
    background: '#FFFFFF',
    color: ['#c8161d', '#bfbfbf'],
    padding: [16, 12, 4, 4],
    fontSize: 11,
    dataLabel: false,
    dataPointShape: false,
    categories: series.map((point) => point.label),
    series: [
      { name: '本期', data: series.map((point) => scaled(point.value, format)), connectNulls: false },
      { name: '上年同期', data: series.map((point) => scaled(point.lastYear, format)), connectNulls: false },
    ],
    xAxis: { disableGrid: true, labelCount: Math.min(series.length, 6) },
    yAxis: { gridType: 'dash', data: [{ min: 0, unit: unit ? ` ${unit}` : '' }] },
    legend: { show: true, position: 'top' },
    extra: { column: { type: 'group', width: Math.max(4, 24 - series.length) }, line: { type: 'straight', width: 2 } },
  });
  return true;
}
