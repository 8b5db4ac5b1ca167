import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { annualReport, BINJIANG, CITY, figureDetail, figuresReport, XIHU } from '../../test/figures-fixtures';
import { signInAs, unionStaff } from '../../test/staff-fixtures';
import { queryOf } from '../../test/station-fixtures';
import { taroTest } from '../../test/taro-mock';
import FigureDetailPage from './detail/index';
import FiguresPage from './index';
import AnnualReportPage from './report/index';

/** Serves the figures endpoints and records what was asked (path and query). */
function serve(answers: Record<string, unknown>) {
  const calls: { path: string; query: Record<string, string> }[] = [];
  taroTest.respondWith(({ path, query }) => {
    calls.push({ path, query: queryOf(query) });
    return path in answers ? { statusCode: 200, data: answers[path] } : { statusCode: 404, data: null };
  });
  return calls;
}

const text = (testId: string) => screen.getByTestId(testId).textContent;

afterEach(() => vi.useRealTimers());

describe('统计', () => {
  it("shows this year's figures of the cadre's org, 无数据 for a value nobody could compute, 当前 for a state", async () => {
    vi.useFakeTimers({ now: new Date('2026-03-15T10:00:00+08:00'), toFake: ['Date'] });
    signInAs(unionStaff());
    const calls = serve({ '/api/staff/figures': figuresReport() });
    render(<FiguresPage />);

    expect((await screen.findByTestId('figures-org-name')).textContent).toBe('杭州市总工会');
    expect(calls).toEqual([{ path: '/api/staff/figures', query: { period: '2026' } }]);
    expect(text('figure-value-members.new')).toBe('1,280');
    expect(text('figure-change-members.new')).toBe('同比 ↑ 25.0%');
    expect(text('figure-value-members.review_days')).toBe('无数据');
    expect(text('figure-change-members.review_days')).toBe('同比 —');
    expect(screen.getByTestId('figure-card-members.review_days').textContent).toContain('提交到审核完成的中位天数');
    expect(text('figure-change-stations.visits')).toBe('同比 ↓ 10.0%');
    const open = screen.getByTestId('figure-card-stations.open');
    expect(open.textContent).toContain('当前');
    expect(screen.queryByTestId('figure-change-stations.open')).toBeNull();

    fireEvent.click(screen.getByTestId('figure-card-stations.visits'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages-figures/detail/index?figure=stations.visits&orgId=${CITY.id}&period=2026`,
    });
    fireEvent.click(screen.getByTestId('figures-annual-report'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages-figures/report/index?orgId=${CITY.id}&year=2026` });
  });

  it('asks again for the chosen month, quarter, year or range, refusing a range that ends before it starts', async () => {
    vi.useFakeTimers({ now: new Date('2026-05-01T00:30:00+08:00'), toFake: ['Date'] });
    signInAs(unionStaff());
    const calls = serve({ '/api/staff/figures': figuresReport() });
    render(<FiguresPage />);
    await screen.findByTestId('figures-org-name');

    fireEvent.click(screen.getByTestId('figures-period-kind-month'));
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ period: '2026-05' }));
    fireEvent.change(screen.getByTestId('figures-period-picker-input'), { target: { value: '2026-02' } });
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ period: '2026-02' }));

    fireEvent.click(screen.getByTestId('figures-period-kind-quarter'));
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ period: '2026-Q2' }));
    // The choices run newest first: 2026 Q2, Q1, then 2025 Q4…
    fireEvent.change(screen.getByTestId('figures-period-picker-input'), { target: { value: '2' } });
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ period: '2025-Q4' }));

    fireEvent.click(screen.getByTestId('figures-period-kind-year'));
    fireEvent.change(screen.getByTestId('figures-period-picker-input'), { target: { value: '2025' } });
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ period: '2025' }));

    fireEvent.click(screen.getByTestId('figures-period-kind-custom'));
    await waitFor(() => expect(calls.at(-1)?.query).toEqual({ from: '2026-01-01', to: '2026-05-01' }));
    const asked = calls.length;
    fireEvent.change(screen.getByTestId('figures-period-from-input'), { target: { value: '2026-06-01' } });
    expect((await screen.findByTestId('figures-error')).textContent).toBe('结束日期不能早于开始日期');
    expect(calls).toHaveLength(asked);
  });

  it('switches to a sub-org with the picker and back up the trail, keeping the period', async () => {
    signInAs(unionStaff());
    const calls: Record<string, string>[] = [];
    taroTest.respondWith(({ query }) => {
      const asked = queryOf(query);
      calls.push(asked);
      const report =
        asked.orgId === BINJIANG.id
          ? figuresReport({ org: BINJIANG, trail: [CITY, BINJIANG], children: [] })
          : figuresReport();
      return { statusCode: 200, data: report };
    });
    render(<FiguresPage />);
    await screen.findByTestId('figures-org-name');
    fireEvent.click(screen.getByTestId('figures-period-kind-month'));
    await waitFor(() => expect(calls).toHaveLength(2));
    const month = calls[1]!.period;

    fireEvent.change(screen.getByTestId('figures-child-picker-input'), { target: { value: '1' } });
    await waitFor(() => expect(text('figures-org-name')).toBe('滨江区总工会'));
    expect(calls.at(-1)).toEqual({ orgId: BINJIANG.id, period: month });
    expect(screen.queryByTestId('figures-child-picker')).toBeNull();

    fireEvent.click(screen.getByTestId(`figures-trail-${CITY.id}`));
    await waitFor(() => expect(text('figures-org-name')).toBe('杭州市总工会'));
    expect(calls.at(-1)).toEqual({ orgId: CITY.id, period: month });
  });
});

