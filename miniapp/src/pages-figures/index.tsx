import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { FiguresQuerySchema, type FiguresReport } from '@union/shared';
import { useRef, useState } from 'react';
import { errorMessage } from '../services/http';
import { ROUTES } from '../routes';
import { FigureCard } from './components/FigureCard';
import { OrgHeader } from './components/OrgHeader';
import { PeriodPicker, periodText } from './components/PeriodPicker';
import { figuresUrl, periodOfParams, periodQuery, type PeriodChoice } from './period';
import { fetchFigures } from './services';
import './figures.css';

interface Shown {
  orgId?: string;
  period: PeriodChoice;
}

/**
 * 统计: an org's figures (with its sub-orgs) over a month, quarter, year or custom range, each
 * against the same period last year. Opens on this year for the cadre's own org; the org can be
 * switched down to a sub-org and back up the trail.
 */
export default function FiguresPage() {
  const [shown, setShown] = useState<Shown>({ period: periodOfParams({}) });
  const [report, setReport] = useState<FiguresReport | null>(null);
  const [error, setError] = useState('');
  // Answers can arrive out of order when the cadre taps fast; only the latest one is shown.
  const latest = useRef(0);

  async function load(next: Shown) {
    setShown(next);
    const query = FiguresQuerySchema.safeParse({ orgId: next.orgId, ...periodQuery(next.period) });
    if (!query.success) return setError(query.error.issues[0]?.message ?? '请检查统计期间');
    setError('');
    const ticket = ++latest.current;
    try {
      const answer = await fetchFigures(query.data);
      if (ticket === latest.current) setReport(answer);
    } catch (failure) {
      if (ticket === latest.current) setError(errorMessage(failure));
    }
  }

  useLoad(
    (params: Record<string, string | undefined>) =>
      void load({ orgId: params.orgId || undefined, period: periodOfParams(params) }),
  );

  const openFigure = (figure: string) =>
    void Taro.navigateTo({
      url: figuresUrl(ROUTES.figureDetail, { figure, orgId: report?.org.id, ...periodQuery(shown.period) }),
    });
  const openReport = () =>
    void Taro.navigateTo({
      url: figuresUrl(ROUTES.annualReport, {
        orgId: report?.org.id,
        year: shown.period.kind === 'custom' ? shown.period.to.slice(0, 4) : shown.period.label.slice(0, 4),
      }),
    });

  return (
    <View className="page figures-page">
      {report ? (
        <OrgHeader
          org={report.org}
          trail={report.trail}
          children={report.children}
          onChoose={(orgId) => void load({ ...shown, orgId })}
        />
      ) : null}
      <PeriodPicker period={shown.period} onChange={(period) => void load({ ...shown, period })} />
      {error ? (
        <Text className="notice notice--error" data-testid="figures-error">
          {error}
        </Text>
      ) : null}
      {report ? (
        <>
          <Text className="muted figures-compared" data-testid="figures-period">
            {`${report.period.label}，同比：${report.comparedWith.label}`}
          </Text>
          {report.sections.map((section) => (
            <View key={section.key} className="panel" data-testid={`figures-section-${section.key}`}>
              <Text className="panel__title">{section.title}</Text>
              <View className="figure-cards">
                {section.figures.map((figure) => (
                  <FigureCard key={figure.key} figure={figure} onOpen={() => openFigure(figure.key)} />
                ))}
              </View>
            </View>
          ))}
          <Button className="btn btn--primary" onClick={openReport} data-testid="figures-annual-report">
            导出年度报表
          </Button>
        </>
      ) : error ? null : (
        <Text className="muted">{`正在加载${periodText(shown.period)}的统计…`}</Text>
      )}
    </View>
  );
}
