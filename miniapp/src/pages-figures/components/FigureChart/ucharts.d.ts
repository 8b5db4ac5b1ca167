/** The part of uCharts (no typings of its own) that FigureChart uses. */
declare module '@qiun/ucharts' {
  export interface UChartsOptions {
    type: 'column' | 'line';
    context: unknown;
    width: number;
    height: number;
    pixelRatio?: number;
    canvas2d?: boolean;
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    dataLabel?: boolean;
    dataPointShape?: boolean;
    categories: string[];
    series: { name: string; data: (number | null)[]; connectNulls?: boolean }[];
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    legend?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }
  export default class UCharts {
    constructor(options: UChartsOptions);
  }
}
