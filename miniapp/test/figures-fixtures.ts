/** 统计与年报 data for tests, shaped by the shared contract. */
import type { AnnualReport, FigureDetail, FiguresReport } from '@union/shared';

export const CITY = { id: '64b7f0c2a1b2c3d4e5f60100', name: '杭州市总工会', level: 'city' };
export const XIHU = { id: '64b7f0c2a1b2c3d4e5f60101', name: '西湖区总工会', level: 'district' };
export const XIXI = { id: '64b7f0c2a1b2c3d4e5f60102', name: '西溪街道总工会', level: 'street' };
export const BINJIANG = { id: '64b7f0c2a1b2c3d4e5f60103', name: '滨江区总工会', level: 'district' };

const period = (from: string, to: string, label: string) => ({ kind: 'year' as const, label, from, to });

export function figuresReport(overrides: Partial<FiguresReport> = {}): FiguresReport {
  return {
    org: CITY,
    trail: [CITY],
    children: [XIHU, BINJIANG],
    period: period('2026-01-01', '2026-12-31', '2026年'),
    comparedWith: period('2025-01-01', '2025-12-31', '2025年'),
    sections: [
      {
        key: 'membership',
        title: '会员',
        figures: [
          { key: 'members.new', label: '新入会', format: 'count', value: 1280, lastYear: 1024, current: false },
          {
            key: 'members.review_days',
            label: '入会审核平均用时',
            format: 'days',
            value: null,
            lastYear: 2.5,
            current: false,
            note: '提交到审核完成的中位天数',
          },
        ],
      },
      {
        key: 'stations',
        title: '驿站',
        figures: [
          { key: 'stations.open', label: '开放驿站', format: 'count', value: 36, lastYear: null, current: true },
          {
            key: 'stations.visits',
            label: '服务人次',
            format: 'count',
            value: 900,
            lastYear: 1000,
            current: false,
            breakdown: [
              { key: 'H08', label: '8时', value: 120 },
              { key: 'H12', label: '12时', value: null },
            ],
          },
        ],
      },
    ],
    ...overrides,
  };
}

export function figureDetail(overrides: Partial<FigureDetail> = {}): FigureDetail {
  const report = figuresReport();
  return {
    org: CITY,
    period: report.period,
    comparedWith: report.comparedWith,
    figure: report.sections[1]!.figures[1]!,
    series: [
      { label: '1月', value: 60, lastYear: 80 },
      { label: '2月', value: null, lastYear: 75 },
      { label: '3月', value: 90, lastYear: null },
    ],
    byChild: [
      { org: XIHU, value: 700 },
      { org: BINJIANG, value: null },
    ],
    ...overrides,
  };
}

export function annualReport(overrides: Partial<AnnualReport> = {}): AnnualReport {
  return {
    ...figuresReport(),
    year: 2026,
    generatedAt: '2026-12-31T08:00:00.000Z',
    childRows: [
      {
        org: XIHU,
        values: { 'members.new': 800, 'members.review_days': 3.25, 'stations.open': 20, 'stations.visits': 600 },
      },
      { org: BINJIANG, values: { 'members.new': 480, 'members.review_days': null, 'stations.open': 16 } },
    ],
    ...overrides,
  };
}