describe('统计详情', () => {
  it('shows the series against last year, the breakdown and each sub-org, 无数据 where there is none', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ figure: 'stations.visits', orgId: CITY.id, period: '2026' });
    const calls = serve({ '/api/staff/figure': figureDetail() });
    render(<FigureDetailPage />);

    expect((await screen.findByTestId('figure-detail-value')).textContent).toBe('900');
    expect(calls).toEqual([
      { path: '/api/staff/figure', query: { orgId: CITY.id, period: '2026', figure: 'stations.visits' } },
    ]);
    expect(text('figure-detail-change')).toBe('同比 ↓ 10.0%');
    // No canvas in jsdom: the chart's numbers are written out instead.
    const chart = screen.getByTestId('figure-detail-chart');
    expect([...chart.querySelectorAll('[data-testid="figure-chart-row"]')].map((row) => row.textContent)).toEqual([
      '1月6080',
      '2月无数据75',
      '3月90无数据',
    ]);
    expect(text('figure-breakdown-H08')).toBe('8时120');
    expect(text('figure-breakdown-H12')).toBe('12时无数据');
    expect(text(`figure-child-${XIHU.id}`)).toBe('西湖区总工会700');
    expect(text(`figure-child-${BINJIANG.id}`)).toBe('滨江区总工会无数据');
  });

  it('looks at the same figure of a sub-org when one is tapped', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ figure: 'stations.visits', from: '2026-03-01', to: '2026-03-15' });
    const calls = serve({ '/api/staff/figure': figureDetail() });
    render(<FigureDetailPage />);
    await screen.findByTestId('figure-detail-value');
    expect(calls[0]?.query).toEqual({ from: '2026-03-01', to: '2026-03-15', figure: 'stations.visits' });

    fireEvent.click(screen.getByTestId(`figure-child-${XIHU.id}`));
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({
        path: '/api/staff/figure',
        query: { orgId: XIHU.id, from: '2026-03-01', to: '2026-03-15', figure: 'stations.visits' },
      }),
    );
  });

  it('says a current state has no history instead of drawing an empty chart', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ figure: 'stations.open', period: '2026' });
    const open = figuresReport().sections[1]!.figures[0]!;
    serve({ '/api/staff/figure': figureDetail({ figure: open, series: [] }) });
    render(<FigureDetailPage />);
    expect((await screen.findByTestId('figure-detail-chart')).textContent).toBe('当前状态类指标，没有历史走势');
    expect(screen.queryByTestId('figure-detail-change')).toBeNull();
  });
});

