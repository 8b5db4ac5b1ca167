import { Button, Picker, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { chinaDateOf, figureChange, formatFigure, type AnnualReport, type Figure } from '@union/shared';
import { useRef, useState } from 'react';
import { errorMessage } from '../../services/http';
import { isWeapp } from '../../utils/platform';
import { saveSpreadsheet } from '../../utils/save-spreadsheet';
import { downloadAnnualReportSheet, fetchAnnualReport } from '../services';
import { ReportTable, type ReportRow } from './ReportTable';
import '../figures.css';
import './index.css';

/** A year's values as the report prints them; a state (当前) has no last year to compare. */
function lastYearText(figure: Figure) {
  return figure.current ? '—' : formatFigure(figure.lastYear, figure.format);
}

function changeText(figure: Figure) {
  return figure.current ? '—' : (figureChange(figure.value, figure.lastYear) ?? '—');
}

/**
 * A figure's row, then its breakdown (by occupation, tier, category, hour…) as 其中 rows in the
 * BFF's order, the same rows as the .xlsx: a breakdown has this year's value only.
 */
function figureRows(figure: Figure): ReportRow[] {
  const breakdown = figure.breakdown ?? [];
  return [
    {
      key: figure.key,
      leadsSub: breakdown.length > 0,
      cells: [
        figure.current ? `${figure.label}（当前）` : figure.label,
        formatFigure(figure.value, figure.format),
        lastYearText(figure),
        changeText(figure),
      ],
    },
    ...breakdown.map((row) => ({
      key: `${figure.key}:${row.key}`,
      sub: true,
      cells: [`其中：${row.label}`, formatFigure(row.value, figure.format), '', ''],
    })),
  ];
}

/**
 * 年度工作报表: every figure of the year against the year before, with its breakdown, section by
 * section, then the same figures for each sub-org. Printable on A4 from the browser (打印), and
 * exported as the BFF's .xlsx (导出 Excel) in both the browser and WeChat.
 */
export default function AnnualReportPage() {
  const [orgId, setOrgId] = useState<string | undefined>();
  const [year, setYear] = useState(() => Number(chinaDateOf(new Date()).slice(0, 4)));
  const [report, setReport] = useState<AnnualReport | null>(null);
  const [error, setError] = useState('');
  const [exporting, setExporting] = useState(false);
  const latest = useRef(0);

  async function load(nextOrgId: string | undefined, nextYear: number) {
    setOrgId(nextOrgId);
    setYear(nextYear);
    setError('');
    const ticket = ++latest.current;
    try {
      const answer = await fetchAnnualReport({ orgId: nextOrgId, year: nextYear });
      if (ticket === latest.current) setReport(answer);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  }

  useLoad((params: Record<string, string | undefined>) => {
    const asked = Number(params.year);
    void load(params.orgId || undefined, Number.isInteger(asked) && asked >= 2000 ? asked : year);
  });

  async function exportSheet() {
    setExporting(true);
    try {
      const name = report?.org.name ?? '';
      await saveSpreadsheet(() => downloadAnnualReportSheet({ orgId, year }), `${name}${year}年度工作报表.xlsx`);
    } finally {
      setExporting(false);
    }
  }

  const figures = report?.sections.flatMap((section) => section.figures) ?? [];
  return (
    <View className="page annual-report">
      <View className="panel annual-report__actions">
        <Picker
          mode="date"
          fields="year"
          value={String(year)}
          onChange={(e) => void load(orgId, Number(String(e.detail.value).slice(0, 4)))}
          data-testid="annual-report-year"
        >
          <Text className="figures-picker">{`${year}年 ▾`}</Text>
        </Picker>
        <View className="annual-report__buttons">
          {isWeapp() ? null : (
            <Button
              className="btn btn--small"
              disabled={!report}
              onClick={() => window.print()}
              data-testid="annual-report-print"
            >
              打印
            </Button>
          )}
          <Button
            className="btn btn--small btn--primary"
            disabled={!report || exporting}
            loading={exporting}
            onClick={() => void exportSheet()}
            data-testid="annual-report-export"
          >
            导出 Excel
          </Button>
        </View>
      </View>
      {error ? (
        <Text className="notice notice--error" data-testid="annual-report-error">
          {error}
        </Text>
      ) : null}
      {report ? (
        <View className="annual-report__sheet">
          <Text className="annual-report__title" data-testid="annual-report-title">
            {`${report.org.name} ${report.year}年度工作报表`}
          </Text>
          <Text className="muted annual-report__meta">
            {`统计期间：${report.period.label}；对比：${report.comparedWith.label}；生成时间：${chinaDateOf(new Date(report.generatedAt))}`}
          </Text>
          {report.sections.map((section) => (
            <ReportTable
              key={section.key}
              title={section.title}
              testId={`annual-report-table-${section.key}`}
              head={['指标', '本年', '上年', '同比']}
              rows={section.figures.flatMap(figureRows)}
            />
          ))}
          <View data-testid="annual-report-children">
            {report.childRows.length === 0 ? (
              <Text className="muted">无下级组织</Text>
            ) : (
              report.sections.map((section) => (
                <ReportTable
                  key={section.key}
                  title={`下级组织 · ${section.title}`}
                  testId={`annual-report-children-${section.key}`}
                  head={['组织', ...section.figures.map((figure) => figure.label)]}
                  rows={report.childRows.map((row) => ({
                    key: row.org.id,
                    cells: [
                      row.org.name,
                      ...section.figures.map((figure) => formatFigure(row.values[figure.key] ?? null, figure.format)),
                    ],
                  }))}
                />
              ))
            )}
          </View>
          {figures.some((figure) => figure.note) ? (
            <View className="annual-report__notes">
              <Text className="annual-report__subtitle">口径说明</Text>
              {figures
                .filter((figure) => figure.note)
                .map((figure) => (
                  <Text key={figure.key} className="annual-report__note">{`${figure.label}：${figure.note}`}</Text>
                ))}
            </View>
          ) : null}
        </View>
      ) : error ? null : (
        <Text className="muted">正在生成报表…</Text>
      )}
    </View>
  );
}