describe('年度工作报表', () => {
  it('prints one table per section with 本年 / 上年 / 同比 and each breakdown, then the sub-orgs, and reads another year', async () => {
    signInAs(unionStaff());
    taroTest.setRouterParams({ orgId: CITY.id, year: '2026' });
    const calls = serve({ '/api/staff/annual-report': annualReport() });
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    render(<AnnualReportPage />);

    expect((await screen.findByTestId('annual-report-title')).textContent).toBe('杭州市总工会 2026年度工作报表');
    expect(calls).toEqual([{ path: '/api/staff/annual-report', query: { orgId: CITY.id, year: '2026' } }]);
    const rows = (testId: string) =>
      [...screen.getByTestId(testId).querySelectorAll(`[data-testid="${testId}-row"]`)].map((row) =>
        [...row.children].map((cell) => cell.textContent),
      );
    expect(rows('annual-report-table-membership')).toEqual([
      ['新入会', '1,280', '1,024', '+25.0%'],
      ['入会审核平均用时', '无数据', '2.5 天', '—'],
    ]);
    // A figure's breakdown follows it as 其中 rows, in the BFF's order, with this year's value only.
    expect(rows('annual-report-table-stations')).toEqual([
      ['开放驿站（当前）', '36', '—', '—'],
      ['服务人次', '900', '1,000', '-10.0%'],
      ['其中：8时', '120', '', ''],
      ['其中：12时', '无数据', '', ''],
    ]);
    expect(screen.getByTestId('annual-report-children')).toBeTruthy();
    expect(rows('annual-report-children-membership')).toEqual([
      ['西湖区总工会', '800', '3.3 天'],
      ['滨江区总工会', '480', '无数据'],
    ]);
    expect(rows('annual-report-children-stations')).toEqual([
      ['西湖区总工会', '20', '600'],
      ['滨江区总工会', '16', '无数据'],
    ]);

    fireEvent.click(screen.getByTestId('annual-report-print'));
    expect(print).toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('annual-report-year-input'), { target: { value: '2025' } });
    await waitFor(() =>
      expect(calls.at(-1)).toEqual({ path: '/api/staff/annual-report', query: { orgId: CITY.id, year: '2025' } }),
    );
  });

  it('exports the year as the BFF’s spreadsheet and opens it in WeChat', async () => {
    process.env.TARO_ENV = 'weapp';
    signInAs(unionStaff());
    taroTest.setRouterParams({ orgId: CITY.id, year: '2026' });
    const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    const calls = serve({ '/api/staff/annual-report': annualReport(), '/api/staff/annual-report.xlsx': sheet });
    render(<AnnualReportPage />);
    await screen.findByTestId('annual-report-title');
    expect(screen.queryByTestId('annual-report-print')).toBeNull();

    fireEvent.click(screen.getByTestId('annual-report-export'));
    await waitFor(() => expect(Taro.openDocument).toHaveBeenCalled());
    expect(calls.at(-1)).toEqual({ path: '/api/staff/annual-report.xlsx', query: { orgId: CITY.id, year: '2026' } });
    expect(Taro.getFileSystemManager().writeFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://usr/杭州市总工会2026年度工作报表.xlsx', data: sheet }),
    );
  });

  it('downloads the spreadsheet in the browser with the sign-in, as a file named after the org and year', async () => {
    signInAs(unionStaff());
    const sheet = new Uint8Array([0x50, 0x4b, 0x03, 0x04]).buffer;
    const asked: { path: string; token?: string; responseType?: string }[] = [];
    taroTest.respondWith(({ path, token, responseType }) => {
      asked.push({ path, token, responseType });
      return { statusCode: 200, data: path.endsWith('.xlsx') ? sheet : annualReport() };
    });
    const saved: { href: string; download: string }[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:annual-report');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    render(<AnnualReportPage />);
    await screen.findByTestId('annual-report-title');

    fireEvent.click(screen.getByTestId('annual-report-export'));
    await waitFor(() =>
      expect(saved).toEqual([{ href: 'blob:annual-report', download: '杭州市总工会2026年度工作报表.xlsx' }]),
    );
    expect(asked.at(-1)).toEqual({
      path: '/api/staff/annual-report.xlsx',
      token: 'access-token-1',
      responseType: 'arraybuffer',
    });
    click.mockRestore();
  });
});
